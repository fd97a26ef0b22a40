using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2140: an appsettings or launchSettings file .NET cannot read (syntax error, duplicate key):
/// the app fails at startup. One finding at the first problem, never a crash of the analysis.
/// </summary>
internal sealed class MalformedSettingsJsonDetector : IDocumentDetector
{
    public string RuleId => "RDY2140";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings, FileKind.LaunchSettings];

    public void Analyze(DocumentContext context)
    {
        var error = context.Document.GetParsed(ConfigJsonDocument.Parse).Error;
        if (error is null)
        {
            return;
        }

        context.Report(VisibleSpan(context.Text, error.Span), new Dictionary<string, string>
        {
            ["file"] = System.IO.Path.GetFileName(context.Path),
            ["problem"] = error.Message,
        });
    }

    // An error at the very end of the file has no text to underline: mark the last character instead.
    private static TextSpan VisibleSpan(SourceText text, TextSpan span)
    {
        if (span.Length > 0)
        {
            return span;
        }

        var at = Math.Min(span.Start, text.Length) - 1;
        while (at > 0 && char.IsWhiteSpace(text[at]))
        {
            at--;
        }

        return at >= 0 ? new TextSpan(at, 1) : span;
    }
}
