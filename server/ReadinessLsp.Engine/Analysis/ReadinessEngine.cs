using Microsoft.CodeAnalysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// The engine every face (the check command, the language server) stands on. Two steps:
/// <see cref="Analyze"/> reads one file into a <see cref="FileAnalysis"/> (detections, pending
/// detections, facts); <see cref="Resolve"/> turns a file's analysis into findings against the
/// merged workspace facts and the user's settings. Step one is per file and parallel; step two is
/// cheap, so a change in one file re-resolves the others without re-reading them.
/// </summary>
internal sealed class ReadinessEngine(RuleCatalogue catalogue, DetectorSet detectors, ILogger log)
{
    public RuleCatalogue Catalogue { get; } = catalogue;

    public DetectorSet Detectors { get; } = detectors;

    public static ReadinessEngine CreateDefault(ILogger log) => new(RuleCatalogue.Default, DetectorSet.Default, log);

    public FileAnalysis Analyze(SourceDocument document, CancellationToken cancellationToken = default)
    {
        try
        {
            return document.Kind == FileKind.CSharp
                ? AnalyzeCSharp(document, cancellationToken)
                : AnalyzeDocument(document, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // One broken detector must not take the file, or the server, down with it.
            log.Error(e, "Analysis of {Path} failed", document.Path);
            return Empty(document);
        }
    }

    public static FileAnalysis Empty(SourceDocument document) =>
        new(document.Path, document.Kind, document.Version, [], [], FactBag.Empty, InlineSuppressions.None);

    /// <summary>The findings of one file, given every file's facts and the user's settings.</summary>
    public IReadOnlyList<Finding> Resolve(FileAnalysis file, WorkspaceFacts facts, ReadinessSettings settings, string root)
    {
        if (!settings.Enabled || settings.IsExcluded(root, file.Path))
        {
            return [];
        }

        var findings = new List<Finding>();
        var occurrences = new Dictionary<(string, string), int>();
        var relative = PathNormalizer.Relative(root, file.Path);
        foreach (var detection in Detections(file, facts))
        {
            if (!Catalogue.TryGet(detection.RuleId, out var rule))
            {
                log.Warning("Detector reported unknown rule {RuleId}", detection.RuleId);
                continue;
            }

            var severity = settings.SeverityOf(rule);
            if (severity is null || file.Suppressions.Suppresses(rule.Id, detection.Range.Start.Line))
            {
                continue;
            }

            var key = (rule.Id, detection.Snippet);
            occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
            findings.Add(new Finding(
                rule,
                detection.Path,
                detection.Range,
                severity.Value,
                rule.FormatMessage(detection.Arguments),
                detection.Arguments,
                detection.Fixes,
                detection.Related,
                Fingerprint.Compute(rule.Id, relative, detection.Snippet, occurrences[key])));
        }

        findings.Sort(static (a, b) => a.Range.Start.CompareTo(b.Range.Start) is var c and not 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId));
        return findings;
    }

    private IEnumerable<Detection> Detections(FileAnalysis file, WorkspaceFacts facts)
    {
        foreach (var detection in file.Detections)
        {
            yield return detection;
        }

        foreach (var pending in file.Pending)
        {
            Detection? resolved;
            try
            {
                resolved = pending.Resolve(facts, pending.Candidate);
            }
            catch (Exception e)
            {
                log.Error(e, "Resolving {RuleId} in {Path} failed", pending.Candidate.RuleId, file.Path);
                continue;
            }

            if (resolved is not null)
            {
                yield return resolved;
            }
        }
    }

    private FileAnalysis AnalyzeCSharp(SourceDocument document, CancellationToken cancellationToken)
    {
        // Most files contain no word any rule looks for: for them, no parse and no walk.
        if (!Detectors.MayApplyTo(document.Text))
        {
            return Empty(document);
        }

        var tree = CSharpParsing.TreeOf(document);
        var context = new CSharpContext(document, tree, cancellationToken);
        var root = tree.GetRoot(cancellationToken);
        var visited = 0;
        foreach (var node in root.DescendantNodesAndSelf())
        {
            if ((++visited & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var kind = node.RawKind;
            var collectors = Detectors.CollectorsFor((Microsoft.CodeAnalysis.CSharp.SyntaxKind)kind);
            if (collectors is not null)
            {
                foreach (var collector in collectors)
                {
                    collector.Collect(node, context);
                }
            }

            var detectors = Detectors.DetectorsFor((Microsoft.CodeAnalysis.CSharp.SyntaxKind)kind);
            if (detectors is null)
            {
                continue;
            }

            foreach (var detector in detectors)
            {
                context.CurrentRuleId = detector.RuleId;
                detector.Analyze(node, context);
            }
        }

        return Finish(document, context);
    }

    private FileAnalysis AnalyzeDocument(SourceDocument document, CancellationToken cancellationToken)
    {
        var context = new DocumentContext(document, cancellationToken);
        foreach (var collector in Detectors.DocumentCollectors)
        {
            if (collector.FileKinds.Contains(document.Kind))
            {
                collector.Collect(context);
            }
        }

        foreach (var detector in Detectors.DocumentDetectors)
        {
            if (detector.FileKinds.Contains(document.Kind))
            {
                cancellationToken.ThrowIfCancellationRequested();
                context.CurrentRuleId = detector.RuleId;
                detector.Analyze(context);
            }
        }

        return Finish(document, context);
    }

    private static FileAnalysis Finish(SourceDocument document, AnalysisContext context)
    {
        // Only files with something to report pay for the line scan.
        var suppressions = context.Detections.Count + context.Pending.Count > 0
            ? InlineSuppressions.Parse(document.Text)
            : InlineSuppressions.None;
        return new FileAnalysis(document.Path, document.Kind, document.Version, context.Detections, context.Pending, context.Facts, suppressions);
    }
}
