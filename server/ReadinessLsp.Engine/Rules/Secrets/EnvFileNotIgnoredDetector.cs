using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2104: a .env file with values that no .gitignore covers, so the next <c>git add .</c>
/// commits it. Reported once per file, on its first variable with a value. Templates are meant
/// to be committed and stay silent.
/// </summary>
internal sealed class EnvFileNotIgnoredDetector : IDocumentDetector, IDeferredResolver<EnvFileNotIgnoredDetector.EnvFile>
{
    public string RuleId => "RDY2104";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.EnvFile];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(GitIgnoreIndex)];

    public void Analyze(DocumentContext context)
    {
        if (FileClassifier.IsEnvTemplate(context.Path))
        {
            return;
        }

        var env = context.Document.GetParsed(Config.Env.EnvFile.Parse);
        var first = env.Entries.FirstOrDefault(e => e.Value.Trim().Length > 0);
        if (first is null)
        {
            return;
        }

        context.Defer(
            this,
            first.NameSpan,
            new EnvFile(context.Path),
            new Dictionary<string, string>
            {
                ["file"] = System.IO.Path.GetFileName(context.Path),
                ["count"] = env.Entries.Count(e => e.Value.Trim().Length > 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }

    public Detection? Resolve(Detection candidate, EnvFile data, WorkspaceModels models)
    {
        var gitIgnores = models.Get<GitIgnoreIndex>();
        return gitIgnores.IsIgnored(data.Path) ? null : candidate with { Fixes = [AddToGitIgnore.For(gitIgnores, data.Path)] };
    }

    internal sealed record EnvFile(string Path);
}
