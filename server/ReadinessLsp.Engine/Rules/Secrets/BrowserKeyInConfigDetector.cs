using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY1120: a key made to be sent to browsers (a Google Maps JavaScript or Firebase web key) in a
/// settings or .env file. Not a leak — every visitor's browser receives it — but a key left
/// unrestricted can be used by any website, on your bill: a hint to restrict it by HTTP referrer
/// and API. Keys under public client prefixes belong to front ends and are left to them.
/// </summary>
internal sealed class BrowserKeyInConfigDetector : IDocumentDetector
{
    public string RuleId => "RDY1120";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings, FileKind.EnvFile];

    public void Analyze(DocumentContext context)
    {
        if (context.Document.Kind == FileKind.EnvFile)
        {
            foreach (var entry in context.Document.GetParsed(EnvFile.Parse).Entries)
            {
                if (SecretClassifier.PublicClientPrefix(entry.Name) is null && SecretClassifier.Classify(entry.Name, entry.Value) is { Exposure: SecretExposure.BrowserKey } verdict &&
                    entry.Value.IndexOf(verdict.Secret, StringComparison.Ordinal) is var at and >= 0 && entry.Value.Length == entry.ValueSpan.Length)
                {
                    Report(context, entry.Name, verdict, new Microsoft.CodeAnalysis.Text.TextSpan(entry.ValueSpan.Start + at, verdict.Secret.Length));
                }
            }

            return;
        }

        foreach (var entry in context.Document.GetParsed(ConfigJsonDocument.Parse).Values)
        {
            if (entry.Value.Kind == JsonNodeKind.String && SecretClassifier.Classify(entry.Key, entry.Value.Text) is { Exposure: SecretExposure.BrowserKey } verdict)
            {
                var at = entry.Value.Text.IndexOf(verdict.Secret, StringComparison.Ordinal);
                Report(context, entry.Key, verdict, entry.Value.SourceSpanOf(at, verdict.Secret.Length));
            }
        }
    }

    private static void Report(DocumentContext context, string key, SecretVerdict verdict, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        context.Report(span, new Dictionary<string, string> { ["key"] = key, ["masked"] = verdict.Masked });
}
