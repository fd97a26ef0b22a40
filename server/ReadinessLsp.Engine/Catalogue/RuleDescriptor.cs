namespace ReadinessLsp.Engine.Catalogue;

/// <summary>
/// One rule as the catalogue describes it. Title, message, severity and explanation live only
/// here (loaded from <c>rules/**/*.yaml</c>); detectors carry just the id. A rule that is
/// <see cref="EnabledByDefault"/> false reports only where the user switches it on.
/// </summary>
internal sealed record RuleDescriptor(
    string Id,
    string Slug,
    string Title,
    Severity DefaultSeverity,
    string Category,
    IReadOnlyList<string> AppliesTo,
    string MessageTemplate,
    string Summary,
    string HoverMarkdown,
    RuleFixText? Fix,
    IReadOnlyDictionary<string, string> Examples,
    string DocsAnchor,
    string SourceFile,
    bool EnabledByDefault = true)
{
    /// <summary>
    /// The explanation with example values in its placeholders: what a rule's documentation shows
    /// when there is no particular finding (SARIF rule help, the rules list).
    /// </summary>
    public string ExampleHoverMarkdown => FormatHover(Examples);

    /// <summary>Where a user reads about the rule: the README's rules table.</summary>
    public string HelpUri => $"{RuleCatalogue.DocsBaseUri}#{DocsAnchor}";

    /// <summary>Fills <c>{name}</c> placeholders; an unknown placeholder is left as written.</summary>
    public string FormatMessage(IReadOnlyDictionary<string, string> arguments) => Placeholders.Fill(MessageTemplate, arguments);

    public string FormatHover(IReadOnlyDictionary<string, string> arguments) => Placeholders.Fill(HoverMarkdown, arguments);
}

internal sealed record RuleFixText(string Title, string Description);

internal static class Placeholders
{
    public static string Fill(string template, IReadOnlyDictionary<string, string> arguments)
    {
        if (arguments.Count == 0 || !template.Contains('{'))
        {
            return template;
        }

        var result = template;
        foreach (var (name, value) in arguments)
        {
            result = result.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return result;
    }
}
