using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Cli;

namespace ReadinessLsp.Server.Report;

/// <summary>
/// What the report is drawn from, whichever face asks for it: the workspace state (findings and
/// models), the files the scan skipped, how long it took, and where the files' current text is
/// (the disk for <c>check</c>, the editor's unsaved text in the language server).
/// </summary>
/// <param name="Elapsed">The analysis time, or null when the state was built up over time (the editor).</param>
/// <param name="EditorLinks">Locations carry absolute paths for an editor to open; a file to share carries relative paths only.</param>
internal sealed record ReportInput(
    WorkspaceState State,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan? Elapsed,
    ITextSource Texts,
    Func<Finding, IReadOnlyList<Fix>> FixesOf,
    bool EditorLinks = false)
{
    public static ReportInput From(CheckReport report) =>
        new(report.Run.State, report.Findings, report.Run.Skipped, report.Run.Elapsed, DiskTextSource.Instance, report.FixesOf);

    /// <summary>The editor's view of a state: every finding, fixes against the editor's text.</summary>
    public static ReportInput FromState(WorkspaceState state, IReadOnlyList<SkippedFile> skipped, TimeSpan? elapsed, ITextSource texts) =>
        new(state, [.. state.AllFindings], skipped, elapsed, texts, f => state.MaterialisedFixes(f, texts), EditorLinks: true);

    /// <summary>A path as the reader knows it: relative to its folder, prefixed by the folder's name when several were checked.</summary>
    public string Display(string path)
    {
        var relative = State.RelativePath(path);
        return State.Roots.Count > 1 && State.RootOf(path) is { } root ? $"{Path.GetFileName(root.Path)}/{relative}" : relative;
    }
}
