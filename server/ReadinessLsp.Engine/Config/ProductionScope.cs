using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Keys;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config;

/// <summary>
/// Whether a value in an appsettings file reaches Production: always for
/// <c>appsettings.Production.json</c>; for the base file only when no Production overlay in the same
/// folder sets the same key (decided once every file's keys are known); never for Development and
/// other named environments.
/// </summary>
internal static class ProductionScope
{
    public static bool Applies(string path) => FileClassifier.AppSettingsEnvironment(path) is var e && (e is null || IsProduction(e));

    public static bool IsProduction(string? environment) => string.Equals(environment, "Production", StringComparison.OrdinalIgnoreCase);

    /// <summary>Development-like environments whose files hold local values on purpose.</summary>
    public static bool IsDevelopment(string? environment) =>
        environment is not null &&
        (environment.Equals("Development", StringComparison.OrdinalIgnoreCase) ||
         environment.Equals("Dev", StringComparison.OrdinalIgnoreCase) ||
         environment.Equals("Local", StringComparison.OrdinalIgnoreCase) ||
         environment.Equals("LocalDevelopment", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reports a finding about <paramref name="key"/> if the file's value is the one Production sees.</summary>
    public static void Report(
        DocumentContext context,
        string key,
        TextSpan span,
        IReadOnlyDictionary<string, string> arguments,
        IReadOnlyList<Fix>? fixes = null) =>
        ReportPending(context, key, span, arguments, (_, candidate) => fixes is null ? candidate : candidate with { Fixes = fixes });

    /// <summary>
    /// The same, for a finding that needs the merged facts to complete (a fix that edits
    /// <c>.env.example</c>): <paramref name="complete"/> runs once the workspace is known.
    /// Staging and other named environments are left alone: their files describe servers the
    /// author chose to set up differently, and only Production's effective values are judged.
    /// </summary>
    public static void ReportPending(
        DocumentContext context,
        string key,
        TextSpan span,
        IReadOnlyDictionary<string, string> arguments,
        Func<WorkspaceFacts, Detection, Detection> complete)
    {
        var environment = FileClassifier.AppSettingsEnvironment(context.Path);
        if (IsProduction(environment))
        {
            context.ReportPending(span, complete, arguments);
        }
        else if (environment is null)
        {
            var path = context.Path;
            context.ReportPending(
                span,
                (facts, candidate) => facts.Index(ConfigKeyIndex.Build).IsOverriddenInProduction(path, key) ? null : complete(facts, candidate),
                arguments);
        }
    }
}
