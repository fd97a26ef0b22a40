using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;

namespace ReadinessLsp.Engine.Config.Secrets;

/// <summary>
/// Finds secrets in a settings JSON file and reports them with the "move it to an environment
/// variable" fix: the value becomes empty and the variable's name is added to <c>.env.example</c>.
/// Shared by the production and development secret rules, which differ only in severity. An id and
/// its secret are one finding, on the secret. A value the app signs its tokens with is a secret
/// whatever it looks like — "this-is-my-secret-key-change-it" is the key every token is signed
/// with — so values that only look like filler are reported when the code uses them that way.
/// </summary>
internal sealed class ConfigFileSecrets : IDeferredResolver<ConfigFileSecrets.Candidate>
{
    private static readonly ConfigFileSecrets Resolver = new();

    private ConfigFileSecrets()
    {
    }

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(SigningKeyIndex), typeof(ConfigUsage)];

    /// <summary>
    /// Reports every secret among <paramref name="entries"/> for the rule that is running. Values that
    /// are secrets only because the app signs tokens with them count in files that reach production
    /// (<paramref name="productionFile"/>): in a development file they sign nothing anyone else trusts.
    /// </summary>
    public static void ReportAll(DocumentContext context, IReadOnlyList<ConfigEntry> entries, bool productionFile)
    {
        var strings = entries.Where(e => e.Value.Kind == JsonNodeKind.String).ToList();
        var verdicts = strings.Select(e => (Entry: e, Verdict: SecretClassifier.Classify(e.Key, e.Value.Text))).ToList();
        var secretNames = verdicts.Where(v => v.Verdict is { Exposure: SecretExposure.Secret }).Select(v => v.Entry.Key).ToList();
        foreach (var (entry, verdict) in verdicts)
        {
            if (verdict is { Exposure: not SecretExposure.Secret } || (verdict is not null && CredentialPairs.IsIdOfAny(entry.Key, secretNames)) ||
                IsSharedDemoClient(entry.Key, strings))
            {
                continue; // an id, a browser key, the id half of a secret reported on its other half, or a demo published on purpose
            }

            var onlyIfSigningKey = verdict is null;
            if (onlyIfSigningKey && (!productionFile || !SecretClassifier.CouldBeKeyMaterial(entry.Value.Text)))
            {
                continue;
            }

            var secret = verdict?.Secret ?? entry.Value.Text.Trim();
            var at = entry.Value.Text.IndexOf(secret, StringComparison.Ordinal);
            var span = entry.Value.SourceSpanOf(at, secret.Length);
            var id = CredentialPairs.IdFor(entry.Key, strings.Select(s => s.Key)) is { } idKey ? strings.First(s => s.Key == idKey) : null;
            var arguments = new Dictionary<string, string>
            {
                ["key"] = entry.Key,
                ["kind"] = verdict?.Kind ?? "JWT signing key",
                ["masked"] = verdict?.Masked ?? SecretMask.Mask(secret),
                ["variable"] = Env.EnvNames.FromConfigKey(entry.Key),
                ["impact"] = Impact(verdict?.Kind ?? "secret", signingKey: false),
            };
            var related = id is null ? null : new RelatedCredential(context.RangeOf(id.Value.Span), $"{id.Key}: the id that goes with this secret; the two are one credential");
            context.Defer(
                Resolver,
                span,
                new Candidate(context.Path, Env.EnvNames.ToConfigKey(entry.Key), onlyIfSigningKey, related),
                arguments,
                [MoveToEnvironmentFix.Create(context.Path, context.RangeOf(entry.Value.Span), entry.Key)]);
        }
    }

    // A client of a public demo server (Authority: https://demo.duendesoftware.com) or a demo/read-only client id: its secret is published on purpose.
    private static bool IsSharedDemoClient(string key, IReadOnlyList<ConfigEntry> strings)
    {
        var cut = key.LastIndexOf(':');
        var section = cut < 0 ? string.Empty : key[..(cut + 1)];
        return strings.Any(s =>
            s.Key != key && s.Key.StartsWith(section, StringComparison.OrdinalIgnoreCase) && s.Key.IndexOf(':', section.Length) < 0 &&
            (IsIdName(s.Name) && SharedDemo.IsDemoName(s.Value.Text) || IsAddressName(s.Name) && SharedDemo.IsDemoHost(s.Value.Text)));
    }

    private static bool IsIdName(string name) =>
        name.EndsWith("ClientId", StringComparison.OrdinalIgnoreCase) || name.EndsWith("User", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith("UserName", StringComparison.OrdinalIgnoreCase) || name.EndsWith("UserId", StringComparison.OrdinalIgnoreCase);

    private static bool IsAddressName(string name) =>
        new[] { "Authority", "Url", "Uri", "Endpoint", "Host", "Server", "Issuer", "BaseAddress" }.Any(n => name.EndsWith(n, StringComparison.OrdinalIgnoreCase));

    /// <summary>What someone holding the value can do, in plain words: the first line of the hover.</summary>
    public static string Impact(string kind, bool signingKey) => signingKey
        ? "Anyone who can read this repository can sign their own tokens and sign in as any user, administrators included."
        : $"Anyone who can read this repository can use this {kind}.";

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var signing = models.Get<SigningKeyIndex>().IsSigningKey(data.Key);
        if (data.OnlyIfSigningKey && (!signing || !models.Get<ConfigUsage>().ReachesProduction(data.Path, data.Key)))
        {
            return null;
        }

        var resolved = data.Related is { } related ? candidate with { Related = [new RelatedLocation(data.Path, related.Range, related.Message)] } : candidate;
        if (!signing)
        {
            return resolved;
        }

        var arguments = new Dictionary<string, string>(candidate.Arguments)
        {
            ["kind"] = "JWT signing key",
            ["impact"] = Impact("JWT signing key", signingKey: true),
        };
        return resolved with { Arguments = arguments };
    }

    /// <summary>A secret waiting for the workspace: whether the app signs tokens with it (and whether that is what makes it one), and its id.</summary>
    internal sealed record Candidate(string Path, string Key, bool OnlyIfSigningKey, RelatedCredential? Related);

    /// <summary>Where the id half of the credential is, in the same file.</summary>
    internal sealed record RelatedCredential(LinePositionSpan Range, string Message);
}
