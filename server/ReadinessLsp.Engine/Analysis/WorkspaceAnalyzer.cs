using System.Collections.Concurrent;
using System.Diagnostics;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// A whole-workspace run: scan the folders, analyse every file in parallel, merge the facts,
/// resolve the findings. What the check command and the benchmark call; the language server
/// keeps the per-file analyses instead and re-resolves as files change.
/// </summary>
internal sealed class WorkspaceAnalyzer(ReadinessEngine engine, ILogger log)
{
    public WorkspaceRun Run(IReadOnlyList<string> roots, ReadinessSettings settings, long maxFileBytes = DocumentLoader.DefaultMaxFileBytes, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var scanner = new WorkspaceScanner(settings.Exclude, log);
        var loader = new DocumentLoader(maxFileBytes, log);
        var files = roots.SelectMany(r => scanner.Scan(r, cancellationToken)).ToList();
        var analyses = new ConcurrentBag<(ScannedFile File, FileAnalysis Analysis)>();
        var skipped = new ConcurrentBag<SkippedFile>();
        Parallel.ForEach(
            files,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            file =>
            {
                var loaded = loader.Load(file.Path);
                if (loaded.Document is null)
                {
                    skipped.Add(new SkippedFile(file.Path, loaded.SkipReason!));
                    return;
                }

                analyses.Add((file, engine.Analyze(loaded.Document, cancellationToken)));
            });

        var facts = new WorkspaceFacts(roots.Select(PathNormalizer.Normalize).ToList(), analyses.Select(a => a.Analysis.Facts).ToList());
        var findings = analyses
            .SelectMany(a => engine.Resolve(a.Analysis, facts, settings, a.File.Root))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Range.Start)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return new WorkspaceRun(findings, analyses.Count, [.. skipped.OrderBy(s => s.Path, StringComparer.Ordinal)], stopwatch.Elapsed);
    }
}

internal sealed record WorkspaceRun(IReadOnlyList<Finding> Findings, int FilesAnalyzed, IReadOnlyList<SkippedFile> Skipped, TimeSpan Elapsed);

internal sealed record SkippedFile(string Path, string Reason);
