using System.ComponentModel;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Server.Mcp.Tools;

[McpServerToolType]
internal sealed class ExplainFindingTool(FindingLookup lookup)
{
    private const int Around = 2;
    private const int MaxFlaggedLines = 8;

    [McpServerTool(Name = "explain_finding", Title = "Explain a finding", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FindingExplanation))]
    [Description("Why a finding matters, for its id: what will happen in production and to whom, what to do, the related places (where a key is defined, where a policy is set), and the flagged lines with a little context. Secrets are masked.")]
    public async Task<CallToolResult> ExplainFindingAsync(
        [Description("The finding's id from a check.")] string id,
        CancellationToken cancellationToken = default)
    {
        var (finding, state, texts) = await lookup.FindAsync(id, cancellationToken);
        var source = texts.Read(finding.Path);
        var related = finding.Related
            .Select(r => new RelatedPlace(WorkspacePaths.Display(state, r.Path), r.Range.Start.Line + 1, r.Range.Start.Character + 1, r.Message))
            .ToList();
        var result = new FindingExplanation(
            finding.Fingerprint,
            finding.RuleId,
            finding.Rule.Title,
            finding.Severity.Name(),
            finding.Rule.Category,
            WorkspacePaths.Display(state, finding.Path),
            finding.Range.Start.Line + 1,
            finding.Range.Start.Character + 1,
            finding.Message,
            HoverText.Markdown([finding]),
            RuleText.WhatToDo(finding.HoverMarkdown),
            related,
            source is null ? null : Evidence(source, finding.Range, SecretRedaction.SpansIn(state, finding.Path), SecretRedaction.IsSettingsFile(finding.Path)),
            state.MaterialisedFixes(finding, texts) is [var fix, ..] ? finding.FixTitle(fix) : null,
            $"readiness://rules/{finding.RuleId}");

        var body = new StringBuilder();
        body.Append($"{result.Severity} {result.Rule} {result.Path}:{result.Line}:{result.Column}\n");
        body.Append(result.Message).Append("\n\n");
        body.Append(result.Explanation).Append("\n\n");
        foreach (var place in related)
        {
            body.Append($"Related: {place.Path}:{place.Line}:{place.Column} {place.Message}\n");
        }

        if (result.Evidence is not null)
        {
            body.Append("```\n").Append(result.Evidence).Append("```\n");
        }

        body.Append(result.Fix is null ? "No automatic fix: follow \"What to do\".\n" : $"Automatic fix: {result.Fix} (get_fix).\n");
        return ToolResult.Of(result, body.ToString());
    }

    /// <summary>The flagged lines with two lines either side, numbered, the flagged ones marked with '>'.</summary>
    private static string Evidence(SourceText text, LinePositionSpan range, IReadOnlyList<LinePositionSpan> secrets, bool settingsFile)
    {
        var lastLine = text.Lines.Count - 1;
        var flaggedEnd = Math.Min(range.End.Line, range.Start.Line + MaxFlaggedLines - 1);
        var first = Math.Max(0, range.Start.Line - Around);
        var last = Math.Min(lastLine, flaggedEnd + Around);
        var width = (last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var excerpt = new StringBuilder();
        for (var line = first; line <= last; line++)
        {
            var marker = line >= range.Start.Line && line <= flaggedEnd ? '>' : ' ';
            var (content, _) = SecretRedaction.Line(text, line, secrets, settingsFile);
            excerpt.Append(marker).Append((line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)).Append(" | ").Append(content).Append('\n');
        }

        return excerpt.ToString();
    }
}

/// <summary>The answer of <c>explain_finding</c>.</summary>
internal sealed record FindingExplanation(
    string Id,
    string Rule,
    string Title,
    string Severity,
    string Category,
    string Path,
    int Line,
    int Column,
    string Message,
    [property: Description("Markdown: what happens in production, to whom, what to do, then detail.")] string Explanation,
    string? WhatToDo,
    IReadOnlyList<RelatedPlace> Related,
    [property: Description("Flagged lines ('>') with context, numbered; secrets masked.")] string? Evidence,
    [property: Description("Title of the automatic fix, or null.")] string? Fix,
    [property: Description("The rule's documentation resource.")] string Documentation);

internal sealed record RelatedPlace(string Path, int Line, int Column, string Message);
