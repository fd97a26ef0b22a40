using Microsoft.Extensions.FileSystemGlobbing;
using ReadinessLsp.Engine.Catalogue;

namespace ReadinessLsp.Engine.Settings;

/// <summary>
/// What the user chose: per-rule severity or off, paths to exclude, and the master switch. The same
/// shape comes from the workspace's <c>readiness.json</c>, the CLI, and the editor's settings; they
/// are merged with <see cref="Overlay"/>. Immutable: settings travel with each analysis request.
/// </summary>
internal sealed record ReadinessSettings(
    IReadOnlyDictionary<string, RuleSetting> Rules,
    IReadOnlyList<string> Exclude,
    bool Enabled = true)
{
    public static readonly ReadinessSettings Default = new(new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase), []);

    private readonly Lazy<Matcher?> _excludeMatcher = new(() => BuildMatcher(Exclude));

    /// <summary>The effective severity, or null when the rule is switched off (by the user, or an opt-in rule nobody switched on).</summary>
    public Severity? SeverityOf(RuleDescriptor rule)
    {
        if (!Enabled)
        {
            return null;
        }

        if (!Rules.TryGetValue(rule.Id, out var setting))
        {
            return rule.EnabledByDefault ? rule.DefaultSeverity : null;
        }

        return setting.Off ? null : setting.Severity ?? rule.DefaultSeverity;
    }

    public bool IsExcluded(string root, string path)
    {
        var matcher = _excludeMatcher.Value;
        if (matcher is null)
        {
            return false;
        }

        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return !relative.StartsWith("..", StringComparison.Ordinal) && matcher.Match(relative).HasMatches;
    }

    /// <summary>This settings object with <paramref name="other"/> on top: its rules win, excludes add up.</summary>
    public ReadinessSettings Overlay(ReadinessSettings? other)
    {
        if (other is null)
        {
            return this;
        }

        var rules = new Dictionary<string, RuleSetting>(Rules, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, setting) in other.Rules)
        {
            rules[id] = setting;
        }

        return new ReadinessSettings(rules, [.. Exclude, .. other.Exclude.Except(Exclude)], Enabled && other.Enabled);
    }

    private static Matcher? BuildMatcher(IReadOnlyList<string> globs)
    {
        if (globs.Count == 0)
        {
            return null;
        }

        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        matcher.AddIncludePatterns(globs);
        return matcher;
    }
}

/// <summary>A user's choice for one rule: off, or a severity that replaces the catalogue's.</summary>
internal sealed record RuleSetting(bool Off, Severity? Severity)
{
    public static RuleSetting Parse(string value) =>
        value.Trim().ToLowerInvariant() switch
        {
            "off" or "none" or "false" or "disabled" => new RuleSetting(true, null),
            "on" or "default" or "true" => new RuleSetting(false, null),
            _ when SeverityNames.TryParse(value, out var severity) => new RuleSetting(false, severity),
            _ => throw new FormatException($"'{value}' is not one of off, default, {string.Join(", ", SeverityNames.All)}"),
        };
}
