using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2112: a database password written inside a connection string that Production uses. Local
/// development databases (a localhost host) and placeholders stay silent.
/// </summary>
internal sealed class InlineConnectionPasswordDetector : ConnectionStringDetectorBase
{
    public override string RuleId => "RDY2112";

    protected override void Check(DocumentContext context, ConnectionStringEntry setting)
    {
        var part = setting.Value.Find("password", "pwd");
        if (part is null || part.Value.Length == 0 || SecretClassifier.IsPlaceholder(part.Value) || setting.IsLocal)
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
}
