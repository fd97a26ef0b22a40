using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Git;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2103: a secret in a .env file that git would commit; RDY1122: a secret in a .env file git
/// already tracks, where .gitignore changes nothing and only <c>git rm --cached</c> and a new secret
/// help. A gitignored, untracked .env is where secrets belong, so the decision waits for the
/// workspace's .gitignore files and git index. Templates (<c>.env.example</c>) are documentation: only
/// a known credential format counts there. Public client variables (<c>VITE_</c>, ...) are RDY1121's;
/// an access key id is not a secret by itself, and with its secret it is one finding, on the secret.
/// </summary>
internal sealed class SecretInEnvFileDetector : IDocumentDetector, IDeferredResolver<SecretInEnvFileDetector.EnvSecret>
{
    public const string Committed = "RDY1122";

    public string RuleId => "RDY2103";

    public IReadOnlyCollection<string> RuleIds { get; } = ["RDY2103", Committed];

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.EnvFile];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(GitIgnoreIndex), typeof(GitTrackedIndex), typeof(SigningKeyIndex)];

    public void Analyze(DocumentContext context)
    {
        var template = FileClassifier.IsEnvTemplate(context.Path);
        var env = context.Document.GetParsed(EnvFile.Parse);
        var entries = env.Entries.Where(e => e.References.Count == 0 && SecretClassifier.PublicClientPrefix(e.Name) is null).ToList();
        var verdicts = entries.Select(e => (Entry: e, Verdict: SecretClassifier.Classify(e.Name, e.Value))).ToList();
        var secretNames = verdicts.Where(v => v.Verdict is { Exposure: SecretExposure.Secret }).Select(v => v.Entry.Name).ToList();
        foreach (var (entry, verdict) in verdicts)
        {
            if (verdict is { Exposure: not SecretExposure.Secret } || (verdict is not null && CredentialPairs.IsIdOfAny(entry.Name, secretNames)) ||
                (template && verdict is { VisiblePrefix: null, Kind: "password" or "secret" }))
            {
                continue;
            }

            // A value that is only a secret because the app signs its tokens with it.
            if (verdict is null && (template || !SecretClassifier.CouldBeKeyMaterial(entry.Value)))
            {
                continue;
            }

            var secret = verdict?.Secret ?? entry.Value.Trim();
            var at = entry.Value.IndexOf(secret, StringComparison.Ordinal);
            var span = at >= 0 && entry.Value.Length == entry.ValueSpan.Length
                ? new TextSpan(entry.ValueSpan.Start + at, secret.Length)
                : entry.ValueSpan;
            var id = CredentialPairs.IdFor(entry.Name, entries.Select(e => e.Name)) is { } idName ? entries.First(e => e.Name == idName) : null;
            var kind = verdict?.Kind ?? "JWT signing key";
            context.Defer(
                this,
                span,
                new EnvSecret(context.Path, template, entry.ConfigKey, verdict is null, id is null ? null : new ConfigFileSecrets.RelatedCredential(context.RangeOf(id.NameSpan), $"{id.Name}: the id that goes with this secret; the two are one credential")),
                new Dictionary<string, string>
                {
                    ["name"] = entry.Name,
                    ["kind"] = kind,
                    ["masked"] = verdict?.Masked ?? SecretMask.Mask(secret),
                    ["file"] = System.IO.Path.GetFileName(context.Path),
                    ["impact"] = ConfigFileSecrets.Impact(kind, signingKey: false),
                });
        }
    }

    public Detection? Resolve(Detection candidate, EnvSecret data, WorkspaceModels models)
    {
        var signing = models.Get<SigningKeyIndex>().IsSigningKey(data.ConfigKey);
        if (data.OnlyIfSigningKey && !signing)
        {
            return null;
        }

        var detection = data.Related is { } related ? candidate with { Related = [new RelatedLocation(data.Path, related.Range, related.Message)] } : candidate;
        if (signing)
        {
            detection = detection with
            {
                Arguments = new Dictionary<string, string>(candidate.Arguments) { ["kind"] = "JWT signing key", ["impact"] = ConfigFileSecrets.Impact("JWT signing key", signingKey: true) },
            };
        }

        // Already in the repository: .gitignore cannot help, and the hover says what does.
        if (models.Get<GitTrackedIndex>().IsTracked(data.Path) == true)
        {
            return detection with { RuleId = Committed, Fixes = [] };
        }

        var gitIgnores = models.Get<GitIgnoreIndex>();
        return gitIgnores.IsIgnored(data.Path) ? null : detection with { Fixes = data.IsTemplate ? [] : [AddToGitIgnore.For(gitIgnores, data.Path)] };
    }

    internal sealed record EnvSecret(string Path, bool IsTemplate, string ConfigKey, bool OnlyIfSigningKey, ConfigFileSecrets.RelatedCredential? Related);
}
