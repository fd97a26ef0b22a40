using System.Buffers;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// All detectors and fact collectors, with lookup tables by syntax kind and file kind so the
/// engine's single walk dispatches each node only to those that asked for it.
/// </summary>
internal sealed class DetectorSet
{
    private static readonly Lazy<DetectorSet> Discovered = new(() => Create(DiscoverInstances()));

    private readonly List<ICSharpDetector>?[] _detectorsByKind;
    private readonly List<ICSharpFactCollector>?[] _collectorsByKind;
    private readonly Dictionary<string, IDetector> _byRule;

    // Null when some C# detector or collector must see every file.
    private readonly SearchValues<string>? _requiredWords;
    private readonly SearchValues<string>? _walkWords;

    private DetectorSet(
        IReadOnlyList<ICSharpDetector> csharp,
        IReadOnlyList<IDocumentDetector> documents,
        IReadOnlyList<ICSharpFactCollector> csharpCollectors,
        IReadOnlyList<IDocumentFactCollector> documentCollectors)
    {
        CSharpDetectors = csharp;
        DocumentDetectors = documents;
        CSharpCollectors = csharpCollectors;
        DocumentCollectors = documentCollectors;
        var size = Enum.GetValues<SyntaxKind>().Max(k => (int)k) + 1;
        _detectorsByKind = new List<ICSharpDetector>?[size];
        _collectorsByKind = new List<ICSharpFactCollector>?[size];
        foreach (var detector in csharp)
        {
            foreach (var kind in detector.NodeKinds)
            {
                (_detectorsByKind[(int)kind] ??= []).Add(detector);
            }
        }

        foreach (var collector in csharpCollectors)
        {
            foreach (var kind in collector.NodeKinds)
            {
                (_collectorsByKind[(int)kind] ??= []).Add(collector);
            }
        }

        _byRule = csharp.Cast<IDetector>().Concat(documents)
            .SelectMany(d => d.RuleIds.Select(id => (Id: id, Detector: d)))
            .ToDictionary(p => p.Id, p => p.Detector, StringComparer.Ordinal);
        var wordLists = csharp.Select(d => d.RequiredWords).Concat(csharpCollectors.Select(c => c.RequiredWords)).ToList();
        _requiredWords = wordLists.Any(w => w is null)
            ? null
            : SearchValues.Create([.. wordLists.SelectMany(w => w!).Append(UnicodeEscape).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);

        // Words of the components that need the whole tree walked; the anchored ones find their own nodes.
        var walked = csharp.Where(d => d.Anchors is null).Select(d => d.RequiredWords)
            .Concat(csharpCollectors.Where(c => c.Anchors is null).Select(c => c.RequiredWords)).ToList();
        _walkWords = walked.Any(w => w is null)
            ? null
            : SearchValues.Create([.. walked.SelectMany(w => w!).Append(UnicodeEscape).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);
        Anchored =
        [
            .. csharpCollectors.Where(c => c.Anchors is not null).Select(c => new AnchoredComponent(c, c.NodeKinds, c.RequiredWords ?? [], c.Anchors!)),
            .. csharp.Where(d => d.Anchors is not null).Select(d => new AnchoredComponent(d, d.NodeKinds, d.RequiredWords ?? [], d.Anchors!)),
        ];
    }

    /// <summary>How much of a C# file the engine reads.</summary>
    public enum Reading
    {
        /// <summary>No component could report or collect anything: not parsed.</summary>
        None,

        /// <summary>Only anchored components need it: parsed, and only the nodes around their words visited.</summary>
        Anchored,

        /// <summary>Parsed and every node walked.</summary>
        Walk,
    }

    /// <summary>The components that find their nodes from their words (collectors first, as in a walk).</summary>
    public IReadOnlyList<AnchoredComponent> Anchored { get; }

    /// <summary>How the engine reads a C# file with this text: one or two vectorised searches, much cheaper than what they save.</summary>
    public Reading ReadingOf(SourceDocument document)
    {
        if (_walkWords is null || document.ContainsAny(_walkWords))
        {
            return Reading.Walk;
        }

        return Anchored.Any(a => a.Reads(document)) ? Reading.Anchored : Reading.None;
    }

    // An identifier may be spelled with \u or \U escapes (\u0055seCors is UseCors): such a file is always walked.
    // Words are compared ignoring case: a superset of exact matches, so no word has to list its casings.
    private const string UnicodeEscape = "\\u";

    public static DetectorSet Default => Discovered.Value;

    public IReadOnlyList<ICSharpDetector> CSharpDetectors { get; }

    public IReadOnlyList<IDocumentDetector> DocumentDetectors { get; }

    public IReadOnlyList<ICSharpFactCollector> CSharpCollectors { get; }

    public IReadOnlyList<IDocumentFactCollector> DocumentCollectors { get; }

    public IEnumerable<IDetector> All => CSharpDetectors.Cast<IDetector>().Concat(DocumentDetectors);

    public IReadOnlyList<ICSharpDetector>? DetectorsFor(SyntaxKind kind) => _detectorsByKind[(int)kind];

    public IReadOnlyList<ICSharpFactCollector>? CollectorsFor(SyntaxKind kind) => _collectorsByKind[(int)kind];

    public static DetectorSet Create(IEnumerable<object> instances)
    {
        var list = instances.ToList();
        return new DetectorSet(
            [.. list.OfType<ICSharpDetector>()],
            [.. list.OfType<IDocumentDetector>()],
            [.. list.OfType<ICSharpFactCollector>()],
            [.. list.OfType<IDocumentFactCollector>()]);
    }

    /// <summary>
    /// Whether any C# detector or collector could report or collect in a file with this text: a
    /// file with none of their <see cref="ICSharpDetector.RequiredWords"/> is neither parsed nor
    /// walked. One vectorised search of the text, much cheaper than the parse it saves.
    /// </summary>
    public bool MayApplyTo(SourceDocument document) =>
        _requiredWords is null || document.ContainsAny(_requiredWords);

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
    private readonly SearchValues<string>? _required;

    public AnchoredComponent(object component, IReadOnlyCollection<SyntaxKind> kinds, IReadOnlyCollection<string> required, IReadOnlyCollection<string> anchors)
    {
        Component = component;
        _kinds = new bool[Enum.GetValues<SyntaxKind>().Max(k => (int)k) + 1];
        foreach (var kind in kinds)
        {
            _kinds[(int)kind] = true;
        }

        _required = required.Count > 0 ? SearchValues.Create([.. required.Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase) : null;

        // Exact spelling: anchors are the names the component looks for.
        Anchors = SearchValues.Create([.. anchors.Distinct(StringComparer.Ordinal)], StringComparison.Ordinal);
    }

    public object Component { get; }

    public SearchValues<string> Anchors { get; }

    public bool Wants(int rawKind) => rawKind < _kinds.Length && _kinds[rawKind];

    /// <summary>Whether the component has anything to do in the document: one of its words, and one of its anchors.</summary>
    public bool Reads(SourceDocument document) => (_required is null || document.ContainsAny(_required)) && document.ContainsAny(Anchors);
}
