using System.Collections.Immutable;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.State;

/// <summary>
/// The workspace as every face sees it: each file's analysis, the models built from their facts,
/// and the resolved findings, for a set of roots with their settings. Immutable: a change makes a
/// new state and says which files' findings it may have changed, so the language server publishes
/// only those, the check command reads findings once, and the MCP server answers from warm state.
/// </summary>
internal sealed class WorkspaceState
{
    private static readonly ImmutableSortedDictionary<string, FileAnalysis> NoFiles = ImmutableSortedDictionary.Create<string, FileAnalysis>(StringComparer.Ordinal);
    private static readonly ImmutableDictionary<string, IReadOnlyList<Finding>> NoFindings = ImmutableDictionary.Create<string, IReadOnlyList<Finding>>(StringComparer.Ordinal);

    private WorkspaceState(
        ReadinessEngine engine,
        IReadOnlyList<WorkspaceRoot> roots,
        ImmutableSortedDictionary<string, FileAnalysis> files,
        WorkspaceModels models,
        ImmutableDictionary<string, IReadOnlyList<Finding>> findings)
    {
        Engine = engine;
        Roots = roots;
        Files = files;
        Models = models;
        Findings = findings;
    }

    public ReadinessEngine Engine { get; }

    public IReadOnlyList<WorkspaceRoot> Roots { get; }

    /// <summary>Every analysed file, by path.</summary>
    public ImmutableSortedDictionary<string, FileAnalysis> Files { get; }

    public WorkspaceModels Models { get; }

    /// <summary>The findings of every file that has any, by path.</summary>
    public ImmutableDictionary<string, IReadOnlyList<Finding>> Findings { get; }

    /// <summary>Every finding, ordered by path, then position, then rule.</summary>
    public IEnumerable<Finding> AllFindings =>
        Findings.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value);

    public static WorkspaceState Empty(ReadinessEngine engine, IReadOnlyList<WorkspaceRoot> roots) =>
        new(engine, roots, NoFiles, WorkspaceModels.Create([.. roots.Select(r => r.Path)], []), NoFindings);

    /// <summary>A state holding <paramref name="analyses"/>, every file resolved.</summary>
    public static WorkspaceState Create(ReadinessEngine engine, IReadOnlyList<WorkspaceRoot> roots, IEnumerable<FileAnalysis> analyses)
    {
        var files = analyses.ToImmutableSortedDictionary(a => a.Path, a => a, StringComparer.Ordinal);
        var models = WorkspaceModels.Create([.. roots.Select(r => r.Path)], files.Select(f => (f.Key, f.Value.Facts)));
        return new WorkspaceState(engine, roots, files, models, NoFindings).ResolveAll();
    }

    public IReadOnlyList<Finding> FindingsOf(string path) => Findings.GetValueOrDefault(path) ?? [];

    public FileAnalysis? File(string path) => Files.GetValueOrDefault(path);

    /// <summary>The innermost root holding <paramref name="path"/>, or null when it lies outside all of them.</summary>
    public WorkspaceRoot? RootOf(string path) =>
        Roots.Where(r => PathNormalizer.IsUnder(r.Path, path)).MaxBy(r => r.Path.Length);

    /// <summary>Forward-slash path relative to the file's own root (its own folder when outside every root).</summary>
    public string RelativePath(string path) =>
        PathNormalizer.Relative(RootOf(path)?.Path ?? System.IO.Path.GetDirectoryName(path)!, path);

    /// <summary>
    /// Adds, replaces and removes files, re-resolving only the files whose findings the change can
    /// reach: the changed files, files whose detections read a model the change altered, and files
    /// whose findings point into a changed file.
    /// </summary>
    public WorkspaceChange With(IReadOnlyCollection<FileAnalysis> updates, IReadOnlyCollection<string> removed)
    {
        var files = Files;
        var bags = Models.Bags;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var changedTypes = new HashSet<Type>();
        var touchedTypes = new HashSet<Type>();
        foreach (var update in updates)
        {
            var before = files.GetValueOrDefault(update.Path)?.Facts ?? FactBag.Empty;
            Track(before, update.Facts, changedTypes, touchedTypes);
            files = files.SetItem(update.Path, update);
            bags = update.Facts.Count > 0 ? bags.SetItem(update.Path, update.Facts) : bags.Remove(update.Path);
            changed.Add(update.Path);
        }

        foreach (var path in removed)
        {
            if (files.TryGetValue(path, out var gone))
            {
                Track(gone.Facts, FactBag.Empty, changedTypes, touchedTypes);
                files = files.Remove(path);
                bags = bags.Remove(path);
                changed.Add(path);
            }
        }

        // A model is rebuilt when the change altered its facts, or moved them when they carry positions
        // (typing in a controller keeps its call sites, so the development-only methods stay built).
        touchedTypes.RemoveWhere(t => !changedTypes.Contains(t) && !FactPositions.Carry(t));
        var models = Models.Next(bags, touchedTypes);

        // The models some file's findings depend on, and which of them the change altered.
        var changedModels = new HashSet<Type>();
        if (changedTypes.Count > 0)
        {
            var read = new HashSet<Type>();
            foreach (var file in files.Values)
            {
                if (file.Detections.Count + file.Deferred.Count > 0)
                {
                    read.UnionWith(ReadinessEngine.ScopeModels);
                    read.UnionWith(file.Reads);
                }
            }

            changedModels.UnionWith(read.Where(m => ModelTypes.FactTypesOf(m).Any(changedTypes.Contains) && !Models.SameModelIn(models, m)));
        }

        var affected = new HashSet<string>(changed, StringComparer.Ordinal);
        if (changedModels.Count > 0)
        {
            foreach (var (path, file) in files)
            {
                if (file.Detections.Count + file.Deferred.Count > 0 &&
                    (ReadinessEngine.ScopeModels.Any(changedModels.Contains) || file.Reads.Any(changedModels.Contains)))
                {
                    affected.Add(path);
                }
            }
        }

        // A finding whose related location points into a changed file shows a position that may have moved.
        foreach (var (path, findings) in Findings)
        {
            if (findings.Any(f => f.Related.Any(r => changed.Contains(r.Path))))
            {
                affected.Add(path);
            }
        }

        var state = new WorkspaceState(Engine, Roots, files, models, Findings);
        return new WorkspaceChange(state.Resolve(affected), affected, changedModels);
    }

    /// <summary>The same files under new roots or settings: everything is re-resolved, nothing re-read.</summary>
    public WorkspaceState WithRoots(IReadOnlyList<WorkspaceRoot> roots) =>
        new WorkspaceState(Engine, roots, Files, Models.WithRoots([.. roots.Select(r => r.Path)]), NoFindings).ResolveAll();

    /// <summary>Every fix of a finding, with its late edits computed against the current text.</summary>
    public IReadOnlyList<Fix> MaterialisedFixes(Finding finding, ITextSource texts)
    {
        var context = new FixContext(Models, texts);
        return [.. finding.Fixes.Select(f => f.Materialise(context)).OfType<Fix>()];
    }

    // Fewer files than this (an edit's) resolve on the calling thread: a parallel loop costs more than it saves.
    private const int ParallelResolveFrom = 64;

    private WorkspaceState ResolveAll() => Resolve([.. Files.Keys]);

    private WorkspaceState Resolve(IEnumerable<string> paths)
    {
        // Files resolve independently against models that are read-only once built (a model is built
        // once, by whichever file first asks): a whole workspace resolves on every core.
        var list = paths as IReadOnlyList<string> ?? [.. paths];
        var resolved = new IReadOnlyList<Finding>[list.Count];
        if (list.Count >= ParallelResolveFrom)
        {
            Parallel.For(0, list.Count, i => resolved[i] = ResolveOne(list[i]));
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                resolved[i] = ResolveOne(list[i]);
            }
        }

        var findings = Findings.ToBuilder();
        for (var i = 0; i < list.Count; i++)
        {
            if (resolved[i].Count > 0)
            {
                findings[list[i]] = resolved[i];
            }
            else
            {
                findings.Remove(list[i]);
            }
        }

        return new WorkspaceState(Engine, Roots, Files, Models, findings.ToImmutable());
    }

    private IReadOnlyList<Finding> ResolveOne(string path) => Files.TryGetValue(path, out var file) ? ResolveFile(file) : [];

    private IReadOnlyList<Finding> ResolveFile(FileAnalysis file)
    {
        var root = RootOf(file.Path);
        var rootPath = root?.Path ?? System.IO.Path.GetDirectoryName(file.Path)!;
        return Engine.Resolve(file, Models, root?.Settings ?? Settings.ReadinessSettings.Default, rootPath, PathNormalizer.Relative(rootPath, file.Path));
    }

    private static void Track(FactBag before, FactBag after, HashSet<Type> changed, HashSet<Type> touched)
    {
        changed.UnionWith(FactBag.ChangedTypes(before, after));
        touched.UnionWith(before.Types);
        touched.UnionWith(after.Types);
    }
}

/// <summary>A new state, the files whose findings may differ from the previous one, and the models that changed.</summary>
internal sealed record WorkspaceChange(WorkspaceState State, IReadOnlySet<string> Affected, IReadOnlySet<Type> ChangedModels);
