using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Facts;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2104: a .env file with values that no .gitignore covers, so the next <c>git add .</c>
/// commits it. Reported once per file, on its first variable with a value. Templates are meant
/// to be committed and stay silent.
/// </summary>
internal sealed class EnvFileNotIgnoredDetector : IDocumentDetector
{
    public string RuleId => "RDY2104";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.EnvFile];

    public void Analyze(DocumentContext context)
    {
        if (FileClassifier.IsEnvTemplate(context.Path))
        {
            return;
        }

        var env = context.Document.GetParsed(EnvFile.Parse);
        var first = env.Entries.FirstOrDefault(e => e.Value.Trim().Length > 0);
        if (first is null)
        {
            return;
        }

        var path = context.Path;
        context.ReportPending(
            first.NameSpan,
            (facts, candidate) =>
            {
                var gitIgnores = facts.Index(GitIgnoreIndex.Build);
                return gitIgnores.IsIgnored(path) ? null : candidate with { Fixes = [GitIgnoreFix.For(gitIgnores, path)] };
            },
            new Dictionary<string, string>
            {
                ["file"] = System.IO.Path.GetFileName(path),
                ["count"] = env.Entries.Count(e => e.Value.Trim().Length > 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }
}
