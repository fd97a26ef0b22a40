using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// A setting an Aspire app host gives one of its projects when it runs or deploys it:
/// <c>.WithEnvironment("Identity__Url", ...)</c> sets <c>Identity:Url</c>, and
/// <c>.WithReference(db)</c> with <c>db = postgres.AddDatabase("catalogdb")</c> sets
/// <c>ConnectionStrings:catalogdb</c>. <see cref="Project"/> is the project's name as the app host
/// spells it (<c>Projects.Webhooks_API</c> gives "Webhooks_API"; compare with <see cref="ProjectKey"/>).
/// </summary>
internal sealed record AppHostSetting(string Project, string Key, string Path, FactSpan Range)
{
    /// <summary>A project name as the app host's generated <c>Projects.*</c> types spell it: '.', '-' and ' ' become '_'.</summary>
    public static string ProjectKey(string projectName) =>
        projectName.Replace('.', '_').Replace('-', '_').Replace(' ', '_');
}

/// <summary>Records what an Aspire app host (<c>DistributedApplication.CreateBuilder</c>) sets for the projects it runs.</summary>
internal sealed class AppHostSettingCollector : ICSharpFactCollector
{
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["DistributedApplication"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        var name = call.MethodName();
        if (name is not ("WithEnvironment" or "WithReference") || call.ArgumentList.Arguments.Count == 0)
        {
            return;
        }

        var first = call.ArgumentList.Arguments[0].Expression;
        string? key = name == "WithEnvironment"
            ? first.StringLiteralValue() is { Length: > 0 } variable ? EnvNames.ToConfigKey(variable) : null
            : ResourceName(first, call) is { } resource ? "ConnectionStrings:" + resource : null;
        if (key is null || ProjectOf(call) is not { } project)
        {
            return;
        }

        context.Facts.Add(new AppHostSetting(project, key, context.Path, context.RangeOf(first.Span)));
    }

    // The project a fluent chain configures: builder.AddProject<Projects.Api>("api")...With..., directly or through a variable.
    private static string? ProjectOf(InvocationExpressionSyntax call)
    {
        var root = call.FluentChain().First();
        if (AddedProject(root) is { } direct)
        {
            return direct;
        }

        return root.Receiver() is IdentifierNameSyntax variable && Initializer(variable, call) is InvocationExpressionSyntax initializer
            ? initializer.FluentChain().Select(AddedProject).FirstOrDefault(p => p is not null)
            : null;
    }

    private static string? AddedProject(InvocationExpressionSyntax call)
    {
        if (call.MethodName() != "AddProject")
        {
            return null;
        }

        if (call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments: [var type] } })
        {
            return CSharpFileModel.SimpleName(type);
        }

        // AddProject("api", "../Api/Api.csproj")
        return call.ArgumentList.Arguments.Skip(1).Select(a => a.Expression.StringLiteralValue()).FirstOrDefault(p => p?.EndsWith("proj", StringComparison.OrdinalIgnoreCase) == true) is { } path
            ? AppHostSetting.ProjectKey(System.IO.Path.GetFileNameWithoutExtension(path.Replace('\\', '/')))
            : null;
    }

    // The name of a resource variable: var db = postgres.AddDatabase("catalogdb"); var mq = builder.AddRabbitMQ("eventbus").WithLifetime(...).
    private static string? ResourceName(ExpressionSyntax argument, SyntaxNode at)
    {
        if (argument is not IdentifierNameSyntax variable || Initializer(variable, at) is not InvocationExpressionSyntax initializer)
        {
            return null;
        }

        var added = initializer.FluentChain().LastOrDefault(c => c.MethodName() is { } n && n.StartsWith("Add", StringComparison.Ordinal));
        return added is null || added.MethodName() == "AddProject" ? null : added.ArgumentList.Arguments.FirstOrDefault()?.Expression.StringLiteralValue();
    }

    // App host files are small and declare their resources once: the first declarator of the name in the file.
    private static ExpressionSyntax? Initializer(IdentifierNameSyntax variable, SyntaxNode at) =>
        at.SyntaxTree.GetRoot().Descendants().OfType<VariableDeclaratorSyntax>()
            .FirstOrDefault(d => d.Identifier.ValueText == variable.Identifier.ValueText)?.Initializer?.Value;
}
