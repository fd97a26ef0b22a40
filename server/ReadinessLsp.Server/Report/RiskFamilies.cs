namespace ReadinessLsp.Server.Report;

/// <summary>
/// The six families a founder reads the report by. The catalogue's categories are finer (secrets
/// apart from configuration, resilience apart from observability); each maps onto one family.
/// </summary>
internal static class RiskFamilies
{
    public static readonly RiskFamily AccessControl = new("access", "Access control", "Who can call what, and whose data they get", ["access-control"]);
    public static readonly RiskFamily SecretsAndConfiguration = new("config", "Secrets and configuration", "Keys that leak, and settings that differ from your laptop", ["secrets", "configuration"]);
    public static readonly RiskFamily DataIntegrity = new("data", "Data integrity", "Things that happen twice or half-way", ["data-integrity"]);
    public static readonly RiskFamily DatabaseScale = new("scale", "Database scale", "Fast for you, slow for a thousand users", ["database-scale"]);
    public static readonly RiskFamily Input = new("input", "Input", "What a request may carry into your app", ["input"]);
    public static readonly RiskFamily FailureHandling = new("failure", "Failure handling", "Work that vanishes, hangs or goes unseen", ["resilience", "observability"]);

    public static readonly IReadOnlyList<RiskFamily> All = [AccessControl, SecretsAndConfiguration, DataIntegrity, DatabaseScale, Input, FailureHandling];

    /// <summary>The family of a catalogue category; a category added later without a family reads as configuration.</summary>
    public static RiskFamily Of(string category) =>
        All.FirstOrDefault(f => f.Categories.Contains(category, StringComparer.Ordinal)) ?? SecretsAndConfiguration;
}

/// <param name="Id">Short, stable, used in element ids and filters.</param>
internal sealed record RiskFamily(string Id, string Name, string Question, IReadOnlyList<string> Categories);
