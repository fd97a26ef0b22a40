using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// The call that starts serving requests: <c>app.Run()</c>, <c>await app.RunAsync()</c>,
/// <c>CreateHostBuilder(args).Build().Run()</c>, <c>host.Run()</c>. Findings about what a whole app
/// lacks are reported here, once per app. <c>app.Run(async context =&gt; ...)</c> is terminal
/// middleware, not this.
/// </summary>
internal static class HostRunSyntax
{
    public static bool IsHostRun(InvocationExpressionSyntax call, CSharpFileModel model)
    {
        if (call.MethodName() is not ("Run" or "RunAsync") || call.ArgumentList.Arguments.Any(a => a.Expression is AnonymousFunctionExpressionSyntax))
        {
            return false;
        }

        return call.Receiver() switch
        {
            InvocationExpressionSyntax built => built.MethodName() == "Build",
            IdentifierNameSyntax name => model.IsApp(name) || BuiltLocal(name),
            _ => false,
        };
    }

    // `var host = CreateHostBuilder(args).Build(); host.Run();`
    private static bool BuiltLocal(IdentifierNameSyntax name)
    {
        var scope = name.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or CompilationUnitSyntax);
        return scope?.Descendants(n => n is not TypeDeclarationSyntax and not AnonymousFunctionExpressionSyntax)
            .OfType<VariableDeclaratorSyntax>()
            .Any(v => v.Identifier.ValueText == name.Identifier.ValueText && v.Initializer?.Value is InvocationExpressionSyntax init && init.MethodName() == "Build") == true;
    }
}

/// <summary>
/// <c>var app = builder.Build();</c> in top-level statements: where app-wide services are
/// registered (before it) and the pipeline starts (after it), for fixes that add both.
/// </summary>
internal sealed record TopLevelHost(StatementSyntax BuildStatement, string Builder, string App)
{
    public static TopLevelHost? In(SyntaxNode root, CSharpFileModel model)
    {
        foreach (var global in root.ChildNodes().OfType<GlobalStatementSyntax>())
        {
            if (global.Statement is LocalDeclarationStatementSyntax { Declaration.Variables: [{ Initializer.Value: InvocationExpressionSyntax call } variable] } statement &&
                call.MethodName() == "Build" && call.Receiver() is IdentifierNameSyntax builder && model.BuilderNames.Contains(builder.Identifier.ValueText))
            {
                return new TopLevelHost(statement, builder.Identifier.ValueText, variable.Identifier.ValueText);
            }
        }

        return null;
    }
}
