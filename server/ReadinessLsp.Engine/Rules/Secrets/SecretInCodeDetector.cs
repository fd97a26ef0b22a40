using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Rules.AccessControl;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY1101: a secret written as a C# string literal — a known credential format anywhere, a token
/// signing key, the password of a database or mailbox, or a live-looking value stored under a
/// secret's name. The same classifier as the settings-file rules decides, so placeholders, references
/// and names that merely contain "key" stay silent here too; the engine keeps test projects and
/// development-only code out.
/// </summary>
internal sealed partial class SecretInCodeDetector : ICSharpDetector
{
    public string RuleId => "RDY1101";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.StringLiteralExpression];

    // Known formats, secret names, signing keys, connection-string passwords and credential objects.
    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        "sk_live_", "rk_live_", "whsec_", "sk-", "AKIA", "ghp_", "gho_", "ghs_", "github_pat_", "xox", "AIza", "SG.", "PRIVATE KEY",
        "AccountKey=", "SharedAccessKey=", "://", "password", "pwd", "passwd", "secret", "apikey", "api_key", "privatekey",
        "accesskey", "access_key", "signingkey", "jwtkey", "jwt_key", "encryptionkey", "authkey", "masterkey", "credential",
        "SymmetricSecurityKey", "token = \"", "token\", \"", "key = \"", "key\", \"",
    ];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var literal = (LiteralExpressionSyntax)node;
        var value = literal.Token.ValueText;
        if (value.Length < 8 || CodeLiteralNames.IsReadOnlyUse(literal) || IsOwnedByAnotherRule(literal))
        {
            return;
        }

        if (Classify(literal, value) is { } found)
        {
            var arguments = new Dictionary<string, string>
            {
                ["kind"] = found.Kind,
                ["masked"] = found.Masked,
                ["name"] = found.Name ?? "a string literal",
            };
            context.Report(literal.Span, arguments);
        }
    }

    private static Found? Classify(LiteralExpressionSyntax literal, string value)
    {
        var name = CodeLiteralNames.Of(literal);
        if (SigningKeySyntax.IsInKeyCreation(literal) || (name is not null && IsSigningKeyHolder(literal, name)))
        {
            // The key tokens are signed with is a secret however it reads: "my-super-secret-key-123456" signs real tokens.
            return SecretClassifier.CouldBeKeyMaterial(value) ? new Found("token signing key", Findings.SecretMask.Mask(value), name) : null;
        }

        if (ConnectionPassword(value) is { } password)
        {
            return new Found("database password", Findings.SecretMask.Mask(password), name);
        }

        if (CredentialArgument(literal) is { } credentialName)
        {
            name = credentialName;
        }

        var verdict = SecretClassifier.Classify(name ?? string.Empty, value);
        if (verdict is not { Exposure: SecretExposure.Secret })
        {
            return null;
        }

        // By name only, a value shaped like an identifier ("Auth.InvalidPassword", "reset-password-token") is a label, not a secret.
        var byName = verdict.Kind is "secret" or "password";
        return byName && Label().IsMatch(value.Trim()) ? null : new Found(verdict.Kind, verdict.Masked, name);
    }

    // A fallback signing key is RDY1016's, an administrator's seeded password RDY1102's: one finding per place.
    private static bool IsOwnedByAnotherRule(LiteralExpressionSyntax literal) =>
        SeededAdminPasswordDetector.Claims(literal) || FallbackSigningKeyDetector.Claims(literal);

    // `const string Key = "..."` beside `new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key))`.
    private static bool IsSigningKeyHolder(LiteralExpressionSyntax literal, string name) =>
        literal.Parent is EqualsValueClauseSyntax or AssignmentExpressionSyntax && SigningKeySyntax.IsUsedAsKey(name, literal.SyntaxTree.GetRoot());

    private static string? ConnectionPassword(string value)
    {
        if (value.IndexOf("password", StringComparison.OrdinalIgnoreCase) < 0 && value.IndexOf("pwd", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return null;
        }

        var connection = ConnectionString.TryParse(value);
        var password = connection?.Find("password", "pwd")?.Value;
        if (connection is null || string.IsNullOrWhiteSpace(password) || SecretClassifier.IsPlaceholder(password))
        {
            return null;
        }

        var local = connection.Provider == DatabaseProvider.Sqlite || connection.HostPart is not { } host || LocalHosts.IsLocalServer(host.Value);
        var demo = connection.Find("userid", "uid", "username", "user")?.Value is { } user && SharedDemo.IsDemoName(user);
        return local || demo ? null : password;
    }

    // The last argument of `new NetworkCredential(user, "...")`, `new BasicAWSCredentials(id, "...")`, `new AzureKeyCredential("...")`.
    private static string? CredentialArgument(LiteralExpressionSyntax literal) =>
        literal.Parent is ArgumentSyntax { NameColon: null, Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } list } argument
        && argument == list.Arguments[^1]
        && CreatedTypes.NameOf(creation) is { } type && type.EndsWith("Credential", StringComparison.Ordinal) | type.EndsWith("Credentials", StringComparison.Ordinal)
            ? (type == "NetworkCredential" ? "password" : "secret")
            : null;

    private sealed record Found(string Kind, string Masked, string? Name);

    [GeneratedRegex(@"^[A-Za-z]+(?:[._:/ -][A-Za-z]+)*$")]
    private static partial Regex Label();
}
