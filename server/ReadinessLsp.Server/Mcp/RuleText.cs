using System.Text;
using ReadinessLsp.Engine.Catalogue;

namespace ReadinessLsp.Server.Mcp;

/// <summary>The catalogue's words as the agent reads them: a rule's documentation, and the "what to do" of an explanation.</summary>
internal static class RuleText
{
    private const string WhatToDoMark = "**What to do:**";
    private const string DetailMark = "*Detail:*";

    /// <summary>The explanation's "What to do" paragraph(s), without the detail that follows.</summary>
    public static string? WhatToDo(string hoverMarkdown)
    {
        var start = hoverMarkdown.IndexOf(WhatToDoMark, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += WhatToDoMark.Length;
        var end = hoverMarkdown.IndexOf(DetailMark, start, StringComparison.Ordinal);
        return hoverMarkdown[start..(end < 0 ? hoverMarkdown.Length : end)].Trim();
    }

    /// <summary>The rule's documentation page: what it finds, why it matters, how to fix and silence it.</summary>
    public static string Document(RuleDescriptor rule)
    {
        var text = new StringBuilder();
        text.Append($"# {rule.Id}: {rule.Title}\n\n");
        text.Append($"Severity {rule.DefaultSeverity.Name()} · category {rule.Category} · files: {string.Join(", ", rule.AppliesTo)}\n\n");
        text.Append(rule.Summary).Append("\n\n");
        text.Append(rule.ExampleHoverMarkdown.TrimEnd()).Append("\n\n");
        text.Append(rule.Fix is null
            ? "Automatic fix: none; the explanation says what to do.\n\n"
            : $"Automatic fix ({rule.Fix.Title}): {rule.Fix.Description}\n\n");
        text.Append($"Silence one finding with a reason: `// readiness-ignore {rule.Id}: why` (`#` in .env files), or switch the rule off in readiness.json: `{{ \"rules\": {{ \"{rule.Id}\": \"off\" }} }}`.\n");
        return text.ToString();
    }

    /// <summary>Every rule, one line each: the index of the rule resources.</summary>
    public static string Index(RuleCatalogue catalogue)
    {
        var text = new StringBuilder("# Rules\n\nEach rule's documentation is the resource readiness://rules/{id}.\n\n");
        foreach (var rule in catalogue.Rules)
        {
            text.Append($"- {rule.Id} ({rule.DefaultSeverity.Name()}, {rule.Category}): {rule.Title}\n");
        }

        return text.ToString();
    }
}
