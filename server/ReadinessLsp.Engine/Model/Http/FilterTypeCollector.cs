using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Http;

/// <summary>
/// Records the app's own MVC filters — classes deriving from <c>ActionFilterAttribute</c>,
/// <c>TypeFilterAttribute</c> or another attribute of the app, or implementing a filter interface —
/// with whether they authorize by their base list or turn callers away in their own code. The
/// endpoint model reads them when an action carries <c>[InjectProvider(...)]</c>-style attributes.
/// </summary>
internal sealed class FilterTypeCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.ClassDeclaration];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["Filter"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var type = (ClassDeclarationSyntax)node;
        if (type.BaseList is not { } baseList || !baseList.Types.Any(t => IsFilterBase(CSharpFileModel.SimpleName(t.Type))))
        {
            return;
        }

        var bases = baseList.Types.Select(t => CSharpFileModel.SimpleName(t.Type)).OfType<string>().ToList();
        if (bases.All(b => AfterTheAction.Contains(b) || !IsFilterBase(b)))
        {
            return; // exception and result filters run after the action has run: they never turn a caller away
        }

        var authorizes = bases.Any(b => b is "IAuthorizationFilter" or "IAsyncAuthorizationFilter" or "AuthorizeAttribute" or "AuthorizationFilterAttribute");
        context.Facts.Add(new FilterTypeFact(
            type.Identifier.ValueText,
            bases.ToEquatableArray(),
            authorizes,
            Rejects(type),
            Delegates(type),
            context.RangeOf(type.Identifier.Span)));
    }

    private static readonly HashSet<string> AfterTheAction = new(StringComparer.Ordinal)
    {
        "ExceptionFilterAttribute", "IExceptionFilter", "IAsyncExceptionFilter", "ResultFilterAttribute", "IResultFilter", "IAsyncResultFilter",
        "IAlwaysRunResultFilter", "IAsyncAlwaysRunResultFilter",
    };

    private static bool IsFilterBase(string? name) =>
        name is not null && (name.EndsWith("Filter", StringComparison.Ordinal) || name.EndsWith("Attribute", StringComparison.Ordinal));

    // 401, 403 or a challenge, in any shape: `context.Result = new UnauthorizedResult()`, `Forbid()`, `StatusCodes.Status403Forbidden`.
    private static bool Rejects(ClassDeclarationSyntax type)
    {
        foreach (var token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                var text = token.ValueText;
                if (text.StartsWith("Unauthorized", StringComparison.Ordinal) || text.StartsWith("Forbid", StringComparison.Ordinal) ||
                    text.StartsWith("Challenge", StringComparison.Ordinal) || text.StartsWith("Status401", StringComparison.Ordinal) ||
                    text.StartsWith("Status403", StringComparison.Ordinal) || text.Contains("AccessDenied", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (token.IsKind(SyntaxKind.NumericLiteralToken) && token.ValueText is "401" or "403")
            {
                return true;
            }
        }

        return false;
    }

    // `: base(typeof(AdminFilter))` or `class RequireAdmin() : TypeFilterAttribute(typeof(AdminFilter))`.
    private static string? Delegates(ClassDeclarationSyntax type)
    {
        IEnumerable<ArgumentSyntax> arguments = type.BaseList!.Types.OfType<PrimaryConstructorBaseTypeSyntax>().SelectMany(p => p.ArgumentList.Arguments);
        arguments = arguments.Concat(type.Members.OfType<ConstructorDeclarationSyntax>()
            .SelectMany(c => c.Initializer?.ArgumentList.Arguments ?? default));
        return arguments.Select(a => a.Expression).OfType<TypeOfExpressionSyntax>().Select(t => CSharpFileModel.SimpleName(t.Type)).FirstOrDefault(n => n is not null);
    }
}
