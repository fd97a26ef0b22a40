namespace ReadinessLsp.Engine.Catalogue;

/// <summary>The shape of a rule YAML file, as written; validated into a <see cref="RuleDescriptor"/>.</summary>
internal sealed class RuleFile
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Severity { get; set; }

    public string? Category { get; set; }

    public List<string>? AppliesTo { get; set; }

    public string? Message { get; set; }

    public string? Summary { get; set; }

    public string? Hover { get; set; }

    public RuleFileFix? Fix { get; set; }

    public Dictionary<string, string>? Examples { get; set; }

    public string? Docs { get; set; }

    /// <summary>False for an opt-in rule: it reports only where a user switches it on.</summary>
    public bool? EnabledByDefault { get; set; }
}

internal sealed class RuleFileFix
{
    public string? Title { get; set; }

    public string? Description { get; set; }
}
