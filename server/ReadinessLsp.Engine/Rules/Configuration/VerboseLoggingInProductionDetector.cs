using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2121: a <c>Debug</c>/<c>Trace</c> (Serilog: <c>Verbose</c>) log level in configuration that
/// Production uses, under <c>Logging:LogLevel</c>, a provider's <c>LogLevel</c>, or <c>Serilog:MinimumLevel</c>.
/// </summary>
internal sealed class VerboseLoggingInProductionDetector : IDocumentDetector
{
    public string RuleId => "RDY2121";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings];

    public void Analyze(DocumentContext context)
    {
        if (!ProductionScope.Applies(context.Path))
        {
            return;
        }

        foreach (var entry in context.Document.GetParsed(ConfigJsonDocument.Parse).Values)
        {
            if (entry.Value.Kind == JsonNodeKind.String && LogLevels.IsVerbose(entry.Value.Text) && LogLevels.IsLogLevelKey(entry.Key))
            {
                var arguments = new Dictionary<string, string> { ["key"] = entry.Key, ["level"] = entry.Value.Text };
                ProductionScope.Report(context, entry.Key, entry.Value.ContentSpan, arguments, [context.Replace(entry.Value.ContentSpan, "Information")], whenUsed: true);
            }
        }
    }
}
