using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// Records the configuration keys code reads (for hovers and the missing-setting rule) and code
/// that loads configuration from a source this workspace cannot see.
/// </summary>
internal sealed class ConfigReadCollector : ICSharpFactCollector
{
    private static readonly HashSet<string> ExternalSourceCalls = new(StringComparer.Ordinal)
    {
        "AddAzureKeyVault", "AddAzureAppConfiguration", "AddSystemsManager", "AddSecretsManager", "AddKeyPerFile",
        "AddGoogleSecretManager", "AddVault", "AddHashiCorpVault", "AddConsul", "AddDapr", "AddDaprSecretStore", "AddDaprConfigurationStore",
        "AddParameterStore", "AddAwsSecretsManager",
    };

    public IReadOnlyCollection<SyntaxKind> NodeKinds => ConfigReadFinder.NodeKinds;

    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. ConfigReadFinder.RequiredWords, .. ExternalSourceCalls, "DistributedApplication", "AddJsonFile"];

    public IReadOnlyCollection<string>? Anchors { get; } = [.. ConfigReadFinder.Anchors, .. ExternalSourceCalls, "CreateBuilder", "AddJsonFile"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var site = ConfigReadFinder.Find(node);
        if (site is not null)
        {
            // Where the read runs decides whether a setting matters in production: a read under a development guard does not.
            var developmentOnly = CodeScope.Local(node, context.Model) != CodeScopes.Production;
            context.Facts.Add(new ConfigRead(
                site.Key,
                context.Path,
                context.RangeOf(site.LiteralSpan),
                site.Kind,
                site.HasDefault,
                site.Shape,
                developmentOnly,
                CodeScope.MemberOf(node),
                site.Preferred,
                site.PresenceOnly,
                site.FailsFast && IsStartupCode(node)));
            return;
        }

        if (ConfigReadFinder.JsonFileLoad(node) is { } load)
        {
            context.Facts.Add(new ConfigFileLoad(context.Path, load.Path, load.Optional));
            return;
        }

        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } && IsExternalSource(member))
        {
            context.Facts.Add(new ExternalConfigSource(context.Path, member.Name.Identifier.ValueText));
        }
    }

    // Top-level statements, Main, Startup.ConfigureServices/Configure, and extension methods that set up services or the host run once, at startup.
    private static bool IsStartupCode(SyntaxNode node)
    {
        // Code in a lambda runs when the lambda is called: a request handler, an options callback on first use.
        var container = node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax or GlobalStatementSyntax);
        if (container is GlobalStatementSyntax)
        {
            return true;
        }

        if (container is not MethodDeclarationSyntax method)
        {
            return false;
        }

        return method.Identifier.ValueText is "Main" or "ConfigureServices" or "Configure" ||
            method.ParameterList.Parameters.FirstOrDefault() is { } first && first.Modifiers.Any(SyntaxKind.ThisKeyword) &&
            CSharp.CSharpFileModel.SimpleName(first.Type) is "IServiceCollection" or "WebApplicationBuilder" or "IHostApplicationBuilder" or "IHostBuilder";
    }

    // An Aspire app host hands connection strings and settings to every project it runs.
    private static bool IsExternalSource(MemberAccessExpressionSyntax member) =>
        ExternalSourceCalls.Contains(member.Name.Identifier.ValueText) ||
        (member.Name.Identifier.ValueText == "CreateBuilder" && member.Expression is IdentifierNameSyntax { Identifier.ValueText: "DistributedApplication" });
}
