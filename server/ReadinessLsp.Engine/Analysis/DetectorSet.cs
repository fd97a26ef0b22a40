using Microsoft.CodeAnalysis.CSharp;
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
    private readonly Dictionary<string, IDetector> _byRule;
    private readonly WordActivation _activation;

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

        // Participants: the C# detectors, then the C# collectors, numbered in that order.
        var size = Enum.GetValues<SyntaxKind>().Max(k => (int)k) + 1;
        var detectorsByKind = new List<(int, ICSharpDetector)>?[size];
        var collectorsByKind = new List<(int, ICSharpFactCollector)>?[size];
        for (var i = 0; i < csharp.Count; i++)
        {
            foreach (var kind in csharp[i].NodeKinds)
            {
                (detectorsByKind[(int)kind] ??= []).Add((i, csharp[i]));
            }
        }

        for (var i = 0; i < csharpCollectors.Count; i++)
        {
            foreach (var kind in csharpCollectors[i].NodeKinds)
            {
                (collectorsByKind[(int)kind] ??= []).Add((csharp.Count + i, csharpCollectors[i]));
            }
        }

        _detectorsByKind = [.. detectorsByKind.Select(l => l?.ToArray())];
        _collectorsByKind = [.. collectorsByKind.Select(l => l?.ToArray())];
        var kinds = csharp.Select(d => d.NodeKinds).Concat(csharpCollectors.Select(c => c.NodeKinds)).ToList();
        _readsBodies = [.. kinds.Select(k => k.Any(kind => !DeclarationKinds.Contains(kind)))];
        _activation = new WordActivation(
            [.. csharp.Select(d => d.RequiredWords).Concat(csharpCollectors.Select(c => c.RequiredWords))],
            [.. csharp.Select(_ => false).Concat(csharpCollectors.Select(c => c.ReadsEveryParsedFile))]);
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
    /// The detectors and collectors (by participant number) that can act on a file with this text,
    /// or null when none can: such a file is neither parsed nor walked.
    /// </summary>
    public bool[]? Activate(SourceDocument document) => _activation.Activate(document);

    public bool MayApplyTo(SourceDocument document) => Activate(document) is not null;

    /// <summary>Whether some active participant asks for nodes inside method bodies or initializers.</summary>
    public bool ReadsBodies(bool[] active)
    {
        for (var i = 0; i < active.Length; i++)
        {
            if (active[i] && _readsBodies[i])
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
