using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// The edits that ask for a signed-in caller: an <c>[Authorize]</c> line above an action or class
/// (with the <c>using</c> it needs), or <c>.RequireAuthorization()</c> after a <c>Map*</c> call.
/// </summary>
internal static class AuthorizeFixes
{
    private const string Namespace = "Microsoft.AspNetCore.Authorization";

    /// <summary>An attribute line (<c>[Authorize]</c>, <c>[Authorize(Roles = "Admin")]</c>) above <paramref name="declaration"/>.</summary>
    public static Fix Attribute(MemberDeclarationSyntax declaration, string attribute, string title, CSharpContext context)
    {
        var indent = Indentation.Of(declaration);
        var newLine = Indentation.NewLine(declaration);
        var at = context.RangeOf(new TextSpan(declaration.SpanStart, 0)).Start;
        var edits = new List<FileEdit> { FileEdit.Insert(context.Path, at, $"{attribute}{newLine}{indent}") };
        if (UsingEdit(declaration, context) is { } usingEdit)
        {
            edits.Insert(0, usingEdit);
        }

        return new Fix(title, edits);
    }

    /// <summary><c>.RequireAuthorization()</c> right after the <c>Map*</c> call, before any other convention.</summary>
    public static Fix RequireAuthorization(InvocationExpressionSyntax map, CSharpContext context) =>
        context.Replace(new TextSpan(map.Span.End, 0), ".RequireAuthorization()", "Require a signed-in user: .RequireAuthorization()");

    /// <summary>Where the attribute's namespace is imported, or an edit that imports it.</summary>
    public static FileEdit? UsingEdit(SyntaxNode node, CSharpContext context)
    {
        var unit = (CompilationUnitSyntax)node.SyntaxTree.GetRoot();
        var usings = unit.Usings.Concat(unit.Members.OfType<BaseNamespaceDeclarationSyntax>().SelectMany(n => n.Usings)).ToList();
        if (usings.Any(u => u.Name?.ToString() == Namespace) || context.Text.ToString().Contains("global using " + Namespace, StringComparison.Ordinal))
        {
            return null;
        }

        var newLine = Indentation.NewLine(node);
        if (unit.Usings.LastOrDefault() is { } last)
        {
            return FileEdit.Insert(context.Path, context.RangeOf(new TextSpan(last.Span.End, 0)).Start, $"{newLine}using {Namespace};");
        }

        return FileEdit.Insert(context.Path, new LinePosition(0, 0), $"using {Namespace};{newLine}{newLine}");
    }
}
