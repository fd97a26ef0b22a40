using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>When a piece of code runs, as far as its text tells.</summary>
internal enum CodeTiming
{
    /// <summary>Once, while the app starts: <c>Main</c>, top-level statements, Startup, service registration, seeding.</summary>
    Startup,

    /// <summary>In a background worker: a <c>BackgroundService</c>, an <c>IHostedService</c>, a queue consumer, a scheduled job.</summary>
    Background,

    /// <summary>Anything else in a web app: endpoints, middleware, and the services they call, once per request.</summary>
    Request,
}

/// <summary>
/// Tells startup code and background workers from code that runs once per request, without a
/// compilation. Blocking on a task in <c>Main</c> costs one thread once; in a request it costs a
/// thread per request, and the pool runs dry under load. A lambda written in startup code runs
/// later when it is a handler (<c>MapGet</c>, <c>app.Use</c>) or a per-request factory
/// (<c>AddScoped(sp =&gt; ...)</c>); option lambdas (<c>AddJwtBearer(o =&gt; ...)</c>) run at startup.
/// </summary>
internal static class CodeTimings
{
    private static readonly HashSet<string> BackgroundBases =
    [
        "BackgroundService", "IHostedService", "IHostedLifecycleService", "IConsumer", "IJob", "IInvocable", "IHandleMessages",
        "IMessageHandler", "IConsumeAsync", "IIntegrationEventHandler",
    ];

    private static readonly string[] BackgroundSuffixes = ["Worker", "Consumer", "HostedService", "BackgroundService", "Job"];

    private static readonly HashSet<string> HostTypes =
    [
        "IServiceCollection", "IApplicationBuilder", "WebApplication", "WebApplicationBuilder", "IHostBuilder", "IHost", "IWebHostBuilder",
        "IEndpointRouteBuilder", "IHostApplicationBuilder", "IMvcBuilder", "IConfiguration", "ConfigurationManager",
    ];

    // Lambdas given to these run per request (handlers, middleware) or per scope (factories).
    private static readonly HashSet<string> PerRequestLambdaCalls =
    [
        "Use", "Run", "UseWhen", "MapWhen", "AddScoped", "AddTransient", "TryAddScoped", "TryAddTransient", "Map",
    ];

    public static CodeTiming Of(SyntaxNode node)
    {
        var inHandlerLambda = false;
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda when !inHandlerLambda && IsPerRequestLambda(lambda):
                    inHandlerLambda = true;
                    break;
                case LocalFunctionStatementSyntax local when IsSetupName(local.Identifier.ValueText):
                    return inHandlerLambda ? CodeTiming.Request : CodeTiming.Startup;
                case MethodDeclarationSyntax method:
                    if (IsStartupMethod(method))
                    {
                        return inHandlerLambda ? CodeTiming.Request : CodeTiming.Startup;
                    }

                    break;
                case TypeDeclarationSyntax type:
                    if (IsBackground(type))
                    {
                        return CodeTiming.Background;
                    }

                    if (IsStartupType(type))
                    {
                        return inHandlerLambda ? CodeTiming.Request : CodeTiming.Startup;
                    }

                    return CodeTiming.Request;
                case GlobalStatementSyntax:
                    return inHandlerLambda ? CodeTiming.Request : CodeTiming.Startup;
            }
        }

        return CodeTiming.Request;
    }

    /// <summary>A class that runs as a background worker rather than inside a request.</summary>
    public static bool IsBackground(TypeDeclarationSyntax type)
    {
        var name = type.Identifier.ValueText;
        return BackgroundSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)) ||
            type.BaseList?.Types.Any(t => CSharpFileModel.SimpleName(t.Type) is { } b && BackgroundBases.Contains(b)) == true;
    }

    private static bool IsPerRequestLambda(AnonymousFunctionExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } &&
        call.MethodName() is { } name &&
        (PerRequestLambdaCalls.Contains(name) || (name.StartsWith("Map", StringComparison.Ordinal) && name is not "MapGroup" and not "MapControllers"));

    private static bool IsStartupMethod(MethodDeclarationSyntax method)
    {
        var name = method.Identifier.ValueText;
        if (name == "Main" || IsSetupName(name))
        {
            return true;
        }

        // Startup's Configure, ConfigureServices and Configure{Environment}Services.
        if (name.StartsWith("Configure", StringComparison.Ordinal) && method.Parent is ClassDeclarationSyntax { Identifier.ValueText: "Startup" })
        {
            return true;
        }

        // Extension methods over the host, the services or the pipeline run while the app is put together.
        return method.ParameterList.Parameters.FirstOrDefault() is { } first &&
            first.Modifiers.Any(SyntaxKind.ThisKeyword) &&
            CSharpFileModel.SimpleName(first.Type) is { } type && HostTypes.Contains(type);
    }

    private static bool IsStartupType(TypeDeclarationSyntax type)
    {
        var name = type.Identifier.ValueText;
        return name is "Program" or "Startup" || name.Contains("Seed", StringComparison.Ordinal) || name.Contains("Initiali", StringComparison.Ordinal) ||
            name.EndsWith("Migrator", StringComparison.Ordinal);
    }

    // Seeding and migrating at start: SeedAsync, InitialiseDatabaseAsync, MigrateDatabase.
    private static bool IsSetupName(string name) =>
        name.StartsWith("Seed", StringComparison.Ordinal) || name.StartsWith("Initiali", StringComparison.Ordinal) ||
        name.StartsWith("Migrate", StringComparison.Ordinal) || name.StartsWith("EnsureSeed", StringComparison.Ordinal);
}
