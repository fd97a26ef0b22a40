using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.SigningKeyConstants;
using ReadinessLsp.Engine.Rules.AccessControl;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY1101: a secret written as a C# string literal — a known credential format anywhere, a token
/// signing key, the password of a database or mailbox, or a live-looking value stored under a
/// secret's name. The same classifier as the settings-file rules decides, so placeholders, references
/// and names that merely contain "key" stay silent here too; the engine keeps test projects and
/// development-only code out.
/// </summary>
internal sealed partial class SecretInCodeDetector : ICSharpDetector, IDeferredResolver<SecretInCodeDetector.SigningConstant>
{
    public string RuleId => "RDY1101";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression];

    // Every string literal holds a quote: found from the text, a file's literals cost a token look-up each
    // instead of a walk of every node of every method body.
    public IReadOnlyCollection<string>? Anchors { get; } = ["\""];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(SigningKeyConstantIndex)];

    // Known formats, secret names, signing keys, connection-string passwords and credential objects.
    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        "sk_live_", "rk_live_", "whsec_", "sk-", "AKIA", "ghp_", "gho_", "ghs_", "github_pat_", "xox", "AIza", "SG.", "PRIVATE KEY",
        "AccountKey=", "SharedAccessKey=", "://", "password", "pwd", "passwd", "secret", "apikey", "api_key", "privatekey",
        "accesskey", "access_key", "signingkey", "jwtkey", "jwt_key", "encryptionkey", "authkey", "masterkey", "credential",
        "SymmetricSecurityKey", "CreateAsync", "token = \"", "token\", \"", "key = \"", "key\", \"",
    ];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var literal = (LiteralExpressionSyntax)node;
        var value = literal.Token.ValueText;
        if (value.Trim().Length < 4 || IsOwnedByAnotherRule(literal) || InTestOrBenchmarkClass(literal))
        {
            return;
        }

        if (HardCodedLogin(literal, value) is { } login)
        {
            context.Report(literal.Span, Arguments(login));
            return;
        }

        // The password accounts are created with is the password, however short or placeholder-like ("Abc-123", "YourPassword123!").
        if (SeededAdminPasswordDetector.IsPasswordGiven(literal))
        {
            context.Report(literal.Span, Arguments(new Found("password", SecretMask.Mask(value), "an account's password")));
            return;
        }

        if (value.Length < 8 || CodeLiteralNames.IsReadOnlyUse(literal))
        {
            return;
        }

        if (Classify(literal, value, context.Local<HolderNames>(this)) is { } found)
        {
            context.Report(literal.Span, Arguments(found));
        }
        else if (ConstantName(literal) is { } constant && SecretClassifier.CouldBeKeyMaterial(value))
        {
            // `public const string JWT_SECRET_KEY = "SecretKeyOfDoom..."` signs tokens in another file: decided once every file is read.
            context.Defer(this, literal.Span, new SigningConstant(constant), Arguments(new Found("token signing key", SecretMask.Mask(value), constant)));
        }
    }

    public Detection? Resolve(Detection candidate, SigningConstant data, WorkspaceModels models) =>
        models.Get<SigningKeyConstantIndex>().IsSigningKey(data.Name) ? candidate : null;

    private static Dictionary<string, string> Arguments(Found found) => new()
    {
        ["kind"] = found.Kind,
        ["masked"] = found.Masked,
        ["name"] = found.Name ?? "a string literal",
    };

    // `if (req.Password != "123456")`: a login that accepts one password written in the code.
    private static Found? HardCodedLogin(LiteralExpressionSyntax literal, string value) =>
        literal.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison
        && (comparison.Left == literal ? comparison.Right : comparison.Left) is var other
        && (other is IdentifierNameSyntax { Identifier.ValueText: var name } && IdentifierWords.IsPlainPassword(name)
            || other is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } && IdentifierWords.IsPlainPassword(member))
        && !SecretClassifier.IsPlaceholder(value) && InSignIn(literal)
            ? new Found("password", SecretMask.Mask(value), "a sign-in check")
            : null;

    // The method, or the endpoint call around the lambda, that signs people in ("/login", Authenticate, CreateToken).
    private static bool InSignIn(SyntaxNode node)
    {
        var scope = node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
        if (scope is AnonymousFunctionExpressionSyntax lambda && lambda.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } endpoint)
        {
            scope = endpoint;
        }

        return scope is not null && SignIn().IsMatch(scope is BaseMethodDeclarationSyntax method ? method.ToString() : scope.ToString());
    }

    // Test and benchmark classes outside a test project (a benchmark suite, a test helper in the app's folder) carry made-up keys.
    // Walked by parent rather than through an ancestor query: it runs for every string literal of the workspace.
    private static bool InTestOrBenchmarkClass(SyntaxNode node)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TypeDeclarationSyntax { Identifier.ValueText: var name }
                && (name.EndsWith("Test", StringComparison.Ordinal) || name.EndsWith("Tests", StringComparison.Ordinal) || name.Contains("Benchmark", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    // "Type.Member" of a constant or static field initialised with this literal.
    private static string? ConstantName(LiteralExpressionSyntax literal) =>
        literal.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax { Parent: TypeDeclarationSyntax type } } } variable }
            ? type.Identifier.ValueText + "." + variable.Identifier.ValueText
            : null;

    private static Found? Classify(LiteralExpressionSyntax literal, string value, HolderNames holders)
    {
        var name = CodeLiteralNames.Of(literal);
        var stored = literal.Parent is EqualsValueClauseSyntax or AssignmentExpressionSyntax;
        if (SigningKeySyntax.IsInKeyCreation(literal) || (name is not null && stored && holders.Of(literal).Keys.Contains(name)))
        {
            // The key tokens are signed with is a secret however it reads: "my-super-secret-key-123456" signs real tokens.
            return SecretClassifier.CouldBeKeyMaterial(value) ? new Found("token signing key", SecretMask.Mask(value), name) : null;
        }

        if (ConnectionPassword(value) is { } password)
        {
            return new Found("database password", SecretMask.Mask(password), name);
        }

        if (CredentialArgument(literal) is { } credentialName)
        {
            name = credentialName;
        }

        // A password handed to `new NetworkCredential(user, SenderPassword)` is a password however it reads
        // ("qmbkhyqbhgvvfinl" is a mail app password).
        if (name is not null && literal.Parent is EqualsValueClauseSyntax && holders.Of(literal).Credentials.Contains(name))
        {
            return SecretClassifier.IsPlaceholder(value) ? null : new Found("password", SecretMask.Mask(value), name);
        }

        var verdict = SecretClassifier.Classify(name ?? string.Empty, value);
        if (verdict is not { Exposure: SecretExposure.Secret })
        {
            return null;
        }

        // By name only, a value shaped like an identifier ("Auth.InvalidPassword", "pm-1234-input-password") is a label, not a secret.
        var byName = verdict.Kind is "secret" or "password";
        return byName && IsLabel(value.Trim(), name) ? null : new Found(verdict.Kind, verdict.Masked, name);
    }

    // A fallback signing key is RDY1016's, an administrator's seeded password RDY1102's: one finding per place.
    private static bool IsOwnedByAnotherRule(LiteralExpressionSyntax literal) =>
        SeededAdminPasswordDetector.Claims(literal) || FallbackSigningKeyDetector.Claims(literal);

    private static bool IsLabel(string value, string? name)
        => Label().IsMatch(value) || LowercaseLabel().IsMatch(value) ||
            (name is not null && Normalized(name) is { Length: >= 6 } n && Normalized(value) is var v && (v.Contains(n, StringComparison.Ordinal) || n.Contains(v, StringComparison.Ordinal)));

    private static string Normalized(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

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

    /// <summary>
    /// The names this file passes to <c>new SymmetricSecurityKey(...)</c> (<c>const string Key = "..."</c> beside
    /// <c>GetBytes(Key)</c>) and as the last argument of a <c>...Credential(...)</c> (<c>NetworkCredential(SenderEmail, SenderPassword)</c>),
    /// read once per file rather than once per literal.
    /// </summary>
    private sealed class HolderNames
    {
        private (HashSet<string> Keys, HashSet<string> Credentials)? _names;

        public (HashSet<string> Keys, HashSet<string> Credentials) Of(SyntaxNode node) => _names ??= Read(node.SyntaxTree.GetRoot());

        private static (HashSet<string>, HashSet<string>) Read(SyntaxNode root)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var credentials = new HashSet<string>(StringComparer.Ordinal);
            foreach (var creation in root.Descendants().OfType<BaseObjectCreationExpressionSyntax>())
            {
                if (creation.ArgumentList is not { Arguments.Count: > 0 } list || CreatedTypes.NameOf(creation) is not { } type)
                {
                    continue;
                }

                if (type == "SymmetricSecurityKey")
                {
                    keys.UnionWith(list.Descendants().OfType<IdentifierNameSyntax>().Select(i => i.Identifier.ValueText));
                }
                else if ((type.EndsWith("Credential", StringComparison.Ordinal) || type.EndsWith("Credentials", StringComparison.Ordinal))
                    && list.Arguments[^1].Expression is IdentifierNameSyntax last)
                {
                    credentials.Add(last.Identifier.ValueText);
                }
            }

            return (keys, credentials);
        }
    }

    /// <summary>A constant that holds a secret-looking value only if some file signs tokens with it.</summary>
    internal sealed record SigningConstant(string Name);

    [GeneratedRegex(@"(?i)log_?in|sign_?in|authenticat|token")]
    private static partial Regex SignIn();

    [GeneratedRegex(@"^[a-z0-9]+(?:[._:/-][a-z0-9]+){2,}$")]
    private static partial Regex LowercaseLabel();

    [GeneratedRegex(@"^[A-Za-z]+(?:[._:/ -][A-Za-z]+)*$")]
    private static partial Regex Label();
}
