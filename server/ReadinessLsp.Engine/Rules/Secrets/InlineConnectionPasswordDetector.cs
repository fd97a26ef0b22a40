using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2112: a database password written inside a connection string that Production uses. A database
/// on this machine (localhost, <c>(localdb)</c>), placeholders and read-only demo accounts shared on
/// purpose stay silent; a password for a developer's PC by name is still a password anyone with the
/// repository can try on it, and people reuse them.
/// </summary>
internal sealed class InlineConnectionPasswordDetector : ConnectionStringDetectorBase
{
    public override string RuleId => "RDY2112";

    protected override void Check(DocumentContext context, ConnectionStringEntry setting)
    {
        var part = setting.Value.Find("password", "pwd");
        if (part is null || part.Value.Length == 0 || SecretClassifier.IsPlaceholder(part.Value) || setting.IsLocal || IsSharedDemoAccount(setting.Value))
        {
            return;
        }

        var span = setting.ValueSpanOf(part);
        var arguments = Arguments(setting, part);
        arguments["part"] = part.RawKey + "=" + SecretMask.Mask(part.Value);
        arguments["variable"] = EnvNames.FromConfigKey(setting.Entry.Key);
        var key = setting.Entry.Key;
        ProductionScope.Report(context, key, span, arguments, [MoveToEnvironmentFix.Create(context.Path, context.RangeOf(setting.Entry.Value.Span), key)]);
    }

    // A read-only or demo login published on purpose (a public sample database) is not a leaked password.
    private static bool IsSharedDemoAccount(ConnectionString connection) =>
        connection.Find("userid", "uid", "username", "user")?.Value is { } user && SharedDemo.IsDemoName(user) ||
        connection.HostPart?.Value is { } host && SharedDemo.IsDemoHost(host);
}
