using System.Diagnostics;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Engine.State;

/// <summary>
/// A whole-workspace run as the check command, the benchmark and the tests do it: read every root
/// with the one loader, build the state, resolve. Fixes are materialised against the files on disk
/// for outputs that carry them.
/// </summary>
internal sealed class CheckRun
{
    private CheckRun(WorkspaceState state, IReadOnlyList<SkippedFile> skipped, TimeSpan elapsed)
    {
        State = state;
        Skipped = skipped;
        Elapsed = elapsed;
        Findings = [.. state.AllFindings];
    }

    public WorkspaceState State { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public IReadOnlyList<SkippedFile> Skipped { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>What the run could not check, said once (settings files kept out of the repository).</summary>
    public IReadOnlyList<WorkspaceNote> Notes => _notes ??= WorkspaceNotes.Of(State);

    private IReadOnlyList<WorkspaceNote>? _notes;

    /// <summary>The workspace's files that were analysed (a git index read for what it tracks is not one of them).</summary>
    public int FilesAnalyzed => State.Files.Values.Count(f => f.Kind != FileKind.GitIndex);

    public static CheckRun Check(ReadinessEngine engine, IReadOnlyList<WorkspaceRoot> roots, ILogger log, long maxFileBytes = DocumentLoader.DefaultMaxFileBytes, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var loaded = new WorkspaceLoader(engine, maxFileBytes, log).Load([.. roots.Select(r => (r.Path, r.Settings.Exclude))], cancellationToken);
        var state = WorkspaceState.Create(engine, roots, loaded.Analyses);
        return new CheckRun(state, loaded.Skipped, stopwatch.Elapsed);
    }

    /// <summary>The same over folders, each with its own <c>readiness.json</c>.</summary>
    public static CheckRun Check(ReadinessEngine engine, IReadOnlyList<string> roots, ILogger log) =>
        Check(engine, [.. roots.Select(r => WorkspaceRoot.Load(r).Root)], log);

    // A report's fixes read the few files they edit once between them.
    private readonly ReadOnceTextSource _texts = new(DiskTextSource.Instance);

    /// <summary>A finding's fixes with their late edits computed against the files on disk.</summary>
    public IReadOnlyList<Fix> FixesOf(Finding finding) => State.MaterialisedFixes(finding, _texts);
}
