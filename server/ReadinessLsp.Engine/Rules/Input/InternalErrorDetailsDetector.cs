using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Calls;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.Input;

/// <summary>
/// RDY4010: an exception's message, stack trace or the exception itself sent to the client: in a
/// result (<c>BadRequest(ex.Message)</c>, <c>Results.Problem(ex.ToString())</c>), written to the
/// response by exception middleware, shown as a model error or in <c>TempData</c>, returned from an
/// endpoint, or put into a result envelope (<c>new Result { ErrorMessage = ex.Message }</c>) that a
/// method production code calls returns. Only exceptions of the framework's, runtime's and
/// drivers' types count (their text describes internals); the app's own exception types, and
/// branches narrowed to them (<c>if (ex is NotFoundException)</c>), carry messages meant for users.
/// </summary>
internal sealed class InternalErrorDetailsDetector : ICSharpDetector, IDeferredResolver<InternalErrorDetailsDetector.ReturnedFrom>
{
    private static readonly HashSet<string> DetailMembers = ["Message", "StackTrace", "InnerException", "ToString", "GetBaseException", "Source"];

    private static readonly string[] EnvelopeNames = ["Result", "Response", "Outcome", "Reply", "Dto"];

    private static readonly HashSet<string> ActionResultTypes = ["IActionResult", "ActionResult", "IResult", "Results", "Task", "ValueTask", "void"];

    public string RuleId => "RDY4010";

    // The code that can see an exception (a catch clause, a function taking one), each read once
    // here: found by "catch" and "Exception", not by walking every member access of the file.
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } =
    [
        SyntaxKind.CatchClause, SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression,
    ];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["Message", "StackTrace", "InnerException", "catch"];

    public IReadOnlyCollection<string>? Anchors { get; } = ["catch", "Exception"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(CalledMethods), typeof(WebAppIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (!OwnsExceptionScope(node))
        {
            return;
        }

        // Each node belongs to the nearest scope around it; nested scopes are read on their own.
        foreach (var inner in node.Descendants(n => n == node || !OwnsExceptionScope(n) && n is not TypeDeclarationSyntax))
        {
            if (inner.RawKind is (int)SyntaxKind.SimpleMemberAccessExpression or (int)SyntaxKind.Interpolation or (int)SyntaxKind.Argument)
            {
                AnalyzeDetail(inner, context);
            }
        }
    }

    // A catch clause, or a function with an exception parameter: the scopes InExceptionScope accepts.
    private static bool OwnsExceptionScope(SyntaxNode node) => node switch
    {
        CatchClauseSyntax => true,
        BaseMethodDeclarationSyntax method => TakesException(method.ParameterList),
        LocalFunctionStatementSyntax local => TakesException(local.ParameterList),
        ParenthesizedLambdaExpressionSyntax lambda => TakesException(lambda.ParameterList),
        _ => false,
    };

    private static bool TakesException(ParameterListSyntax parameters) =>
        parameters.Parameters.Any(p => CSharpFileModel.SimpleName(p.Type)?.EndsWith("Exception", StringComparison.Ordinal) == true);

    private void AnalyzeDetail(SyntaxNode node, CSharpContext context)
    {
        var (source, exception, what) = Source(node, context);
        if (source is null || exception is null)
        {
            return;
        }

        var sink = ErrorDetailsFlow.From(source);
        var arguments = new Dictionary<string, string> { ["what"] = what! };
        switch (sink)
        {
            case ErrorDetailsSink.Response response:
                arguments["via"] = $"`{response.Via}`";
                context.Defer(this, source.Span, new ReturnedFrom(null), arguments, GenericMessageFix(source, exception, what!, context));
                break;
            case ErrorDetailsSink.Returned when ReturningFunction(source) is { } function:
                if (IsEndpoint(function))
                {
                    arguments["via"] = "the endpoint's return value";
                    context.Defer(this, source.Span, new ReturnedFrom(null), arguments, GenericMessageFix(source, exception, what!, context));
                }
                // An override is called by its base class's machinery (a queue's dispatcher, a pipeline step), which a
                // caller check by name cannot follow; services that hand envelopes to controllers are not overrides.
                else if (function is MethodDeclarationSyntax method && EnvelopeName(method.ReturnType) is { } envelope && !method.Modifiers.Any(SyntaxKind.OverrideKeyword))
                {
                    arguments["via"] = $"the `{envelope}` that `{method.Identifier.ValueText}` returns";
                    context.Defer(this, source.Span, new ReturnedFrom(method.Identifier.ValueText), arguments, GenericMessageFix(source, exception, what!, context));
                }

                break;
        }
    }

    public Detection? Resolve(Detection candidate, ReturnedFrom data, WorkspaceModels models) =>
        models.Get<WebAppIndex>().Contains(candidate.Path) && (data.Method is null || models.Get<CalledMethods>().Contains(data.Method)) ? candidate : null;

    // `ex.Message`, `ex.InnerException?.Message`, `ex.ToString()`, `$"{ex}"`, `Ok(ex)`: the outermost detail expression.
    private static (ExpressionSyntax? Source, string? Exception, string? What) Source(SyntaxNode node, CSharpContext context)
    {
        switch (node)
        {
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax name } access when DetailMembers.Contains(access.Name.Identifier.ValueText) && IsFrameworkException(name, context):
                ExpressionSyntax top = access;
                var last = access.Name.Identifier.ValueText;
                while (true)
                {
                    if (top.Parent is InvocationExpressionSyntax invoked && invoked.Expression == top)
                    {
                        top = invoked;
                    }
                    else if (top.Parent is MemberAccessExpressionSyntax outer && outer.Expression == top && DetailMembers.Contains(outer.Name.Identifier.ValueText))
                    {
                        top = outer;
                        last = outer.Name.Identifier.ValueText;
                    }
                    else if (top.Parent is ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax binding } conditional && conditional.Expression == top &&
                        DetailMembers.Contains(binding.Name.Identifier.ValueText))
                    {
                        top = conditional;
                        last = binding.Name.Identifier.ValueText;
                    }
                    else
                    {
                        break;
                    }
                }

                return (top, name.Identifier.ValueText, last switch
                {
                    "Message" when access.Name.Identifier.ValueText == "InnerException" => "the inner exception's message",
                    "Message" or "Source" => "the exception message",
                    _ => "the exception with its stack trace",
                });
            case InterpolationSyntax { Expression: IdentifierNameSyntax name } when IsFrameworkException(name, context):
                return (name, name.Identifier.ValueText, "the exception with its stack trace");
            case ArgumentSyntax { Expression: IdentifierNameSyntax name, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } when
                ResponseSinks.Call(call) is not null && IsFrameworkException(name, context):
                return (name, name.Identifier.ValueText, "the exception with its stack trace");
            default:
                return (null, null, null);
        }
    }

    private static bool IsFrameworkException(IdentifierNameSyntax name, CSharpContext context) =>
        InExceptionScope(name) && ExceptionSyntax.IsFrameworkException(context.Model.DeclaredTypeOf(name)) && !ExceptionSyntax.NarrowedToOwnType(name, name.Identifier.ValueText);

    // Only code that can see an exception: a catch clause, or a function taking one (`HandleExceptionAsync(HttpContext, Exception)`).
    private static bool InExceptionScope(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case CatchClauseSyntax:
                    return true;
                case BaseMethodDeclarationSyntax method:
                    return method.ParameterList.Parameters.Any(p => CSharpFileModel.SimpleName(p.Type)?.EndsWith("Exception", StringComparison.Ordinal) == true);
                case LocalFunctionStatementSyntax local when local.ParameterList.Parameters.Any(p => CSharpFileModel.SimpleName(p.Type)?.EndsWith("Exception", StringComparison.Ordinal) == true):
                    return true;
                case ParenthesizedLambdaExpressionSyntax lambda when lambda.ParameterList.Parameters.Any(p => CSharpFileModel.SimpleName(p.Type)?.EndsWith("Exception", StringComparison.Ordinal) == true):
                    return true;
                case TypeDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static SyntaxNode? ReturningFunction(SyntaxNode source) =>
        source.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);

    // A public action of a controller, a Razor Pages handler, or a minimal API handler.
    private static bool IsEndpoint(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.PublicKeyword) && !method.Modifiers.Any(SyntaxKind.StaticKeyword) && method.Parent is ClassDeclarationSyntax type &&
            (type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal) ||
                type.BaseList?.Types.Any(t => CSharpFileModel.SimpleName(t.Type) is "Controller" or "ControllerBase" or "PageModel") == true),
        AnonymousFunctionExpressionSyntax lambda => lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } &&
            call.MethodName() is { } name && name.StartsWith("Map", StringComparison.Ordinal),
        _ => false,
    };

    // `Result<T>`, `Task<ServiceResponse<T>>`, `ApiResponse`: an object made to be handed to the client; its name, or null.
    private static string? EnvelopeName(TypeSyntax type)
    {
        var inner = CSharpFileModel.SimpleName(type) is "Task" or "ValueTask" ? (type as GenericNameSyntax)?.TypeArgumentList.Arguments.FirstOrDefault() ?? (type as QualifiedNameSyntax)?.Right as TypeSyntax : type;
        if (inner is QualifiedNameSyntax { Right: GenericNameSyntax right } && CSharpFileModel.SimpleName(inner) is "Task" or "ValueTask")
        {
            inner = right.TypeArgumentList.Arguments.FirstOrDefault();
        }

        var name = CSharpFileModel.SimpleName(inner);
        return name is not null && !ActionResultTypes.Contains(name) && !name.EndsWith("ActionResult", StringComparison.Ordinal) &&
            EnvelopeNames.Any(e => name.EndsWith(e, StringComparison.Ordinal)) ? name : null;
    }

    // `BadRequest(ex.Message)` -> `BadRequest("An unexpected error occurred.")`, logging the exception first when the catch does not.
    private static IReadOnlyList<Fix> GenericMessageFix(ExpressionSyntax source, string exception, string what, CSharpContext context)
    {
        // Only text can be replaced by text: `ex.Message`, `ex.StackTrace`, `ex.ToString()`, not `ex` or `ex.InnerException`.
        var last = source switch
        {
            InvocationExpressionSyntax call => call.MethodName(),
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax binding } => binding.Name.Identifier.ValueText,
            _ => null,
        };
        if (last is not ("Message" or "StackTrace" or "ToString" or "Source"))
        {
            return [];
        }

        var edits = new List<FileEdit> { new(context.Path, context.RangeOf(source.Span), "\"An unexpected error occurred.\"") };
        var clause = source.Ancestors().OfType<CatchClauseSyntax>().FirstOrDefault(c => ExceptionSyntax.VariableOf(c) == exception);
        if (clause is not null && clause.Block.Statements.Count > 0 &&
            !clause.Block.Descendants().OfType<InvocationExpressionSyntax>().Any(LoggerSyntax.IsLogCall) &&
            LoggerSyntax.LoggerInScope(clause) is { } logger)
        {
            var first = clause.Block.Statements[0];
            var member = Model.Scope.CodeScope.MemberOf(clause) is { } m ? Model.Scope.CodeScope.MethodName(m) : "The request";
            edits.Add(FileEdit.Insert(context.Path, context.RangeOf(first.Span).Start, $"{logger}.LogError({exception}, \"{member} failed\");{Indentation.NewLine(first)}{Indentation.Of(first)}"));
        }

        return [new Fix(null, edits)];
    }

    /// <summary>The method whose return value carries the text, when it is not an endpoint's; null when the text goes out directly.</summary>
    internal sealed record ReturnedFrom(string? Method);
}
