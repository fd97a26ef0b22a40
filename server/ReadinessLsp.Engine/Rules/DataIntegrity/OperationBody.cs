using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.DataIntegrity;

/// <summary>
/// Questions the data-integrity rules ask about one operation (a method, a handler lambda): its
/// own nodes without nested functions, whether it saves, and what protects it (a transaction and
/// its isolation level, a lock, a retry on concurrency conflicts).
/// </summary>
internal static class OperationBody
{
    private static readonly string[] StrongIsolation = ["Serializable", "RepeatableRead", "Snapshot"];

    /// <summary>The body's own nodes: nested lambdas and local functions run at another time, or not at all.</summary>
    public static IEnumerable<SyntaxNode> Nodes(SyntaxNode body) =>
        body.Descendants(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

    /// <summary><c>SaveChanges()</c> / <c>SaveChangesAsync()</c> on any receiver.</summary>
    public static bool IsSave(InvocationExpressionSyntax call) => call.MethodName() is "SaveChanges" or "SaveChangesAsync";

    /// <summary>The body's <c>SaveChanges</c> calls, in order.</summary>
    public static List<InvocationExpressionSyntax> Saves(SyntaxNode body) =>
        [.. Nodes(body).OfType<InvocationExpressionSyntax>().Where(IsSave)];

    /// <summary>
    /// Whether the body opens a transaction (<c>BeginTransaction</c>, <c>TransactionScope</c>,
    /// <c>UseTransaction</c>, an execution strategy that runs the work as one unit).
    /// </summary>
    private static readonly SearchValues<string> TransactionWord = SearchValues.Create(["Transaction"], StringComparison.Ordinal);

    public static bool HasTransaction(SyntaxNode body) =>
        InTransactionLambda(body) ||
        // Every shape below names a transaction: most bodies are ruled out by their text, without a walk.
        TextSearch.ContainsAny(body.SyntaxTree.GetText(), body.Span, TransactionWord) &&
        Nodes(body).Any(n => n switch
        {
            InvocationExpressionSyntax call => call.MethodName() is { } name &&
                (name.StartsWith("BeginTransaction", StringComparison.Ordinal) || name is "UseTransaction" or "UseTransactionAsync" or "ExecuteInTransactionAsync" or "ExecuteInTransaction"),
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CurrentTransaction" } => true,
            BaseObjectCreationExpressionSyntax creation => creation is ObjectCreationExpressionSyntax { Type: var type } && CSharpFileModel.SimpleName(type) is "TransactionScope",
            _ => false,
        });

    // `strategy.ExecuteAsync(async () => { ... })`, `ResilientTransaction.New(db).ExecuteAsync(...)`:
    // a lambda handed to something that runs it as one unit.
    private static bool InTransactionLambda(SyntaxNode body) =>
        body is AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax runner } } } &&
        runner.Expression.ToString() is var text &&
        (text.Contains("Transaction", StringComparison.Ordinal) || text.Contains("ExecutionStrategy", StringComparison.Ordinal) || text.Contains("strategy", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether the body holds rows against concurrent writers: a transaction at an isolation
    /// level that stops lost updates (serializable, repeatable read, snapshot), a row lock taken in
    /// SQL (<c>UPDLOCK</c>, <c>FOR UPDATE</c>), or a lock. A retry on <c>DbUpdateConcurrencyException</c> is not
    /// enough by itself: it only fires when the entity's token works, which the EF model decides.
    /// </summary>
    public static bool HoldsRows(SyntaxNode body)
    {
        foreach (var node in Nodes(body))
        {
            switch (node)
            {
                // IsolationLevel.Serializable, or System.Data.IsolationLevel.Serializable.
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "IsolationLevel" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsolationLevel" }, Name.Identifier.ValueText: var level }
                    when StrongIsolation.Contains(level):
                    return true;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && LocksRows(literal.Token.ValueText):
                    return true;
                case InterpolatedStringTextSyntax text when LocksRows(text.TextToken.ValueText):
                    return true;
                case LockStatementSyntax:
                    return true;
                case InvocationExpressionSyntax call when call.MethodName() is "WaitAsync" or "Wait" && call.Receiver() is { } receiver &&
                    (receiver.ToString().Contains("semaphore", StringComparison.OrdinalIgnoreCase) || receiver.ToString().Contains("lock", StringComparison.OrdinalIgnoreCase)):
                    return true;
                case InvocationExpressionSyntax call when call.MethodName() is { } name && name.Contains("Lock", StringComparison.Ordinal) && name.StartsWith("Acquire", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }

    private static bool LocksRows(string sql) =>
        sql.Contains("UPDLOCK", StringComparison.OrdinalIgnoreCase) || sql.Contains("FOR UPDATE", StringComparison.OrdinalIgnoreCase) ||
        sql.Contains("FOR NO KEY UPDATE", StringComparison.OrdinalIgnoreCase) || sql.Contains("HOLDLOCK", StringComparison.OrdinalIgnoreCase);

    /// <summary>await, parentheses and <c>ConfigureAwait</c> around a value.</summary>
    public static ExpressionSyntax Unwrap(ExpressionSyntax value) => value switch
    {
        AwaitExpressionSyntax awaited => Unwrap(awaited.Expression),
        ParenthesizedExpressionSyntax parenthesized => Unwrap(parenthesized.Expression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member } => Unwrap(member.Expression),
        BinaryExpressionSyntax { Right: ThrowExpressionSyntax } orThrow when orThrow.IsKind(SyntaxKind.CoalesceExpression) => Unwrap(orThrow.Left),
        PostfixUnaryExpressionSyntax bang when bang.IsKind(SyntaxKind.SuppressNullableWarningExpression) => Unwrap(bang.Operand),
        _ => value,
    };
}
