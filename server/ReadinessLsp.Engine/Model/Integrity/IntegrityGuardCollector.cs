using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.Integrity;

/// <summary>
/// Finds the app-wide guards the data-integrity rules must know of: a class that handles
/// idempotency keys (its name or an <c>Idempotency-Key</c> / <c>x-requestid</c> header says so), and
/// a pipeline behaviour, filter or middleware that opens a transaction around every request.
/// </summary>
internal sealed class IntegrityGuardCollector : ICSharpFactCollector
{
    // Types that wrap every request or command: what they do applies to all of them.
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal)
    {
        "IPipelineBehavior", "IAsyncActionFilter", "IActionFilter", "IMiddleware", "IAsyncResourceFilter", "IEndpointFilter", "ActionFilterAttribute",
    };

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ClassDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["Idempoten", "RequestManager", "BeginTransaction"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var type = (ClassDeclarationSyntax)node;
        var name = type.Identifier.ValueText;
        var span = context.RangeOf(type.Identifier.Span);
        if (name.Contains("Idempoten", StringComparison.OrdinalIgnoreCase) || name.Contains("RequestManager", StringComparison.Ordinal))
        {
            context.Facts.Add(new IntegrityGuardFact(IntegrityGuardKind.Idempotency, name, context.Path, span));
        }

        if (IsWrapper(type) && type.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() is { } m && m.StartsWith("BeginTransaction", StringComparison.Ordinal)))
        {
            context.Facts.Add(new IntegrityGuardFact(IntegrityGuardKind.Transaction, name, context.Path, span));
        }
    }

    // A behaviour or filter by its bases, or a conventional middleware (a class with Invoke/InvokeAsync(HttpContext)).
    private static bool IsWrapper(ClassDeclarationSyntax type) =>
        type.BaseList?.Types.Any(b => CSharpFileModel.SimpleName(b.Type) is { } baseName && Wrappers.Contains(baseName)) == true ||
        type.Members.OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText is "Invoke" or "InvokeAsync" &&
            m.ParameterList.Parameters.Any(p => CSharpFileModel.SimpleName(p.Type) == "HttpContext"));
}
