using System.Globalization;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>RDY2111: a <c>Max Pool Size</c> below 10 in a production connection string.</summary>
internal sealed class TinyConnectionPoolDetector : ConnectionStringDetectorBase
{
    // Every provider defaults to 100; below 10 the pool, not the database, limits concurrent requests.
    private const int TinyBelow = 10;

    public override string RuleId => "RDY2111";

    protected override void Check(DocumentContext context, ConnectionStringEntry setting)
    {
        var part = setting.Value.Find("maxpoolsize", "maximumpoolsize");
        if (part is null || !int.TryParse(part.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size >= TinyBelow)
        {
            return;
        }

        var span = setting.ValueSpanOf(part);
        var arguments = Arguments(setting, part);
        arguments["size"] = size.ToString(CultureInfo.InvariantCulture);
        ProductionScope.Report(context, setting.Entry.Key, span, arguments, [context.Replace(span, "100")], whenUsed: true);
    }
}
