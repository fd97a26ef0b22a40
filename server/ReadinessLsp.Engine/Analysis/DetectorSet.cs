using System.Buffers;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// All detectors and fact collectors, with lookup tables by syntax kind and file kind so the
/// engine's single walk dispatches each node only to those that asked for it, and only to those
/// whose words the file contains.
/// </summary>
internal sealed class DetectorSet
{
    private static readonly Lazy<DetectorSet> Discovered = new(() => Create(DiscoverInstances()));

    // Kinds that sit in a file's declarations, outside any method body or initializer. A file whose
    // active detectors ask only for these is walked without descending into bodies.
    private static readonly HashSet<SyntaxKind> DeclarationKinds =
    [
        SyntaxKind.CompilationUnit, SyntaxKind.NamespaceDeclaration, SyntaxKind.FileScopedNamespaceDeclaration,
        SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration,
        SyntaxKind.InterfaceDeclaration, SyntaxKind.EnumDeclaration, SyntaxKind.DelegateDeclaration,
        SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.PropertyDeclaration, SyntaxKind.FieldDeclaration,
        SyntaxKind.EventDeclaration, SyntaxKind.EventFieldDeclaration, SyntaxKind.IndexerDeclaration, SyntaxKind.Attribute, SyntaxKind.AttributeList,
        SyntaxKind.Parameter, SyntaxKind.ParameterList, SyntaxKind.BaseList, SyntaxKind.SimpleBaseType, SyntaxKind.PrimaryConstructorBaseType,
    ];

    private readonly (int Participant, ICSharpDetector Detector)[]?[] _detectorsByKind;
    private readonly (int Participant, ICSharpFactCollector Collector)[]?[] _collectorsByKind;
    private readonly bool[] _readsBodies;
    private readonly bool[] _walked;
    private readonly Dictionary<string, IDetector> _byRule;
    private readonly WordActivation _activation;

    // Per participant, whether it is left out of generated code. By the file's name (*.Designer.cs,
    // *.g.cs), known before the parse: every detector that does not report there (none does) and
    // every collector, as no model wants what tools write under such names (a migration's Designer
    // file holds a past model, which the EF model ignores; a resources Designer file, strings). By
    // the file's header, known after: the detectors only, as an EF model snapshot says it is
    // auto-generated and holds the current model.
    private readonly bool[] _silencedInGeneratedFile;
    private readonly bool[] _silencedInGeneratedCode;

    // Per participant: found by its anchors rather than a walk; and, for one that also reads files
    // parsed for others, its own words (a file holding them is walked for it; one parsed only for
    // others is not walked on its account).
    private readonly AnchoredComponent?[] _anchored;
    private readonly bool[] _alongside;
    private readonly SearchValues<string>?[] _ownWords;

    private DetectorSet(
        IReadOnlyList<ICSharpDetector> csharp,
        IReadOnlyList<IDocumentDetector> documents,
        IReadOnlyList<ICSharpFactCollector> csharpCollectors,
        IReadOnlyList<IDocumentFactCollector> documentCollectors,
        bool walkEverything)
    {
        CSharpDetectors = csharp;
        DocumentDetectors = documents;
        CSharpCollectors = csharpCollectors;
        DocumentCollectors = documentCollectors;

        // Participants: the C# detectors, then the C# collectors, numbered in that order.
        var participants = csharp.Cast<object>().Concat(csharpCollectors).ToList();
        var kinds = csharp.Select(d => d.NodeKinds).Concat(csharpCollectors.Select(c => c.NodeKinds)).ToList();
        var words = csharp.Select(d => d.RequiredWords).Concat(csharpCollectors.Select(c => c.RequiredWords)).ToList();
        var anchors = csharp.Select(d => d.Anchors).Concat(csharpCollectors.Select(c => c.Anchors)).Select(a => walkEverything ? null : a).ToList();

        // A walk of a file's declarations is cheap, a walk into every method body costs half a
        // parse: an anchored participant gets its nodes inside bodies from its anchors, in every
        // file, walked or not (one rare word in a file must not make it look at each of the file's
        // hundreds of invocations), and its declarations from the walk.
        var walked = kinds.Select((k, i) => anchors[i] is null ? k : [.. k.Where(DeclarationKinds.Contains)]).ToList();
        var size = Enum.GetValues<SyntaxKind>().Max(k => (int)k) + 1;
        var detectorsByKind = new List<(int, ICSharpDetector)>?[size];
        var collectorsByKind = new List<(int, ICSharpFactCollector)>?[size];
        for (var i = 0; i < participants.Count; i++)
        {
            foreach (var kind in walked[i])
            {
                if (participants[i] is ICSharpDetector detector)
                {
                    (detectorsByKind[(int)kind] ??= []).Add((i, detector));
                }
                else
                {
                    (collectorsByKind[(int)kind] ??= []).Add((i, (ICSharpFactCollector)participants[i]));
                }
            }
        }

        _detectorsByKind = [.. detectorsByKind.Select(l => l?.ToArray())];
        _collectorsByKind = [.. collectorsByKind.Select(l => l?.ToArray())];
        _walked = [.. walked.Select(k => k.Count > 0)];
        _readsBodies = [.. walked.Select(k => k.Any(kind => !DeclarationKinds.Contains(kind)))];
        _activation = new WordActivation(
            words,
            [.. csharp.Select(_ => false).Concat(csharpCollectors.Select(c => c.ReadsEveryParsedFile))]);
        _silencedInGeneratedCode = [.. csharp.Select(d => (d.Scopes & CodeScopes.Generated) == 0).Concat(csharpCollectors.Select(_ => false))];
        _silencedInGeneratedFile = [.. csharp.Select(d => (d.Scopes & CodeScopes.Generated) == 0).Concat(csharpCollectors.Select(_ => true))];
        _anchored = [.. participants.Select((p, i) => anchors[i] is not null && kinds[i].Where(k => !DeclarationKinds.Contains(k)).ToList() is { Count: > 0 } inBodies
            ? new AnchoredComponent(i, p, inBodies)
            : null)];
        _alongside = [.. words.Select((w, i) => w is { Count: 0 } || (i >= csharp.Count && csharpCollectors[i - csharp.Count].ReadsEveryParsedFile))];
        _ownWords = [.. words.Select(w => w is { Count: > 0 } ? SearchValues.Create([.. w.Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase) : null)];
        Anchored = [.. _anchored.OfType<AnchoredComponent>().OrderBy(a => a.Component is ICSharpFactCollector ? 0 : 1)];
        AnchorSearch = new AnchorSearch([.. Anchored.Select(a => (IReadOnlyCollection<string>)anchors[a.Participant]!)]);
        _byRule = csharp.Cast<IDetector>().Concat(documents)
            .SelectMany(d => d.RuleIds.Select(id => (Id: id, Detector: d)))
            .ToDictionary(p => p.Id, p => p.Detector, StringComparer.Ordinal);
    }

    public static DetectorSet Default => Discovered.Value;

    public IReadOnlyList<ICSharpDetector> CSharpDetectors { get; }

    public IReadOnlyList<IDocumentDetector> DocumentDetectors { get; }

    public IReadOnlyList<ICSharpFactCollector> CSharpCollectors { get; }

    public IReadOnlyList<IDocumentFactCollector> DocumentCollectors { get; }

    public IEnumerable<IDetector> All => CSharpDetectors.Cast<IDetector>().Concat(DocumentDetectors);

    /// <summary>The detectors that asked for <paramref name="kind"/>, each with its participant number.</summary>
    public (int Participant, ICSharpDetector Detector)[]? DetectorsFor(SyntaxKind kind) => _detectorsByKind[(int)kind];

    /// <summary>The collectors that asked for <paramref name="kind"/>, each with its participant number.</summary>
    public (int Participant, ICSharpFactCollector Collector)[]? CollectorsFor(SyntaxKind kind) => _collectorsByKind[(int)kind];

    /// <summary>The participant number of the <paramref name="index"/>-th C# collector.</summary>
    public int CollectorParticipant(int index) => CSharpDetectors.Count + index;

    /// <param name="walkEverything">
    /// Ignore every participant's anchors and hand it every node of its kinds from a walk: the
    /// reading anchors must agree with (tests compare the two).
    /// </param>
    public static DetectorSet Create(IEnumerable<object> instances, bool walkEverything = false)
    {
        var list = instances.ToList();
        return new DetectorSet(
            [.. list.OfType<ICSharpDetector>()],
            [.. list.OfType<IDocumentDetector>()],
            [.. list.OfType<ICSharpFactCollector>()],
            [.. list.OfType<IDocumentFactCollector>()],
            walkEverything);
    }

    /// <summary>The engine's detectors and collectors, all read by a walk of every node of their kinds (see <see cref="Create"/>).</summary>
    public static DetectorSet WalkingEverything() => Create(DiscoverInstances(), walkEverything: true);

    /// <summary>
    /// The detectors and collectors (by participant number) that can act on a file with this text,
    /// or null when none can: such a file is neither parsed nor walked.
    /// </summary>
    public bool[]? Activate(SourceDocument document) =>
        _activation.Activate(document, CSharpFileModel.IsGeneratedPath(document.Path) ? _silencedInGeneratedFile : null);

    /// <summary>
    /// Clears the detectors that do not report in generated code from <paramref name="active"/>: for a
    /// file whose header, not its name, says a tool wrote it (an EF model snapshot).
    /// </summary>
    public void SilenceInGenerated(bool[] active)
    {
        for (var i = 0; i < active.Length; i++)
        {
            active[i] &= !_silencedInGeneratedCode[i];
        }
    }

    public bool MayApplyTo(SourceDocument document) => Activate(document) is not null;

    /// <summary>The participants that find their nodes from their anchors (collectors first, as in a walk).</summary>
    public IReadOnlyList<AnchoredComponent> Anchored { get; }

    /// <summary>Where each of <see cref="Anchored"/>'s anchors occur in a file, in the same order.</summary>
    public AnchorSearch AnchorSearch { get; }

    /// <summary>
    /// Whether the file must be walked: some active participant takes nodes from the walk (all its
    /// nodes when it has no anchors, its declarations when it has) and is active on its own words
    /// (one that only reads files parsed for others does not make a walk).
    /// </summary>
    public bool Walks(bool[] active, SourceDocument document)
    {
        for (var i = 0; i < active.Length; i++)
        {
            if (MakesWalk(i, active, document))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The participants on whose account a file is walked, each named; for benchmarks that look for what costs a walk.</summary>
    public IEnumerable<string> WalkReasons(bool[] active, SourceDocument document)
    {
        for (var i = 0; i < active.Length; i++)
        {
            if (MakesWalk(i, active, document))
            {
                var participant = i < CSharpDetectors.Count ? (object)CSharpDetectors[i] : CSharpCollectors[i - CSharpDetectors.Count];
                yield return participant.GetType().Name + (_readsBodies[i] ? "" : " (declarations only)");
            }
        }
    }

    private bool MakesWalk(int i, bool[] active, SourceDocument document) =>
        active[i] && _walked[i] && (!_alongside[i] || (_ownWords[i] is { } own && document.ContainsAny(own)));

    /// <summary>
    /// Whether the walk must enter method bodies and initializers: a participant that makes the
    /// walk takes nodes there from it (it has no anchors). One that only reads files parsed for
    /// others (call sites) takes what the walk gives and does not make it enter bodies.
    /// </summary>
    public bool ReadsBodies(bool[] active, SourceDocument document)
    {
        for (var i = 0; i < active.Length; i++)
        {
            if (_readsBodies[i] && MakesWalk(i, active, document))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The detector that reports <paramref name="ruleId"/>, or null for a rule no detector reports.</summary>
    public IDetector? ForRule(string ruleId) => _byRule.GetValueOrDefault(ruleId);

    // Every concrete detector and collector in the engine, created once. Detectors are stateless.
    private static IEnumerable<object> DiscoverInstances() =>
        typeof(DetectorSet).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } &&
                (typeof(IDetector).IsAssignableFrom(t) || typeof(ICSharpFactCollector).IsAssignableFrom(t) || typeof(IDocumentFactCollector).IsAssignableFrom(t)) &&
                t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => Activator.CreateInstance(t)!);
}

/// <summary>A detector or collector that finds its nodes from its anchors, with what it asked for.</summary>
internal sealed class AnchoredComponent
{
    private readonly bool[] _kinds;

    public AnchoredComponent(int participant, object component, IReadOnlyCollection<SyntaxKind> kinds)
    {
        Participant = participant;
        Component = component;
        _kinds = new bool[Enum.GetValues<SyntaxKind>().Max(k => (int)k) + 1];
        foreach (var kind in kinds)
        {
            _kinds[(int)kind] = true;
        }
    }

    public int Participant { get; }

    public object Component { get; }

    public bool Wants(int rawKind) => rawKind < _kinds.Length && _kinds[rawKind];
}
