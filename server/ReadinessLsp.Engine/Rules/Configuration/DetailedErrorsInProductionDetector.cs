using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>RDY2120: <c>DetailedErrors: true</c> in configuration that Production uses.</summary>
internal sealed class DetailedErrorsInProductionDetector : IDocumentDetector
{
    public string RuleId => "RDY2120";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings];

    public void Analyze(DocumentContext context)
    {
        if (!ProductionScope.Applies(context.Path))
        {
            return;
        }

        foreach (var entry in context.Document.GetParsed(ConfigJsonDocument.Parse).Values)
        {
            if (entry.Name.Equals("DetailedErrors", StringComparison.OrdinalIgnoreCase) &&
                (entry.Value.Text.Equals("true", StringComparison.OrdinalIgnoreCase) || entry.Value.Text == "1"))
            {
                var replacement = entry.Value.Kind == JsonNodeKind.String ? "\"false\"" : "false";
                ProductionScope.Report(context, entry.Key, entry.Value.Span, new Dictionary<string, string> { ["key"] = entry.Key }, [context.Replace(entry.Value.Span, replacement)], whenUsed: true);
            }
        }
    }
}
