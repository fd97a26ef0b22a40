using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// The fix for <c>new HttpClient()</c>: ask an injected <c>IHttpClientFactory</c> instead. The
/// factory comes from what is in scope (a parameter, field or primary-constructor parameter), or is
/// injected: a parameter of a minimal API handler, a primary-constructor parameter, or a field
/// assigned in the type's one constructor. Every finding in a type injects with the same edits, so
/// applying several fixes at once adds the factory once. <c>AddHttpClient()</c> is registered in
/// the app when it is not yet.
/// </summary>
internal static class HttpClientFactoryInjection
{
    private const string Parameter = "httpClientFactory";
    private const string Field = "_httpClientFactory";

    public static IReadOnlyList<Fix> For(ExpressionSyntax creation, CSharpContext context)
    {
        if (creation is not ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null } &&
            creation is not ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null })
        {
            return [];
        }

        var edits = new List<FileEdit>();
        var factory = InScope(creation) ?? Inject(creation, context, edits);
        if (factory is null)
        {
            return [];
        }

        edits.Insert(0, new FileEdit(context.Path, context.RangeOf(creation.Span), $"{factory}.CreateClient()"));
        return [new Fix(null, edits, new AddHttpClientRegistration(context.Path))];
    }

    // An IHttpClientFactory the code can already use.
    private static string? InScope(SyntaxNode node) => ValuesInScope.Nearest(node, IsFactory);

    private static bool IsFactory(TypeSyntax? type) => CSharpFileModel.SimpleName(type) == "IHttpClientFactory";

    private static string? Inject(ExpressionSyntax creation, CSharpContext context, List<FileEdit> edits)
    {
        var member = creation.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or GlobalStatementSyntax);
        if (member is GlobalStatementSyntax)
        {
            return IntoHandler(creation, context, edits);
        }

        if (member is null || member.Modifiers().Any(SyntaxKind.StaticKeyword) || member.Parent is not ClassDeclarationSyntax type || type.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return null;
        }

        var names = type.Members.SelectMany(MemberNames).Concat(type.ParameterList?.Parameters.Select(p => p.Identifier.ValueText) ?? []).ToHashSet(StringComparer.Ordinal);
        if (type.ParameterList is { } primary)
        {
            if (names.Contains(Parameter))
            {
                return null;
            }

            edits.Add(FileEdit.Insert(context.Path, context.RangeOf(primary.CloseParenToken.Span).Start, (primary.Parameters.Count > 0 ? ", " : string.Empty) + "IHttpClientFactory " + Parameter));
            return Parameter;
        }

        // A field initializer cannot read the field a constructor assigns.
        var constructors = type.Members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
        if (member is FieldDeclarationSyntax or PropertyDeclarationSyntax || constructors is not [{ Body: { } body } constructor] ||
            names.Contains(Field) || constructor.ParameterList.Parameters.Any(p => p.Identifier.ValueText == Parameter) ||
            context.RangeOf(body.CloseBraceToken.Span).Start.Line == context.RangeOf(body.OpenBraceToken.Span).Start.Line)
        {
            return null;
        }

        var newLine = Indentation.NewLine(type);
        var memberIndent = Indentation.Of(constructor);
        var bodyIndent = memberIndent + Indentation.Unit(memberIndent);
        var fieldLine = $"private readonly IHttpClientFactory {Field};";
        var lastField = type.Members.OfType<FieldDeclarationSyntax>().LastOrDefault();
        edits.Add(lastField is not null
            ? FileEdit.Insert(context.Path, context.RangeOf(lastField.Span).End, $"{newLine}{memberIndent}{fieldLine}")
            : FileEdit.Insert(context.Path, context.RangeOf(constructor.SpanStart == constructor.FullSpan.Start ? constructor.Span : constructor.FullSpan).Start, $"{memberIndent}{fieldLine}{newLine}{newLine}"));
        edits.Add(FileEdit.Insert(context.Path, context.RangeOf(constructor.ParameterList.CloseParenToken.Span).Start, (constructor.ParameterList.Parameters.Count > 0 ? ", " : string.Empty) + "IHttpClientFactory " + Parameter));
        var closeLine = context.RangeOf(body.CloseBraceToken.Span).Start;
        edits.Add(FileEdit.Insert(context.Path, new Microsoft.CodeAnalysis.Text.LinePosition(closeLine.Line, 0), $"{bodyIndent}{Field} = {Parameter};{newLine}"));

        // Inside the constructor the field is only assigned at its end: use the parameter.
        return member == constructor ? Parameter : Field;
    }

    // `app.MapPost("/pay", async (Order order) => ...)` gets an `IHttpClientFactory httpClientFactory` parameter.
    private static string? IntoHandler(ExpressionSyntax creation, CSharpContext context, List<FileEdit> edits)
    {
        var handler = creation.Ancestors().OfType<ParenthesizedLambdaExpressionSyntax>().FirstOrDefault(l =>
            l.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } && call.MethodName()?.StartsWith("Map", StringComparison.Ordinal) == true);
        if (handler is null || handler.ParameterList.Parameters.Any(p => p.Type is null || p.Identifier.ValueText == Parameter))
        {
            return null;
        }

        var list = handler.ParameterList;
        edits.Add(FileEdit.Insert(context.Path, context.RangeOf(list.CloseParenToken.Span).Start, (list.Parameters.Count > 0 ? ", " : string.Empty) + "IHttpClientFactory " + Parameter));
        return Parameter;
    }

    private static IEnumerable<string> MemberNames(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
        PropertyDeclarationSyntax property => [property.Identifier.ValueText],
        MethodDeclarationSyntax method => [method.Identifier.ValueText],
        _ => [],
    };

    private static SyntaxTokenList Modifiers(this SyntaxNode node) => node is MemberDeclarationSyntax member ? member.Modifiers : default;
}
