using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config;

/// <summary>
/// Whether a value in an appsettings file reaches Production: always for
/// <c>appsettings.Production.json</c>; for the base file only when no Production overlay in the same
/// folder sets the same key (decided once every file's keys are known); never for Development and
/// other named environments, whose files describe servers the author chose to set up differently.
/// </summary>
internal sealed class ProductionScope : IDeferredResolver<ProductionScope.BaseFileValue>
{
    private static readonly ProductionScope Resolver = new();

    private ProductionScope()
    {
    }

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(ConfigKeyIndex)];

    /// <summary>Whether the file's values may reach Production at all (the base file or the Production overlay).</summary>
    public static bool Applies(string path) => FileClassifier.AppSettingsEnvironment(path) is var e && (e is null || IsProduction(e));

    public static bool IsProduction(string? environment) => EnvironmentNames.IsProduction(environment);

    /// <summary>Development-like environments whose files hold local values on purpose.</summary>
    public static bool IsDevelopment(string? environment) => EnvironmentNames.IsDevelopment(environment);

    /// <summary>Reports a finding about <paramref name="key"/> if the file's value is the one Production sees.</summary>
    public static void Report(
        DocumentContext context,
        string key,
        TextSpan span,
        IReadOnlyDictionary<string, string> arguments,
        IReadOnlyList<Fix>? fixes = null)
    {
        var environment = FileClassifier.AppSettingsEnvironment(context.Path);
        if (IsProduction(environment))
        {
            context.Report(span, arguments, fixes);
        }
        else if (environment is null)
        {
            context.Defer(Resolver, span, new BaseFileValue(context.Path, key), arguments, fixes);
        }
    }

    public Detection? Resolve(Detection candidate, BaseFileValue data, WorkspaceModels models) =>
        models.Get<ConfigKeyIndex>().IsOverriddenInProduction(data.Path, data.Key) ? null : candidate;

    /// <summary>A key of a base appsettings.json whose value reaches Production unless an overlay replaces it.</summary>
    internal sealed record BaseFileValue(string Path, string Key);
}
