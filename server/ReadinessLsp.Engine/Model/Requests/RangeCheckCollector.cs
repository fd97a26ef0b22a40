using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Requests;

/// <summary>
/// Records the amounts and quantities a file compares with a bound (<c>Amount &lt;= 0</c>,
/// <c>request.Quantity &gt; 100</c>) as <see cref="RangeChecks"/>: code that checks the range of what
/// a request supplies. Found from the amount names themselves, not by walking every comparison of
/// the file; read in the files <see cref="RequestModelCollector"/> reads.
/// </summary>
internal sealed class RangeCheckCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } =
        [SyntaxKind.LessThanExpression, SyntaxKind.LessThanOrEqualExpression, SyntaxKind.GreaterThanExpression, SyntaxKind.GreaterThanOrEqualExpression];

    public IReadOnlyCollection<string>? RequiredWords => RequestModelCollector.Words;

    // IsAmount compares the end of a name exactly: the suffixes are the anchors.
    public IReadOnlyCollection<string>? Anchors => AmountNames.Words;

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var comparison = (BinaryExpressionSyntax)node;
        foreach (var side in new[] { comparison.Left, comparison.Right })
        {
            if (LastName(side) is { } name && AmountNames.IsAmount(name))
            {
                context.Local<HashSet<string>>(this).Add(name);
            }
        }
    }

    public void Complete(CSharpContext context)
    {
        var checks = context.Local<HashSet<string>>(this);
        if (checks.Count > 0)
        {
            context.Facts.Add(new RangeChecks(checks.Order(StringComparer.Ordinal).ToEquatableArray()));
        }
    }

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax binding } => binding.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        ParenthesizedExpressionSyntax parenthesized => LastName(parenthesized.Expression),
        _ => null,
    };
}
