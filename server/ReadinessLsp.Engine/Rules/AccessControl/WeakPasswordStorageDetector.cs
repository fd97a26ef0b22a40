using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1018: passwords kept in a form a stolen database gives back: an MD5 or SHA-1 of the password,
/// a single SHA-256/512 with no salt, PBKDF2 with a few thousand iterations, or the password stored
/// and compared as typed. <c>PasswordHasher&lt;T&gt;</c>, BCrypt, Argon2 and PBKDF2 with a modern count
/// never match these shapes; hashing what is not a password (file checksums, ETags, Gravatar
/// e-mails, reset tokens) is not reported.
/// </summary>
internal sealed class WeakPasswordStorageDetector : ICSharpDetector
{
    // ASP.NET Core Identity's first PBKDF2 format used 10,000; below that a GPU guesses most passwords in hours.
    private const int ModernIterations = 10_000;

    private static readonly Dictionary<string, string> Algorithms = new(StringComparer.Ordinal)
    {
        ["MD5"] = "MD5", ["MD5CryptoServiceProvider"] = "MD5",
        ["SHA1"] = "SHA-1", ["SHA1Managed"] = "SHA-1", ["SHA1CryptoServiceProvider"] = "SHA-1",
        ["SHA256"] = "SHA-256", ["SHA256Managed"] = "SHA-256", ["SHA256CryptoServiceProvider"] = "SHA-256",
        ["SHA384"] = "SHA-384", ["SHA384Managed"] = "SHA-384",
        ["SHA512"] = "SHA-512", ["SHA512Managed"] = "SHA-512", ["SHA512CryptoServiceProvider"] = "SHA-512",
        ["HMACMD5"] = "HMAC-MD5", ["HMACSHA1"] = "HMAC-SHA-1", ["HMACSHA256"] = "HMAC-SHA-256", ["HMACSHA384"] = "HMAC-SHA-384", ["HMACSHA512"] = "HMAC-SHA-512",
    };

    public string RuleId => "RDY1018";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } =
    [
        SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression, SyntaxKind.EqualsExpression, SyntaxKind.NotEqualsExpression,
        SyntaxKind.SimpleAssignmentExpression,
    ];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["password", "passwd", "pwd"];

    // Each shape names one of these: the hashing call or type, or the Password/Pwd/Passwd member compared or assigned.
    public IReadOnlyCollection<string>? Anchors { get; } = ["ComputeHash", "HashData", "Rfc2898DeriveBytes", "Pbkdf2", "Password", "Pwd", "Passwd"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var found = node switch
        {
            InvocationExpressionSyntax call => FastHash(call, context.Model) ?? Pbkdf2(call),
            ObjectCreationExpressionSyntax creation => Pbkdf2(creation),
            BinaryExpressionSyntax comparison => PlainComparison(comparison),
            AssignmentExpressionSyntax assignment => PlainStorage(assignment),
            _ => null,
        };
        if (found is not null)
        {
            context.Report(node.Span, new Dictionary<string, string> { ["how"] = found });
        }
    }

    // `SHA256.HashData(Encoding.UTF8.GetBytes(password))`, `md5.ComputeHash(bytes)` with `var bytes = ...GetBytes(password)`.
    private static string? FastHash(InvocationExpressionSyntax call, CSharpFileModel model)
    {
        if (call.MethodName() is not ("ComputeHash" or "HashData" or "ComputeHashAsync") || call.ArgumentList.Arguments is not [var input, ..] || Algorithm(call.Receiver(), model) is not { } algorithm)
        {
            return null;
        }

        if (!IsPasswordInput(input.Expression, call) || InsideLoop(call))
        {
            return null;
        }

        if (algorithm is "MD5" or "SHA-1")
        {
            return $"an {algorithm} hash of the password";
        }

        // A salt stops precomputed tables, not guessing: one round of SHA-256 is still billions of guesses a second.
        var salted = Mentions(input.Expression, "salt") || EnclosingBody(call) is { } body && Mentions(body, "salt");
        return salted ? $"a single {algorithm} hash of the password (salted, but fast to guess)" : $"a single unsalted {algorithm} hash of the password";
    }

    // `new Rfc2898DeriveBytes(password, salt, 1000)`, `Rfc2898DeriveBytes.Pbkdf2(password, salt, 1000, ...)`, `KeyDerivation.Pbkdf2(..., iterationCount: 1000, ...)`.
    private static string? Pbkdf2(ExpressionSyntax node)
    {
        var (arguments, countAt) = node switch
        {
            ObjectCreationExpressionSyntax { ArgumentList: { } list } creation when CSharpFileModel.SimpleName(creation.Type) == "Rfc2898DeriveBytes" => (list.Arguments, 2),
            InvocationExpressionSyntax { ArgumentList: var list } call when call.MethodName() == "Pbkdf2" && call.Receiver()?.ToString() is "Rfc2898DeriveBytes" => (list.Arguments, 2),
            InvocationExpressionSyntax { ArgumentList: var list } call when call.MethodName() == "Pbkdf2" && call.Receiver()?.ToString() is "KeyDerivation" => (list.Arguments, 3),
            _ => (default(SeparatedSyntaxList<ArgumentSyntax>), -1),
        };
        if (countAt < 0 || arguments.Count == 0 || !IsPasswordInput(arguments[0].Expression, node))
        {
            return null;
        }

        var count = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText is "iterations" or "iterationCount")
            ?? (countAt < arguments.Count && arguments[countAt].NameColon is null ? arguments[countAt] : null);
        if (count is null)
        {
            // The two-argument constructor runs 1,000 iterations of SHA-1.
            return arguments.Count == 2 && node is ObjectCreationExpressionSyntax ? "PBKDF2 with its default of 1,000 iterations" : null;
        }

        return count.Expression is LiteralExpressionSyntax { Token.Value: int iterations } && iterations < ModernIterations
            ? $"PBKDF2 with only {iterations:N0} iterations"
            : null;
    }

    // `u.Password == request.Password` (in a query or after loading): the stored value is the password itself.
    private static string? PlainComparison(BinaryExpressionSyntax comparison)
    {
        if (StoredPassword(comparison.Left) && TypedPassword(comparison.Right) || StoredPassword(comparison.Right) && TypedPassword(comparison.Left))
        {
            return "the password compared as typed, so it is stored as typed";
        }

        return null;
    }

    // `user.Password = request.Password`, `new User { Password = dto.Password }`, `PasswordHash = model.Password`.
    private static string? PlainStorage(AssignmentExpressionSyntax assignment)
    {
        if (!TypedPassword(assignment.Right) || assignment.Right is not (MemberAccessExpressionSyntax or IdentifierNameSyntax))
        {
            return null;
        }

        var (member, holder) = assignment.Left switch
        {
            MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression is IdentifierNameSyntax receiver ? receiver.Identifier.ValueText : null),
            IdentifierNameSyntax name when assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation } =>
                (name.Identifier.ValueText, CreatedTypes.NameOf(creation)),
            _ => (null, null),
        };
        if (member is not ("Password" or "Pwd" or "Passwd" or "PasswordHash" or "HashedPassword") || holder is null || !IdentifierWords.IsUserShaped(holder) || IsSettingsShaped(holder)
            || HashesNearby(assignment))
        {
            return null;
        }

        return member.Contains("Hash", StringComparison.Ordinal) ? "the password stored as typed in the hash column" : "the password stored as typed";
    }

    // A seed or a step that hands the password to a hasher on the next line is not storing it as typed.
    private static bool HashesNearby(AssignmentExpressionSyntax assignment) =>
        EnclosingBody(assignment) is { } body && body.Descendants().OfType<IdentifierNameSyntax>()
            .Any(i => !assignment.Left.Span.Contains(i.Span) && i.Identifier.ValueText.Contains("Hash", StringComparison.Ordinal));

    private static bool StoredPassword(ExpressionSyntax side) =>
        side is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Password" or "Pwd" or "Passwd", Expression: IdentifierNameSyntax receiver }
        && IdentifierWords.IsUserShaped(receiver.Identifier.ValueText);

    private static bool TypedPassword(ExpressionSyntax side) => side switch
    {
        IdentifierNameSyntax name => IdentifierWords.IsPlainPassword(name.Identifier.ValueText),
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } member =>
            IdentifierWords.IsPlainPassword(member.Name.Identifier.ValueText) && IdentifierWords.IsRequestShaped(receiver.Identifier.ValueText),
        _ => false,
    };

    // Types that carry a password to another system (SMTP, a database, a broker) rather than store a user's.
    private static bool IsSettingsShaped(string holder) =>
        holder.EndsWith("Options", StringComparison.Ordinal) || holder.EndsWith("Settings", StringComparison.Ordinal) ||
        holder.EndsWith("Config", StringComparison.Ordinal) || holder.EndsWith("Configuration", StringComparison.Ordinal) ||
        holder.EndsWith("Credential", StringComparison.Ordinal) || holder.EndsWith("Credentials", StringComparison.Ordinal) ||
        holder.EndsWith("Dto", StringComparison.OrdinalIgnoreCase) || holder.EndsWith("Model", StringComparison.Ordinal) ||
        holder.EndsWith("Response", StringComparison.Ordinal) || holder.EndsWith("Result", StringComparison.Ordinal) ||
        holder.EndsWith("Seed", StringComparison.Ordinal);

    // The hashed bytes come from a password: directly, through a local (`var bytes = Encoding.UTF8.GetBytes(password)`),
    // or inside a method whose name says it hashes passwords (`HashPassword(string input)`).
    private static bool IsPasswordInput(ExpressionSyntax input, SyntaxNode at)
    {
        if (IdentifierWords.MentionsPlainPassword(input))
        {
            return true;
        }

        if (input.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => LocalInitializers.Of(i) is { } initializer && IdentifierWords.MentionsPlainPassword(initializer)))
        {
            return true;
        }

        // `HashPassword(string input)`, or `Hash(...)` in a class named PasswordHasher.
        var method = at.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is MethodDeclarationSyntax declaration ? declaration.Identifier.ValueText
            : at.FirstAncestorOrSelf<LocalFunctionStatementSyntax>()?.Identifier.ValueText;
        var type = at.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText;
        return SaysPassword(method) || SaysPassword(type);
    }

    private static bool SaysPassword(string? name) =>
        name is not null && IdentifierWords.Of(name).Any(w => w.Equals("password", StringComparison.OrdinalIgnoreCase) || w.Equals("pwd", StringComparison.OrdinalIgnoreCase))
        && !name.Contains("Token", StringComparison.Ordinal) && !name.Contains("Reset", StringComparison.Ordinal);

    // `SHA256.HashData(...)`, `MD5.Create().ComputeHash(...)`, `sha.ComputeHash(...)` with `using var sha = SHA256.Create()`.
    private static string? Algorithm(ExpressionSyntax? receiver, CSharpFileModel model) => receiver switch
    {
        IdentifierNameSyntax { Identifier.ValueText: var name } when Algorithms.TryGetValue(name, out var algorithm) => algorithm,
        IdentifierNameSyntax name => LocalInitializers.Of(name) is { } initializer ? Algorithm(initializer, model)
            : CSharpFileModel.SimpleName(model.DeclaredTypeOf(name)) is { } declared && Algorithms.TryGetValue(declared, out var fieldAlgorithm) ? fieldAlgorithm : null,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } when Algorithms.TryGetValue(name, out var algorithm) => algorithm,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" } create } => Algorithm(create.Expression, model),
        ObjectCreationExpressionSyntax creation => CSharpFileModel.SimpleName(creation.Type) is { } type && Algorithms.TryGetValue(type, out var algorithm) ? algorithm : null,
        _ => null,
    };

    // A hash run in a loop is a hand-made key stretch, not a single hash.
    private static bool InsideLoop(SyntaxNode node) =>
        node.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).Any(a => a is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax);

    private static SyntaxNode? EnclosingBody(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);

    private static bool Mentions(SyntaxNode node, string word) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText.Contains(word, StringComparison.OrdinalIgnoreCase));
}
