using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Projects;

namespace ReadinessLsp.Engine.Model.TokenIssuing;

/// <summary>
/// How each app makes its tokens, answered per app: whether it mints them itself with a shared
/// symmetric key, and whether every token it mints names an issuer and an audience.
/// </summary>
internal sealed class TokenIssuingIndex : IWorkspaceModel<TokenIssuingIndex>
{
    private readonly List<(string Path, IssuedToken Token)> _issued = [];
    private readonly List<string> _symmetric = [];
    private readonly ProjectIndex _projects;

    private TokenIssuingIndex(WorkspaceModels models)
    {
        _projects = models.Get<ProjectIndex>();
        foreach (var (path, bag) in models.Bags)
        {
            _issued.AddRange(bag.OfType<IssuedToken>().Select(t => (path, t)));

            // The signing-key collector sees every SymmetricSecurityKey read from configuration; ours sees the rest.
            if (bag.OfType<SymmetricKeyCreated>().Any() || bag.OfType<SigningKeySource>().Any())
            {
                _symmetric.Add(path);
            }
        }
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } =
        [typeof(IssuedToken), typeof(SymmetricKeyCreated), typeof(SigningKeySource), .. ProjectIndex.FactTypes];

    public static TokenIssuingIndex Build(WorkspaceModels models) => new(models);

    /// <summary>
    /// Whether the app(s) of <paramref name="path"/> mint their own tokens with a symmetric key: a scheme
    /// that checks that key and fetches no identity provider's metadata accepts only what the key's holder signs.
    /// </summary>
    public bool SignsOwnTokens(string path) =>
        IssuedBy(path).Any() && _symmetric.Any(f => _projects.SameApp(f, path));

    /// <summary>Whether every token the app(s) of <paramref name="path"/> mint carries the claim (true when they mint none).</summary>
    public bool IssuedTokensCarry(string path, bool issuer) =>
        IssuedBy(path).All(t => issuer ? t.CarriesIssuer : t.CarriesAudience);

    private IEnumerable<IssuedToken> IssuedBy(string path) => _issued.Where(t => _projects.SameApp(t.Path, path)).Select(t => t.Token);
}
