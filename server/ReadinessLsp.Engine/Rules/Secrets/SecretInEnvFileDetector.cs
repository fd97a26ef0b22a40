using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2103: a secret in a .env file that git would commit. A gitignored .env is where secrets
/// belong, so the decision waits for the workspace's .gitignore facts. Templates
/// (<c>.env.example</c>) are documentation: only a known credential format counts there.
/// </summary>
internal sealed class SecretInEnvFileDetector : IDocumentDetector, IDeferredResolver<SecretInEnvFileDetector.EnvSecret>
{
    public string RuleId => "RDY2103";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.EnvFile];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(GitIgnoreIndex)];

    public void Analyze(DocumentContext context)
    {
        var template = FileClassifier.IsEnvTemplate(context.Path);
        var env = context.Document.GetParsed(EnvFile.Parse);
        foreach (var entry in env.Entries)
        {
            if (entry.References.Count > 0)
            {
                continue;
            }

            var verdict = SecretClassifier.Classify(entry.Name, entry.Value);
            if (verdict is null || (template && verdict.VisiblePrefix is null && verdict.Kind is "password" or "secret"))
            {
                continue;
            }

            var at = entry.Value.IndexOf(verdict.Secret, StringComparison.Ordinal);
            var span = at >= 0 && entry.Value.Length == entry.ValueSpan.Length
                ? new Microsoft.CodeAnalysis.Text.TextSpan(entry.ValueSpan.Start + at, verdict.Secret.Length)
                : entry.ValueSpan;
            context.Defer(
                this,
                span,
                new EnvSecret(context.Path, template),
                new Dictionary<string, string>
                {
                    ["name"] = entry.Name,
                    ["kind"] = verdict.Kind,
                    ["masked"] = verdict.Masked,
                    ["file"] = System.IO.Path.GetFileName(context.Path),
                });
        }
    }

    public Detection? Resolve(Detection candidate, EnvSecret data, WorkspaceModels models)
    {
        var gitIgnores = models.Get<GitIgnoreIndex>();
        return gitIgnores.IsIgnored(data.Path) ? null : candidate with { Fixes = data.IsTemplate ? [] : [AddToGitIgnore.For(gitIgnores, data.Path)] };
    }

    internal sealed record EnvSecret(string Path, bool IsTemplate);
}
