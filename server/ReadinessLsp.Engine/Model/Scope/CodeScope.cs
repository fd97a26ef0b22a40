using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Model.Scope;

/// <summary>
/// The one answer to "does this code run in production?". The part the file's text decides is
/// answered here while the file is walked: environment guards in every shape
/// <see cref="EnvironmentGuard"/> knows, <c>[Conditional("DEBUG")]</c>, generated code and EF
/// migrations. The part other files decide (test projects, projects no solution includes, methods
/// only called under a development guard elsewhere) is answered at resolve time by
/// <see cref="Projects.ProjectIndex"/> and <see cref="DevelopmentOnlyMethods"/>.
/// </summary>
internal static class CodeScope
{
    public static CodeScopes Local(SyntaxNode node, CSharpFileModel file)
    {
        if (file.IsGenerated)
        {
            return CodeScopes.Generated;
        }

        // Asked for every detection: loops over parents rather than enumerators.
        var type = Enclosing<TypeDeclarationSyntax>(node);
        if (type is not null && IsMigration(type))
        {
            return CodeScopes.Migrations;
        }

        return EnvironmentGuard.IsDevelopmentOnly(node) || InDebugOnlyMethod(node) ? CodeScopes.DevelopmentOnly : CodeScopes.Production;
    }

    /// <summary>
    /// The member a node belongs to, as "Type.Member" (<c>OrdersController.Get</c>). Top-level
    /// statements belong to "Program", and a minimal API handler there to its route
    /// ("Program.DELETE /api/messages/{id}"). Local functions and lambdas belong to the method around them.
    /// </summary>
    public static string? MemberOf(SyntaxNode node)
    {
        string? member = null;
        for (var ancestor = node; ancestor is not null; ancestor = ancestor.Parent)
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    member = method.Identifier.ValueText;
                    break;
                case ConstructorDeclarationSyntax constructor:
                    member = constructor.Identifier.ValueText;
                    break;
                case PropertyDeclarationSyntax property:
                    member ??= property.Identifier.ValueText;
                    break;
                case BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count > 0:
                    member ??= field.Declaration.Variables[0].Identifier.ValueText;
                    break;
                case TypeDeclarationSyntax type:
                    return member is null ? type.Identifier.ValueText : $"{type.Identifier.ValueText}.{member}";
                case GlobalStatementSyntax:
                    return TopLevelHandler(node) is { } route ? $"Program.{route}" : "Program";
            }
        }

        return member;
    }

    /// <summary>The method name of a "Type.Method" member, as call sites name it.</summary>
    public static string MethodName(string member) => member[(member.IndexOf('.') + 1)..];

    // `app.MapDelete("/api/messages/{id}", async (...) => ...)`: the handler's verb and route, from
    // inside the handler or from the Map call itself (its name, its route).
    private static string? TopLevelHandler(SyntaxNode node)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            var call = ancestor switch
            {
                AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax owner } } } => owner,
                InvocationExpressionSyntax owner when owner.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax) => owner,
                _ => null,
            };
            if (call is not null && call.MethodName() is { } name && name.StartsWith("Map", StringComparison.Ordinal) &&
                call.ArgumentList.Arguments.Count > 1 && call.ArgumentList.Arguments[0].Expression.StringLiteralValue() is { } route)
            {
                var verb = name is "MapGet" or "MapPost" or "MapPut" or "MapPatch" or "MapDelete" ? name[3..].ToUpperInvariant() : name;
                return $"{verb} {route}";
            }
        }

        return null;
    }

    // Migrations describe schema history; their SQL and seed data are not request code.
    private static bool IsMigration(TypeDeclarationSyntax type) =>
        type.BaseList?.Types.Any(t => CSharpFileModel.SimpleName(t.Type) is "Migration" or "ModelSnapshot") == true ||
        CSharpFileModel.HasAttribute(type, "Migration");

    // [Conditional("DEBUG")] removes every call to the method from release builds.
    private static bool InDebugOnlyMethod(SyntaxNode node)
    {
        for (var method = Enclosing<MethodDeclarationSyntax>(node); method is not null; method = Enclosing<MethodDeclarationSyntax>(method.Parent))
        {
            foreach (var list in method.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (CSharpFileModel.AttributeName(attribute) == "Conditional" &&
                        attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression.StringLiteralValue() == "DEBUG")
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // The innermost T at or above the node.
    private static T? Enclosing<T>(SyntaxNode? node)
        where T : SyntaxNode
    {
        for (var at = node; at is not null; at = at.Parent)
        {
            if (at is T found)
            {
                return found;
            }
        }

        return null;
    }
}
