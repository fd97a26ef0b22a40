using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2113: transport security switched off in a production connection string
/// (<c>TrustServerCertificate=true</c>, <c>Encrypt=false</c>, <c>SSL Mode=Disable</c>,
/// <c>SslMode=None</c>). A local database host stays silent: nothing crosses a network.
/// </summary>
internal sealed class ConnectionEncryptionDisabledDetector : ConnectionStringDetectorBase
{
    public override string RuleId => "RDY2113";

    protected override void Check(DocumentContext context, ConnectionStringEntry setting)
    {
        if (setting.IsLocal || setting.Value.Provider == DatabaseProvider.Sqlite)
        {
            return;
        }

        foreach (var part in setting.Value.Parts)
        {
            var safe = SafeValue(setting.Value.Provider, part);
            if (safe is null)
            {
                continue;
            }

            var span = setting.ValueSpanOf(part);
            ProductionScope.Report(context, setting.Entry.Key, span, Arguments(setting, part), [context.Replace(span, safe, $"Set {part.RawKey}={safe}")]);
        }
    }

    private static string? SafeValue(DatabaseProvider provider, ConnectionStringPart part)
    {
        var value = part.Value.ToLowerInvariant();
        return part.Key switch
        {
            "trustservercertificate" when value is "true" or "yes" => "false",
            "encrypt" when value is "false" or "no" or "optional" => "true",
            "sslmode" when value is "disable" or "disabled" or "none" or "allow" or "prefer" && provider == DatabaseProvider.MySql => value is "none" or "disabled" ? "Required" : null,
            "sslmode" when value is "disable" or "allow" => "Require",
            _ => null,
        };
    }
}
