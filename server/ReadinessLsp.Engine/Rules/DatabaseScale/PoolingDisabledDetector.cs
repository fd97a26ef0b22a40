using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>RDY2110: <c>Pooling=false</c> in a production connection string: a new connection per query.</summary>
internal sealed class PoolingDisabledDetector : ConnectionStringDetectorBase
{
    public override string RuleId => "RDY2110";

    protected override void Check(DocumentContext context, ConnectionStringEntry setting)
    {
        var part = setting.Value.Find("pooling");
        if (part is null || !part.Value.Equals("false", StringComparison.OrdinalIgnoreCase) && part.Value != "0" && !part.Value.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var span = setting.ValueSpanOf(part);
        ProductionScope.Report(context, setting.Entry.Key, span, Arguments(setting, part), [context.Replace(span, "true")], whenUsed: true);
    }
}
