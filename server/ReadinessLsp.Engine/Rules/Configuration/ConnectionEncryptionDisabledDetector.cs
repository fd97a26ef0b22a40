using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2113: transport security weakened in a production connection string: encryption off
/// (<c>Encrypt=false</c>, <c>SSL Mode=Disable</c>, <c>SslMode=None</c>) or the server's certificate
/// not checked (<c>TrustServerCertificate=true</c>, which leaves encryption on: SqlClient encrypts by
/// default). A developer's machine stays silent: nothing crosses a network. The fix is offered only
/// for managed databases whose certificate every machine trusts; elsewhere switching the check on
/// breaks the connection until the server's certificate authority is installed, so the hover says so.
/// </summary>
internal sealed class ConnectionEncryptionDisabledDetector : ConnectionStringDetectorBase
{
    public override string RuleId => "RDY2113";

    protected override void Check(DocumentContext context, ConnectionStringEntry setting)
    {
        if (setting.IsDevelopmentValue || setting.Value.Provider == DatabaseProvider.Sqlite)
        {
            return;
        }

        foreach (var part in setting.Value.Parts)
        {
            if (Weakness(setting.Value.Provider, part) is not var (safe, consequence))
            {
                continue;
            }

            var span = setting.ValueSpanOf(part);
            var arguments = Arguments(setting, part);
            arguments["consequence"] = consequence;
            IReadOnlyList<Fix> fixes = safe is not null && setting.Value.HostPart is { } host && PublicCertificateHosts.Has(host.Value)
                ? [context.Replace(span, safe, $"Set {part.RawKey}={safe}")]
                : [];
            ProductionScope.Report(context, setting.Entry.Key, span, arguments, fixes, whenUsed: true);
        }
    }

    // The value that restores protection (null when none fits every server), and what the current one does.
    private static (string? Safe, string Consequence)? Weakness(DatabaseProvider provider, ConnectionStringPart part)
    {
        const string Unchecked = "the server's certificate is not checked, so anyone on the network path can pose as the database and read or change the traffic";
        const string Clear = "the connection is not encrypted, so queries, results and the password cross the network readable";
        const string Optional = "encryption is only attempted, so anyone on the network path can switch it off";
        var value = part.Value.ToLowerInvariant();
        return part.Key switch
        {
            "trustservercertificate" when value is "true" or "yes" => ("false", Unchecked),
            "encrypt" when value is "false" or "no" or "optional" => ("true", Clear),
            "sslmode" when provider == DatabaseProvider.MySql && value is "none" or "disabled" => ("Required", Clear),
            "sslmode" when provider != DatabaseProvider.MySql && value is "disable" => ("VerifyFull", Clear),
            "sslmode" when provider != DatabaseProvider.MySql && value is "allow" => ("VerifyFull", Optional),
            _ => null,
        };
    }
}
