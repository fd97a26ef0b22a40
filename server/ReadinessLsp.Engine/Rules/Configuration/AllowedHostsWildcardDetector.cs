using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2122: <c>AllowedHosts: "*"</c> reaching Production. A hint: behind a proxy that checks the
/// host it is harmless, and the project template writes it, so it must not shout.
/// </summary>
internal sealed class AllowedHostsWildcardDetector : IDocumentDetector
{
    public string RuleId => "RDY2122";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings];

    public void Analyze(DocumentContext context)
    {
        if (!ProductionScope.Applies(context.Path))
        {
            return;
        }

        var entry = context.Document.GetParsed(ConfigJsonDocument.Parse).Find("AllowedHosts");
        if (entry is { Value.Kind: JsonNodeKind.String } && entry.Value.Text.Split(';').Any(h => h.Trim() == "*"))
        {
            ProductionScope.Report(context, entry.Key, entry.Value.Span, new Dictionary<string, string> { ["key"] = entry.Key });
        }
    }
}
