namespace ReadinessLsp.Engine.Catalogue;

/// <summary>The risk families of the catalogue, as written in rule files.</summary>
internal static class RuleCategory
{
    public static readonly IReadOnlyList<string> All =
    [
        "access-control", "secrets", "configuration", "data-integrity", "database-scale", "input", "resilience", "observability",
    ];
}
