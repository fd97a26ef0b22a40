using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// The engine every face stands on. Two steps: <see cref="Analyze"/> reads one file into a
/// <see cref="FileAnalysis"/> (detections, deferred detections, facts); <see cref="Resolve"/> turns a
/// file's analysis into findings against the workspace's models and the user's settings. Step one
/// is per file and parallel; step two is cheap, so a change in one file re-resolves the files that
/// depend on it without re-reading them.
/// </summary>
internal sealed class ReadinessEngine(RuleCatalogue catalogue, DetectorSet detectors, ILogger log)
{
    public RuleCatalogue Catalogue { get; } = catalogue;

    public DetectorSet Detectors { get; } = detectors;

    public ILogger Log => log;

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
        new(document.Path, document.Kind, document.Version, [], [], Model.Facts.FactBag.Empty, InlineSuppressions.None);

    /// <summary>
    /// The findings of one file, given the workspace's models and the user's settings for the
    /// file's root. <paramref name="relativePath"/> is the file's path as the fingerprint names it.
    /// </summary>
    public IReadOnlyList<Finding> Resolve(FileAnalysis file, WorkspaceModels models, ReadinessSettings settings, string root, string relativePath)
    {
        if (!settings.Enabled || settings.IsExcluded(root, file.Path) || file.Detections.Count + file.Deferred.Count == 0)
        {
            return [];
        }

        var fileScope = models.Get<ProjectIndex>().ScopeOf(file.Path);
        var findings = new List<Finding>();
        var occurrences = new Dictionary<(string, string), int>();
        foreach (var detection in Detections(file, models))
        {
            if (!Catalogue.TryGet(detection.RuleId, out var rule))
            {
                log.Warning("Detector reported unknown rule {RuleId}", detection.RuleId);
                continue;
            }

            var severity = settings.SeverityOf(rule);
            if (severity is null || file.Suppressions.Suppresses(rule.Id, detection.Range.Start.Line) || !InScope(detection, fileScope, models))
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
                Fingerprint.Compute(rule.Id, relativePath, detection.Snippet, occurrences[key]),
                detection.Member));
        }

        findings.Sort(static (a, b) => a.Range.Start.CompareTo(b.Range.Start) is var c and not 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId));
        return findings;
    }

    /// <summary>The models every file's findings read, whatever its detectors: projects and development-only methods decide scope.</summary>
    public static readonly IReadOnlyCollection<Type> ScopeModels = [typeof(ProjectIndex), typeof(DevelopmentOnlyMethods)];

    // The cross-file half of the scope decision; the file's own text decided the rest when it was analysed.
    private bool InScope(Detection detection, CodeScopes fileScope, WorkspaceModels models)
    {
        var allowed = Detectors.ForRule(detection.RuleId)?.Scopes ?? CodeScopes.Production;
        var scope = fileScope == CodeScopes.Production && detection.Member is { } member && models.Get<DevelopmentOnlyMethods>().Contains(member)
            ? CodeScopes.DevelopmentOnly
            : fileScope;
        return (allowed & scope) != 0;
    }

    private IEnumerable<Detection> Detections(FileAnalysis file, WorkspaceModels models)
    {
        foreach (var detection in file.Detections)
        {
            yield return detection;
        }

        foreach (var deferred in file.Deferred)
        {
            Detection? resolved;
            try
            {
                resolved = deferred.Resolver.Resolve(deferred.Candidate, deferred.Data, models);
            }
            catch (Exception e)
            {
                log.Error(e, "Resolving {RuleId} in {Path} failed", deferred.Candidate.RuleId, file.Path);
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
        // Most detectors find none of their words in a given file: they are not called for its
        // nodes, and a file in which no one can act is neither parsed nor walked.
        if (Detectors.Activate(document) is not { } active)
        {
            return Empty(document);
        }

        if (BracketNesting.IsTooDeep(document.Text))
        {
            log.Warning("Skipped {Path}: brackets nest more than {Limit} deep, which the C# parser would take minutes over", document.Path, BracketNesting.Limit);
            return Empty(document);
        }

        var tree = CSharpParsing.TreeOf(document);
        AnalysisPause.Checkpoint(cancellationToken);
        var context = new CSharpContext(document, tree, cancellationToken);
        if (context.Model.IsGenerated)
        {
            // Every detection in generated code is out of scope: such detectors would only be called to report nothing.
            Detectors.SilenceInGenerated(active);
        }

        var root = tree.GetRoot(cancellationToken);
        using var nodes = NodeIndex.Enter(root);
        // Anchored collectors first and anchored detectors last, so each sees what a walk would
        // have collected before it; the walk, when someone needs it, serves the rest.
        var anchors = Detectors.AnchorSearch.PositionsIn(document, i => active[Detectors.Anchored[i].Participant]);
        VisitAnchors(root, anchors, context, collectors: true, cancellationToken);
        if (Detectors.Walks(active, document))
        {
            context.BodiesWalked = Detectors.ReadsBodies(active, document);
            Walk(root, active, context, context.BodiesWalked, cancellationToken);
        }

        VisitAnchors(root, anchors, context, collectors: false, cancellationToken);
        return Complete(document, active, context);
    }

    private void Walk(Microsoft.CodeAnalysis.SyntaxNode root, bool[] active, CSharpContext context, bool bodies, CancellationToken cancellationToken)
    {
        var nodes = bodies ? root.DescendantNodesAndSelf() : root.DescendantNodesAndSelf(static n => !IsBody(n));
        var visited = 0;
        foreach (var node in nodes)
        {
            if ((++visited & 1023) == 0)
            {
                AnalysisPause.Checkpoint(cancellationToken);
            }

            var kind = (Microsoft.CodeAnalysis.CSharp.SyntaxKind)node.RawKind;
            if (Detectors.CollectorsFor(kind) is { } collectors)
            {
                foreach (var (participant, collector) in collectors)
                {
                    if (active[participant])
                    {
                        collector.Collect(node, context);
                    }
                }
            }

            if (Detectors.DetectorsFor(kind) is { } detectors)
            {
                foreach (var (participant, detector) in detectors)
                {
                    if (active[participant])
                    {
                        context.CurrentDetector = detector;
                        detector.Analyze(node, context);
                    }
                }
            }
        }
    }

    private FileAnalysis Complete(SourceDocument document, bool[] active, CSharpContext context)
    {
        for (var i = 0; i < Detectors.CSharpCollectors.Count; i++)
        {
            if (active[Detectors.CollectorParticipant(i)])
            {
                Detectors.CSharpCollectors[i].Complete(context);
            }
        }

        return Finish(document, context);
    }

    // For each anchor of each active anchored participant, the nearest node around it of a kind it
    // asked for; each node once per participant, in text order.
    private void VisitAnchors(Microsoft.CodeAnalysis.SyntaxNode root, List<int>?[] anchors, CSharpContext context, bool collectors, CancellationToken cancellationToken)
    {
        for (var a = 0; a < anchors.Length; a++)
        {
            var anchored = Detectors.Anchored[a];
            if (anchors[a] is not { } positions || anchored.Component is ICSharpFactCollector != collectors)
            {
                continue;
            }

            AnalysisPause.Checkpoint(cancellationToken);
            var handed = new NodeSet();
            Microsoft.CodeAnalysis.SyntaxNode? near = null;
            foreach (var position in positions)
            {
                // The token at the anchor, looked up from the previous anchor's node rather than from the
                // root: anchors come in text order and most are close (a literal's two quotes, one call's
                // names), so the search starts a few levels up instead of at the top of the tree.
                var from = near;
                while (from is not null && !from.FullSpan.Contains(position))
                {
                    from = from.Parent;
                }

                near = (from ?? root).FindToken(position).Parent;

                // The nearest wanted node around the anchor, and every wanted node above it up to
                // the statement or member holding it (Configuration.GetSection("A")["B"] is an
                // element access around an invocation around the anchor).
                var found = false;
                for (var node = near; node is not null; node = node.Parent)
                {
                    if (found && node is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax)
                    {
                        break;
                    }

                    if (anchored.Wants(node.RawKind))
                    {
                        found = true;
                        if (handed.Add(node))
                        {
                            Hand(anchored.Component, node, context);
                        }
                    }

                    if (found && node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax)
                    {
                        break;
                    }
                }
            }
        }
    }

    private static void Hand(object component, Microsoft.CodeAnalysis.SyntaxNode node, CSharpContext context)
    {
        switch (component)
        {
            case ICSharpFactCollector collector:
                collector.Collect(node, context);
                break;
            case ICSharpDetector detector:
                context.CurrentDetector = detector;
                detector.Analyze(node, context);
                break;
        }
    }

    // Method bodies, expression bodies, initializers and top-level statements: skipped when only
    // declarations are asked for.
    private static bool IsBody(Microsoft.CodeAnalysis.SyntaxNode node) =>
        node is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax;

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
                AnalysisPause.Checkpoint(cancellationToken);
                context.CurrentDetector = detector;
                detector.Analyze(context);
            }
        }

        return Finish(document, context);
    }

    private static FileAnalysis Finish(SourceDocument document, AnalysisContext context)
    {
        // Only files with something to report pay for the line scan.
        var suppressions = context.Detections.Count + context.Deferred.Count > 0
            ? InlineSuppressions.Parse(document.Text)
            : InlineSuppressions.None;
        return new FileAnalysis(document.Path, document.Kind, document.Version, context.Detections, context.Deferred, context.Facts, suppressions);
    }
}
