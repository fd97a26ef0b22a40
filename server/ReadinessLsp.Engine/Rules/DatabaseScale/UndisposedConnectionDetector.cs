using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// RDY3105: a database connection made with <c>new SqlConnection(...)</c> (Npgsql, MySQL, SQLite,
/// ...) in a local that nothing disposes, or that is closed without <c>try</c>/<c>finally</c> so an
/// exception skips the close. Each one keeps a pooled connection until the garbage collector finds
/// it; under load the pool runs dry and requests time out waiting. Silent for <c>using</c>,
/// connections returned to the caller or kept in a field, a close in <c>finally</c>, and startup
/// code. The fix writes <c>using var</c>.
/// </summary>
internal sealed class UndisposedConnectionDetector : ICSharpDetector
{
    public string RuleId => "RDY3105";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ObjectCreationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. EfSyntax.ConnectionTypes];

    public IReadOnlyCollection<string>? Anchors { get; } = [.. EfSyntax.ConnectionTypes.Select(t => t + "(")];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var creation = (ObjectCreationExpressionSyntax)node;
        if (CSharpFileModel.SimpleName(creation.Type) is not { } type || !EfSyntax.ConnectionTypes.Contains(type) ||
            CodeTimings.Of(creation) == CodeTiming.Startup ||
            creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            declarator.Parent?.Parent is not LocalDeclarationStatementSyntax declaration || declaration.UsingKeyword != default ||
            EfSyntax.BodyOf(creation) is not { } body)
        {
            return;
        }

        var name = declarator.Identifier.ValueText;
        var uses = body.Descendants().OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == name).ToList();
        if (uses.Any(u => Escapes(u)))
        {
            return;
        }

        var closes = uses.Where(u => u.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Close" or "Dispose" or "CloseAsync" or "DisposeAsync" } access && access.Expression == u).ToList();
        if (closes.Any(c => c.Ancestors().Any(a => a is FinallyClauseSyntax)))
        {
            return;
        }

        var how = closes.Count > 0 ? "is closed outside try/finally, so an exception skips the close" : "is never disposed";
        var fix = declaration.Parent is BlockSyntax
            ? context.Replace(new Microsoft.CodeAnalysis.Text.TextSpan(declaration.SpanStart, 0), "using ", $"Dispose {name} with using var")
            : null;
        context.Report(
            creation.Span,
            new Dictionary<string, string> { ["type"] = type, ["name"] = name, ["how"] = how },
            fix is null ? null : [fix]);
    }

    // Returned, stored in a field, handed to a using statement or to another object that owns it.
    private static bool Escapes(IdentifierNameSyntax use) => use.Parent switch
    {
        ReturnStatementSyntax or ArrowExpressionClauseSyntax or YieldStatementSyntax => true,
        UsingStatementSyntax => true,
        AssignmentExpressionSyntax assignment => assignment.Right == use,
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax creation } } =>
            !(CSharpFileModel.SimpleName(creation.Type) is { } type && EfSyntax.CommandTypes.Contains(type)),
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } =>
            invocation.MethodName() is not ("Open" or "OpenAsync" or "Query" or "QueryAsync" or "Execute" or "ExecuteAsync"),
        _ => false,
    };
}
