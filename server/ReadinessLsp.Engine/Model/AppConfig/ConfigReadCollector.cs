using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;

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

    public IReadOnlyCollection<string>? RequiredWords { get; } = [.. ConfigReadFinder.RequiredWords, .. ExternalSourceCalls, "DistributedApplication"];

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        var site = ConfigReadFinder.Find(node);
        if (site is not null)
        {
            context.Facts.Add(new ConfigRead(site.Key, context.Path, context.RangeOf(site.LiteralSpan), site.Kind, site.HasDefault));
            return;
        }

        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } && IsExternalSource(member))
        {
            context.Facts.Add(new ExternalConfigSource(context.Path, member.Name.Identifier.ValueText));
        }
    }

    // An Aspire app host hands connection strings and settings to every project it runs.
    private static bool IsExternalSource(MemberAccessExpressionSyntax member) =>
        ExternalSourceCalls.Contains(member.Name.Identifier.ValueText) ||
        (member.Name.Identifier.ValueText == "CreateBuilder" && member.Expression is IdentifierNameSyntax { Identifier.ValueText: "DistributedApplication" });
}
