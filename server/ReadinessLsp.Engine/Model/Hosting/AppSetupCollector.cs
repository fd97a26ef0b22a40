using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.Hosting;

/// <summary>
/// Records which app-wide features a file sets up (<see cref="AppFeature"/>), by the calls that set
/// them up. Custom extensions count by name: <c>app.UseCustomExceptionHandler()</c>,
/// <c>app.UseMiddleware&lt;ErrorHandlingMiddleware&gt;()</c>, <c>services.AddHealthChecks(settings)</c>.
/// </summary>
internal sealed class AppSetupCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> HealthCalls =
    [
        "AddHealthChecks", "MapHealthChecks", "UseHealthChecks", "AddDefaultHealthChecks", "MapDefaultEndpoints", "AddServiceDefaults", "MapHealthChecksUI",
    ];

    private static readonly HashSet<string> HealthRoutes = new(StringComparer.OrdinalIgnoreCase) { "/health", "/healthz", "/health/live", "/health/ready", "/alive", "/ping", "/status" };

    private static readonly HashSet<string> ResilienceCalls =
    [
        "AddStandardResilienceHandler", "AddResilienceHandler", "AddPolicyHandler", "AddTransientHttpErrorPolicy", "AddStandardHedgingHandler",
    ];

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } =
    [
        .. HealthCalls, "ExceptionHandl", "ProblemDetails", "ExceptionMiddleware", "ErrorHandl", "ErrorMiddleware", "UseError", "UseException", "UseProblemDetails",
        "ExceptionFilter", "AddHttpClient", "ConfigureHttpClientDefaults", "CreateBuilder", "AddValidation", "AutoValidation", "AddFluentValidation",
        "ValidateModel", "ValidationFilter", "ModelStateValidat",
    ];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (call.MethodName() is not { } name)
        {
            return;
        }

        var features = context.Local<HashSet<AppFeature>>(this);
        if (HealthCalls.Contains(name) || (name.StartsWith("Map", StringComparison.Ordinal) && call.ArgumentList.Arguments.FirstOrDefault()?.Expression.StringLiteralValue() is { } route && HealthRoutes.Contains(route)))
        {
            features.Add(AppFeature.HealthChecks);
        }
        else if (HandlesExceptions(call, name) && !EnvironmentGuard.IsDevelopmentOnly(call))
        {
            features.Add(AppFeature.ExceptionHandler);
        }
        else if (name is "AddFluentValidationAutoValidation" or "AddFluentValidation" ||
            (name is "Add" or "AddService" && IsFilters(call.Receiver()) &&
                TypeArgumentOrTypeof(call) is { } filter && filter.Contains("Valid", StringComparison.Ordinal) && !filter.Contains("AntiForgery", StringComparison.OrdinalIgnoreCase)))
        {
            features.Add(AppFeature.MvcValidation);
        }
        else if (name == "AddValidation")
        {
            features.Add(AppFeature.MinimalValidation);
        }
        else if (name.StartsWith("AddHttpClient", StringComparison.Ordinal))
        {
            features.Add(AppFeature.HttpClientFactory);
        }
        else if (name == "ConfigureHttpClientDefaults")
        {
            features.Add(AppFeature.HttpClientFactory);
            if (call.Descendants().OfType<InvocationExpressionSyntax>().Any(c => c.MethodName() is { } inner && (ResilienceCalls.Contains(inner) || inner == "ConfigureHttpClient")))
            {
                features.Add(AppFeature.HttpClientDefaults);
            }
        }
        else if (name == "Build" && call.Receiver() is IdentifierNameSyntax builder && context.Model.BuilderNames.Contains(builder.Identifier.ValueText) &&
            call.Ancestors().Any(a => a is GlobalStatementSyntax))
        {
            features.Add(AppFeature.HostBuilder);
        }
    }

    public void Complete(CSharpContext context)
    {
        var features = context.Local<HashSet<AppFeature>>(this);
        if (features.Count > 0)
        {
            context.Facts.Add(new AppSetup(features.Order().ToEquatableArray()));
        }
    }

    // UseExceptionHandler, AddExceptionHandler<T>, UseProblemDetails (Hellang), app.UseCustomExceptionHandler(),
    // app.UseMiddleware<ErrorHandlingMiddleware>(), options.Filters.Add<ApiExceptionFilter>(). Developer pages do not count.
    private static bool HandlesExceptions(InvocationExpressionSyntax call, string name)
    {
        if (name is "UseDeveloperExceptionPage" or "UseDatabaseErrorPage")
        {
            return false;
        }

        // AddProblemDetails: the app chose standard error responses (and UseExceptionHandler without a path needs it).
        if (name is "UseExceptionHandler" or "UseProblemDetails" or "AddExceptionHandler" or "AddProblemDetails" || (name.StartsWith("Use", StringComparison.Ordinal) && MentionsErrors(name)))
        {
            return true;
        }

        if (name is "UseMiddleware" or "Add" or "AddService" && TypeArgumentOrTypeof(call) is { } type)
        {
            return MentionsErrors(type) && (name == "UseMiddleware" || IsFilters(call.Receiver()));
        }

        return false;
    }

    // `options.Filters`, `Filters`: MVC's global filter list.
    private static bool IsFilters(ExpressionSyntax? receiver) =>
        receiver is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Filters" } or IdentifierNameSyntax { Identifier.ValueText: "Filters" };

    private static bool MentionsErrors(string name) =>
        name.Contains("Exception", StringComparison.Ordinal) || name.Contains("Error", StringComparison.Ordinal);

    // `UseMiddleware<T>()`, `Filters.Add<T>()`, `Filters.Add(typeof(T))`, `Filters.Add(new T())`.
    private static string? TypeArgumentOrTypeof(InvocationExpressionSyntax call)
    {
        if (call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } && generic.TypeArgumentList.Arguments.Count > 0)
        {
            return CSharpFileModel.SimpleName(generic.TypeArgumentList.Arguments[0]);
        }

        return call.ArgumentList.Arguments.FirstOrDefault()?.Expression switch
        {
            TypeOfExpressionSyntax typeOf => CSharpFileModel.SimpleName(typeOf.Type),
            ObjectCreationExpressionSyntax creation => CSharpFileModel.SimpleName(creation.Type),
            _ => null,
        };
    }
}
