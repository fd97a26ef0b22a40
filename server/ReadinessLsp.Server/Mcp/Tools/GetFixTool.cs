using System.ComponentModel;
using System.Text;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp.Tools;

[McpServerToolType]
internal sealed class GetFixTool(FindingLookup lookup)
{
    [McpServerTool(Name = "get_fix", Title = "Get the fix for a finding", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FixAnswer))]
    [Description("The automatic fix for a finding id, offered only where the app keeps working: the edits (1-based ranges, old and new text) and a unified diff to apply with your own edit tool; several fixes are alternatives. This tool writes nothing. Where no safe fix exists, says what to do instead. Check the files again afterwards.")]
    public async Task<CallToolResult> GetFixAsync(
        [Description("The finding's id from a check.")] string id,
        CancellationToken cancellationToken = default)
    {
        var (finding, state, texts) = await lookup.FindAsync(id, cancellationToken);
        var fixes = state.MaterialisedFixes(finding, texts)
            .Select(fix => Describe(finding, fix, state, texts))
            .ToList();
        var whatToDo = RuleText.WhatToDo(finding.HoverMarkdown);
        var path = WorkspacePaths.Display(state, finding.Path);
        var note = fixes.Count > 0 ? null :
            finding.Fixes.Count > 0 ? "The automatic fix cannot be applied safely to the files as they are now." :
            "This rule has no automatic fix: the engine cannot tell that a mechanical edit keeps the app working.";
        var result = new FixAnswer(finding.Fingerprint, finding.RuleId, path, finding.Range.Start.Line + 1, fixes.Count > 0, fixes, fixes.Count > 0 ? null : whatToDo, note);

        var text = new StringBuilder();
        text.Append($"{finding.RuleId} {path}:{result.Line} {finding.Message}\n");
        if (fixes.Count == 0)
        {
            text.Append(note).Append('\n');
            if (whatToDo is not null)
            {
                text.Append("What to do: ").Append(whatToDo).Append('\n');
            }
        }

        if (fixes.Count > 1)
        {
            text.Append($"{fixes.Count} alternative fixes: apply one of them.\n");
        }

        foreach (var (fix, index) in fixes.Select((f, i) => (f, i + 1)))
        {
            text.Append(fixes.Count > 1 ? $"Fix {index}: {fix.Title}. " : $"Fix: {fix.Title}. ");
            text.Append(fix.DiffApplies
                ? "Apply this diff (git apply, patch -p1, or the same edits with your edit tool):\n"
                : "The diff masks a secret, so it will not apply as it is: make the edits in the structured result (their ranges) with your edit tool:\n");
            text.Append("```diff\n").Append(fix.Diff).Append("```\n");
        }

        if (fixes.Count > 0)
        {
            text.Append($"Then call check_files with [{string.Join(", ", fixes.SelectMany(f => f.Edits).Select(e => $"\"{e.Path}\"").Distinct())}].\n");
        }

        return ToolResult.Of(result, text.ToString());
    }

    private static FixItem Describe(Finding finding, Fix fix, WorkspaceState state, ITextSource texts)
    {
        var edits = fix.Edits.Select(edit =>
        {
            var current = texts.Read(edit.Path);
            var old = current is null || edit.CreateFile && current.Length == 0 ? string.Empty : OldText(current, edit, state);
            return new EditItem(
                WorkspacePaths.Display(state, edit.Path),
                edit.Range.Start.Line + 1,
                edit.Range.Start.Character + 1,
                edit.Range.End.Line + 1,
                edit.Range.End.Character + 1,
                old,
                edit.NewText,
                edit.CreateFile && current is null);
        }).ToList();
        var (diff, redacted) = UnifiedDiff.Create(fix.Edits, texts, p => WorkspacePaths.Display(state, p), p => SecretRedaction.SpansIn(state, p));
        return new FixItem(finding.FixTitle(fix), edits, diff, !redacted);
    }

    /// <summary>The text the edit replaces, with any secret in it masked.</summary>
    private static string OldText(Microsoft.CodeAnalysis.Text.SourceText text, FileEdit edit, WorkspaceState state)
    {
        try
        {
            var span = text.Lines.GetTextSpan(edit.Range);
            var old = text.ToString(span);
            var secrets = SecretRedaction.SpansIn(state, edit.Path);
            return secrets.Any(s => s.Start < edit.Range.End && edit.Range.Start < s.End) ? SecretRedaction.Mask(old) : old;
        }
        catch (ArgumentException)
        {
            return string.Empty;
        }
    }
}

/// <summary>The answer of <c>get_fix</c>.</summary>
internal sealed record FixAnswer(
    string Id,
    string Rule,
    string Path,
    int Line,
    bool Available,
    [property: Description("Alternatives: apply one.")] IReadOnlyList<FixItem> Fixes,
    [property: Description("With no fix: what to do by hand.")] string? WhatToDo,
    string? Note);

internal sealed record FixItem(
    string Title,
    [property: Description("Apply all together; 1-based ranges, end exclusive.")] IReadOnlyList<EditItem> Edits,
    [property: Description("Unified diff of the same edits.")] string Diff,
    [property: Description("False when the diff masks a secret: use the edits.")] bool DiffApplies);

internal sealed record EditItem(
    string Path,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    [property: Description("The text the range holds now (secrets masked).")] string OldText,
    string NewText,
    [property: Description("The edit creates the file.")] bool CreateFile);
