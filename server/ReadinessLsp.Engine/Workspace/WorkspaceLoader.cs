using System.Collections.Concurrent;
using ReadinessLsp.Engine.Analysis;
using Serilog;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// The one way a workspace is read: list the files of each root (respecting .gitignore, skipped
/// folders and the root's excludes), read and analyse them in parallel, and report the files it
/// skipped with the reason. Cancellable, and it yields to urgent work (an edit in the editor)
/// between files and inside them (<see cref="AnalysisPause"/>). Used by the check command, the language server's background scan and every
/// face after them.
/// </summary>
internal sealed class WorkspaceLoader(ReadinessEngine engine, long maxFileBytes, ILogger log)
{
    /// <summary>
    /// Analyses every file of <paramref name="roots"/>. <paramref name="skip"/> leaves files out
    /// (documents open in the editor, whose unsaved text wins); <paramref name="urgent"/> is polled
    /// between files and at the engine's checkpoints inside them, and the loader waits while it is true.
    /// </summary>
    public async Task<LoadedWorkspace> LoadAsync(
        IReadOnlyList<(string Root, IReadOnlyList<string> Exclude)> roots,
        Func<string, bool>? skip = null,
        Func<bool>? urgent = null,
        Action<int, int>? progress = null,
        int parallelism = 0,
        CancellationToken cancellationToken = default)
    {
        // Nested roots list the same file twice; the innermost root's listing wins.
        var byPath = new Dictionary<string, ScannedFile>(PathNormalizer.Comparer);
        foreach (var (root, exclude) in roots.OrderBy(r => r.Root.Length))
        {
            foreach (var file in new FileLister(exclude, log).Scan(root, cancellationToken))
            {
                byPath[file.Path] = file;
            }
        }

        // Which files git already tracks comes from each repository's index, read as data. A tracked
        // .env is in the repository whatever .gitignore says, so it is read even when ignored.
        var repositories = roots.Select(r => Model.Git.GitRepository.Containing(r.Root)).OfType<Model.Git.GitRepository>().DistinctBy(r => r.WorkTree).ToList();
        var indexes = new List<SourceDocument>();
        foreach (var repository in repositories)
        {
            if (repository.ReadTrackedPaths(log) is not { } tracked)
            {
                continue;
            }

            indexes.Add(repository.TrackedPathsDocument(tracked));
            foreach (var (root, exclude) in roots)
            {
                var lister = new FileLister(exclude, log);
                foreach (var relative in tracked.Where(p => FileClassifier.Classify(p) == FileKind.EnvFile))
                {
                    var path = PathNormalizer.Normalize(Path.Combine(repository.WorkTree, relative));
                    if (!byPath.ContainsKey(path) && File.Exists(path) && lister.Includes(root, path, respectGitIgnore: false))
                    {
                        byPath[path] = new ScannedFile(root, path, FileKind.EnvFile);
                    }
                }
            }
        }

        var files = byPath.Values.ToList();
        var loader = new DocumentLoader(maxFileBytes, log);
        var analyses = new ConcurrentBag<FileAnalysis>();
        var skipped = new ConcurrentBag<SkippedFile>();
        var done = 0;
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount },
            async (file, token) =>
            {
                while (urgent?.Invoke() == true)
                {
                    await Task.Delay(5, token);
                }

                if (skip?.Invoke(file.Path) != true)
                {
                    var loaded = loader.Load(file.Path);
                    if (loaded.Document is null)
                    {
                        skipped.Add(new SkippedFile(file.Path, loaded.SkipReason!));
                    }
                    else
                    {
                        // Also inside the file: a large file's analysis stops while an edit is analysed.
                        using var pause = AnalysisPause.Enter(urgent);
                        analyses.Add(engine.Analyze(loaded.Document, token));
                    }
                }

                progress?.Invoke(Interlocked.Increment(ref done), files.Count);
            });

        foreach (var index in indexes.Where(i => skip?.Invoke(i.Path) != true))
        {
            analyses.Add(engine.Analyze(index, cancellationToken));
        }

        return new LoadedWorkspace(
            [.. analyses.OrderBy(a => a.Path, StringComparer.Ordinal)],
            [.. skipped.OrderBy(s => s.Path, StringComparer.Ordinal)],
            files.Count);
    }

    /// <summary>The same, synchronously, for the command line.</summary>
    public LoadedWorkspace Load(IReadOnlyList<(string Root, IReadOnlyList<string> Exclude)> roots, CancellationToken cancellationToken = default) =>
        LoadAsync(roots, cancellationToken: cancellationToken).GetAwaiter().GetResult();
}

/// <summary>What a load produced: the analyses, the files skipped and why, and how many files were listed.</summary>
internal sealed record LoadedWorkspace(IReadOnlyList<FileAnalysis> Analyses, IReadOnlyList<SkippedFile> Skipped, int FilesListed);

internal sealed record SkippedFile(string Path, string Reason);
