using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// Name-level questions about exceptions: which types only the framework, the runtime, drivers and
/// clients throw (their messages describe internals: SQL, file paths, type names, hosts), and what
/// a catch clause catches. Parse errors (<c>FormatException</c>, <c>JsonException</c>) are not among
/// them: their text describes the malformed document the client sent ("'&lt;' is an invalid start of a
/// value. Path: $"), which is what a client needs to hear.
/// </summary>
internal static class ExceptionSyntax
{
    private static readonly HashSet<string> Framework =
    [
        "Exception", "SystemException", "InvalidOperationException", "ArgumentException", "ArgumentNullException",
        "ArgumentOutOfRangeException", "NullReferenceException", "KeyNotFoundException", "IndexOutOfRangeException",
        "InvalidCastException", "NotImplementedException", "OverflowException", "DivideByZeroException",
        "AggregateException", "TimeoutException", "IOException", "FileNotFoundException", "DirectoryNotFoundException",
        "UnauthorizedAccessException", "HttpRequestException", "WebException", "SocketException", "TaskCanceledException",
        "JsonSerializationException", "XmlException", "SmtpException",
        "DbUpdateException", "DbUpdateConcurrencyException", "DbException", "SqlException", "SqliteException",
        "NpgsqlException", "PostgresException", "MySqlException", "OracleException", "MongoException", "RedisException",
        "CosmosException", "RequestFailedException", "AmazonServiceException", "SecurityTokenException",
        "CryptographicException", "ObjectDisposedException", "BadHttpRequestException",
    ];

    /// <summary>Whether <paramref name="type"/> is one of the framework's, runtime's or a driver's exception types.</summary>
    public static bool IsFrameworkException(TypeSyntax? type) => CSharpFileModel.SimpleName(type) is { } name && Framework.Contains(name);

    /// <summary>A catch clause that catches every exception: <c>catch</c>, <c>catch (Exception)</c>, <c>catch (SystemException e)</c>.</summary>
    public static bool CatchesEverything(CatchClauseSyntax clause) =>
        clause.Declaration is null || CSharpFileModel.SimpleName(clause.Declaration.Type) is "Exception" or "SystemException";

    /// <summary>The name of the caught exception variable, or null when the clause names none.</summary>
    public static string? VariableOf(CatchClauseSyntax clause) =>
        clause.Declaration?.Identifier is { } identifier && !identifier.IsKind(SyntaxKind.None) && identifier.ValueText.Length > 0 ? identifier.ValueText : null;

    /// <summary>
    /// Whether a use of the exception variable <paramref name="name"/> at <paramref name="node"/> sits
    /// where the exception is known to be one of the app's own types: in the branch of an
    /// <c>if (ex is NotFoundException)</c>, a <c>case NotFoundException:</c> section, or under a catch
    /// filter <c>when (ex is DomainException)</c>. The app chose those messages for its users.
    /// </summary>
    public static bool NarrowedToOwnType(SyntaxNode node, string name)
    {
        SyntaxNode child = node;
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case IfStatementSyntax ifStatement when child == ifStatement.Statement && TestsOwnType(ifStatement.Condition, name):
                    return true;
                case ConditionalExpressionSyntax conditional when child == conditional.WhenTrue && TestsOwnType(conditional.Condition, name):
                    return true;
                case SwitchSectionSyntax section when section.Parent is SwitchStatementSyntax { Expression: IdentifierNameSyntax subject } && subject.Identifier.ValueText == name:
                    var labels = section.Labels.Where(l => l is not DefaultSwitchLabelSyntax).ToList();
                    if (labels.Count > 0 && labels.All(l => LabelType(l) is { } t && !IsFrameworkException(t)))
                    {
                        return true;
                    }

                    break;
                case SwitchExpressionArmSyntax arm when arm.Parent is SwitchExpressionSyntax { GoverningExpression: IdentifierNameSyntax subject } &&
                    subject.Identifier.ValueText == name && PatternType(arm.Pattern) is { } armType && !IsFrameworkException(armType):
                    return true;
                case CatchClauseSyntax { Filter: { } filter } when TestsOwnType(filter.FilterExpression, name):
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }

            child = ancestor;
        }

        return false;
    }

    // `ex is NotFoundException`, `ex is NotFoundException nf`, `ex is A or B`, `a && ex is X`.
    private static bool TestsOwnType(ExpressionSyntax condition, string name) => condition switch
    {
        ParenthesizedExpressionSyntax p => TestsOwnType(p.Expression, name),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and => TestsOwnType(and.Left, name) || TestsOwnType(and.Right, name),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression, Left: IdentifierNameSyntax subject, Right: TypeSyntax type } =>
            subject.Identifier.ValueText == name && !IsFrameworkException(type),
        IsPatternExpressionSyntax { Expression: IdentifierNameSyntax subject } pattern =>
            subject.Identifier.ValueText == name && PatternType(pattern.Pattern) is { } t && !IsFrameworkException(t),
        _ => false,
    };

    private static TypeSyntax? LabelType(SwitchLabelSyntax label) => label switch
    {
        CaseSwitchLabelSyntax { Value: TypeSyntax type } => type,
        CasePatternSwitchLabelSyntax pattern => PatternType(pattern.Pattern),
        _ => null,
    };

    private static TypeSyntax? PatternType(PatternSyntax pattern) => pattern switch
    {
        DeclarationPatternSyntax declaration => declaration.Type,
        TypePatternSyntax typePattern => typePattern.Type,
        ConstantPatternSyntax { Expression: TypeSyntax type } => type,
        RecursivePatternSyntax { Type: { } type } => type,
        BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } either when PatternType(either.Left) is { } left && PatternType(either.Right) is { } right =>
            IsFrameworkException(left) ? left : right,
        _ => null,
    };
}
