using System.ComponentModel;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp.Tools;

[McpServerToolType]
internal sealed class CheckFilesTool(McpWorkspace workspace, CheckResults results)
{
    private const int MaxFiles = 200;
    private const int MaxElsewhere = 10;

    [McpServerTool(Name = "check_files", Title = "Check files", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FilesCheck))]
    [Description("Findings for the given files, judged with the whole workspace's cross-file knowledge. Call it with the files you just edited, and again after fixing, until clean. Files are read from disk as they are now; pass `files` to judge unsaved text instead. Also reports findings in other files that the change added or cleared.")]
    public async Task<CallToolResult> CheckFilesAsync(
        [Description("Workspace-relative paths, e.g. [\"Program.cs\", \"appsettings.json\"].")] string[]? paths = null,
        [Description("Unsaved text to judge instead of the disk: [{\"path\", \"text\"}]. Nothing is written.")] UnsavedFile[]? files = null,
        [Description("Findings per page, 1-100.")] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var pageSize = ToolResult.Limit(limit);
        var before = await workspace.ReadyAsync(cancellationToken, verify: []);
        var roots = before.Roots;
        var unsaved = new Dictionary<string, string>(PathNormalizer.Comparer);
        foreach (var file in files ?? [])
        {
            unsaved[WorkspacePaths.Resolve(roots, file.Path)] = file.Text ?? throw new McpException($"files: '{file.Path}' has no text.");
        }

        var named = (paths ?? []).Select(p => WorkspacePaths.Resolve(roots, p)).Concat(unsaved.Keys).Distinct(PathNormalizer.Comparer).ToList();
        if (named.Count == 0)
        {
            throw new McpException("Give the files to check in `paths` (workspace-relative), or unsaved text in `files`.");
        }

        if (named.Count > MaxFiles)
        {
            throw new McpException($"{named.Count} files is more than {MaxFiles}; use check_workspace with a path filter for a folder.");
        }

        var (state, notes) = await workspace.ReadFromDiskAsync([.. named.Where(p => !unsaved.ContainsKey(p))], cancellationToken);
        var notRead = new Dictionary<string, string>(notes, PathNormalizer.Comparer);
        ITextSource texts = DiskTextSource.Instance;
        if (unsaved.Count > 0)
        {
            var analyses = new List<FileAnalysis>();
            foreach (var (path, text) in unsaved)
            {
                if (Refusal(state, path, text) is { } reason)
                {
                    notRead[path] = reason;
                    continue;
                }

                analyses.Add(workspace.Engine.Analyze(SourceDocument.FromText(path, text), cancellationToken));
            }

            // Judged, not committed: the disk stays the workspace's truth until the agent saves.
            state = state.With(analyses, []).State;
            texts = new UnsavedTexts(unsaved.ToDictionary(u => u.Key, u => SourceText.From(u.Value), PathNormalizer.Comparer));
        }

        var findings = FindingOrder.MostSevereFirst(named.SelectMany(state.FindingsOf));
        var record = results.Add(state, texts, findings);
        var page = findings.Take(pageSize).Select(f => FindingItem.Of(state, f, texts)).ToList();
        var next = record.CursorAfter(0, page.Count);
        var checkedFiles = named.Select(p => new CheckedFile(
            WorkspacePaths.Display(state, p),
            state.FindingsOf(p).Count,
            unsaved.ContainsKey(p) && !notRead.ContainsKey(p),
            notRead.TryGetValue(p, out var why) ? why : null)).ToList();
        var elsewhere = Elsewhere(before, state, named).Take(MaxElsewhere).ToList();
        var result = new FilesCheck(checkedFiles, findings.Count, page, next is not null, next, elsewhere);
        return ToolResult.Of(result, Text(result));
    }

    private static string Text(FilesCheck result)
    {
        var text = new StringBuilder();
        foreach (var file in result.Files)
        {
            text.Append(file.Path).Append(": ").Append(
                file.NotChecked is not null ? $"not checked: {file.NotChecked}" :
                file.Findings == 0 ? "clean" :
                $"{file.Findings} finding{(file.Findings == 1 ? string.Empty : "s")}");
            text.Append(file.Unsaved ? " (unsaved text)\n" : "\n");
        }

        FindingOrder.AppendPage(text, result.Findings, 0, result.Total, result.NextCursor);
        foreach (var other in result.Elsewhere)
        {
            text.Append($"Elsewhere: {other.Path} {other.Added} new, {other.Cleared} cleared.\n");
        }

        text.Append(result.Total == 0 ? "No findings in these files.\n" : "Fix these (get_fix gives the edit), then check again.\n");
        return text.ToString();
    }

    /// <summary>Why unsaved text cannot be judged as that file, or null when it can.</summary>
    private static string? Refusal(WorkspaceState state, string path, string text)
    {
        if (FileClassifier.Classify(path) == FileKind.Other)
        {
            return "not a file the engine reads (C#, appsettings*.json, launchSettings.json, .env, project and compose files)";
        }

        var root = state.RootOf(path)!;
        if (!new FileLister(root.Settings.Exclude, Serilog.Core.Logger.None).Includes(root.Path, path))
        {
            return "the workspace leaves it out (.gitignore or an exclude in readiness.json)";
        }

        return DocumentLoader.IsProbablyBinary(text) ? "it looks binary (it contains NUL characters)" : null;
    }

    /// <summary>Other files whose findings the change added or cleared (a key added to appsettings.json clears a finding in code).</summary>
    private static IReadOnlyList<ChangedElsewhere> Elsewhere(WorkspaceState before, WorkspaceState after, IReadOnlyList<string> named)
    {
        var changed = new List<ChangedElsewhere>();
        foreach (var path in before.Findings.Keys.Union(after.Findings.Keys).Except(named, PathNormalizer.Comparer).Order(StringComparer.Ordinal))
        {
            var old = before.FindingsOf(path);
            var now = after.FindingsOf(path);
            if (ReferenceEquals(old, now))
            {
                continue;
            }

            var oldIds = old.Select(f => f.Fingerprint).ToHashSet();
            var newIds = now.Select(f => f.Fingerprint).ToHashSet();
            var added = newIds.Count(id => !oldIds.Contains(id));
            var cleared = oldIds.Count(id => !newIds.Contains(id));
            if (added + cleared > 0)
            {
                changed.Add(new ChangedElsewhere(WorkspacePaths.Display(after, path), added, cleared));
            }
        }

        return changed;
    }
}

/// <summary>A file's text as the agent has it, not yet saved.</summary>
internal sealed record UnsavedFile(string Path, [property: Description("The file's full text.")] string Text);

/// <summary>The answer of <c>check_files</c>.</summary>
internal sealed record FilesCheck(
    IReadOnlyList<CheckedFile> Files,
    int Total,
    IReadOnlyList<FindingItem> Findings,
    bool Truncated,
    [property: Description("For list_findings; null on the last page.")] string? NextCursor,
    [property: Description("Other files whose findings this change added or cleared.")] IReadOnlyList<ChangedElsewhere> Elsewhere);

internal sealed record CheckedFile(string Path, int Findings, bool Unsaved, [property: Description("Why it was not checked, or null.")] string? NotChecked);

internal sealed record ChangedElsewhere(string Path, int Added, int Cleared);
