using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config;

/// <summary>
/// Whether a value in an appsettings file reaches Production: for <c>appsettings.Production.json</c>,
/// and for the base file when no Production overlay in the same folder sets the same key; never for
/// Development and other named environments, whose files describe servers the author chose to set up
/// differently; never when the Aspire app host that runs the project sets the key. Rules about how a
/// value behaves (not whether it leaks) also ask whether it is used at all: read by the app's
/// production code or by the framework, and not switched off by its own file.
/// </summary>
internal sealed class ProductionScope : IDeferredResolver<ProductionScope.ProductionValue>
{
    private static readonly ProductionScope Resolver = new();

    private ProductionScope()
    {
    }

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(ConfigUsage)];

    /// <summary>Whether the file's values may reach Production at all (the base file or the Production overlay).</summary>
    public static bool Applies(string path) => FileClassifier.AppSettingsEnvironment(path) is var e && (e is null || IsProduction(e));

    public static bool IsProduction(string? environment) => EnvironmentNames.IsProduction(environment);

    /// <summary>Development-like environments whose files hold local values on purpose.</summary>
    public static bool IsDevelopment(string? environment) => EnvironmentNames.IsDevelopment(environment);

    /// <summary>
    /// Reports a finding about <paramref name="key"/> if the file's value is the one Production sees
    /// (and, with <paramref name="whenUsed"/>, only if something uses it there).
    /// </summary>
    public static void Report(
        DocumentContext context,
        string key,
        TextSpan span,
        IReadOnlyDictionary<string, string> arguments,
        IReadOnlyList<Fix>? fixes = null,
        bool whenUsed = false)
    {
        var environment = FileClassifier.AppSettingsEnvironment(context.Path);
        if (!(environment is null || IsProduction(environment)))
        {
            return;
        }

        if (whenUsed && context.Document.GetParsed(InactiveSettings.Parse).IsInactive(key))
        {
            return;
        }

        context.Defer(Resolver, span, new ProductionValue(context.Path, key, whenUsed), arguments, fixes);
    }

    public Detection? Resolve(Detection candidate, ProductionValue data, WorkspaceModels models)
    {
        var usage = models.Get<ConfigUsage>();
        return usage.ReachesProduction(data.Path, data.Key) && (!data.WhenUsed || usage.HasEffect(data.Path, data.Key)) ? candidate : null;
    }

    /// <summary>A key of a settings file whose value reaches Production unless an overlay or the app host replaces it.</summary>
    internal sealed record ProductionValue(string Path, string Key, bool WhenUsed);
}
