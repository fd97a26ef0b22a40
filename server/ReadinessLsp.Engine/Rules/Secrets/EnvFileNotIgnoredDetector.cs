using System.Globalization;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Git;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2104: a .env file holding passwords, keys or tokens that no .gitignore covers, so the next
/// <c>git add .</c> commits it; RDY1123: such a file git already tracks (a .gitignore line does not
/// untrack it). Reported once per file, on its first such value. A .env with only addresses, ports
/// and switches is not a secrets problem and stays silent, as do templates, which are meant to be
/// committed, and public client variables (<c>VITE_</c>, ...), which ship to browsers anyway.
/// Live-looking secrets are reported one by one by RDY2103/RDY1122; this rule covers the rest
/// (local passwords, short tokens) so the file is not reported twice for the same values.
/// </summary>
internal sealed class EnvFileNotIgnoredDetector : IDocumentDetector, IDeferredResolver<EnvFileNotIgnoredDetector.EnvFile>
{
    public const string Committed = "RDY1123";

    public string RuleId => "RDY2104";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY2104", Committed];

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.EnvFile];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(GitIgnoreIndex), typeof(GitTrackedIndex)];

    public void Analyze(DocumentContext context)
    {
        if (FileClassifier.IsEnvTemplate(context.Path))
        {
            return;
        }

        var env = context.Document.GetParsed(Config.Env.EnvFile.Parse);
        var secrets = env.Entries.Where(IsSecretValue).ToList();
        if (secrets.Count == 0)
        {
            return;
        }

        context.Defer(
            this,
            secrets[0].NameSpan,
            new EnvFile(context.Path),
            new Dictionary<string, string>
            {
                ["file"] = System.IO.Path.GetFileName(context.Path),
                ["count"] = secrets.Count.ToString(CultureInfo.InvariantCulture),
                ["names"] = string.Join(", ", secrets.Take(3).Select(e => e.Name)) + (secrets.Count > 3 ? ", ..." : string.Empty),
            });
    }

    public Detection? Resolve(Detection candidate, EnvFile data, WorkspaceModels models)
    {
        if (models.Get<GitTrackedIndex>().IsTracked(data.Path) == true)
        {
            return candidate with { RuleId = Committed, Fixes = [] };
        }

        var gitIgnores = models.Get<GitIgnoreIndex>();
        return gitIgnores.IsIgnored(data.Path) ? null : candidate with { Fixes = [AddToGitIgnore.For(gitIgnores, data.Path)] };
    }

    // A value under a password/key/token name that is not filler or a reference. Live-looking secrets are
    // RDY2103's (one finding each, with the same fix), so a file holding only those needs nothing more from here.
    private static bool IsSecretValue(Config.Env.EnvEntry entry)
    {
        var value = entry.Value.Trim();
        if (value.Length == 0 || entry.References.Count > 0 || SecretClassifier.IsPlaceholder(value) || SecretClassifier.PublicClientPrefix(entry.Name) is not null)
        {
            return false;
        }

        return SecretClassifier.Classify(entry.Name, value) is null && SecretClassifier.IsSecretName(entry.Name);
    }

    internal sealed record EnvFile(string Path);
}
