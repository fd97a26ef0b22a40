using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// What a detector or fact collector gets for one file: the document, a way to report, and the
/// file's fact bag. One context per file analysis; not shared across threads.
/// </summary>
internal abstract class AnalysisContext(SourceDocument document, CancellationToken cancellationToken)
{
    private static readonly IReadOnlyDictionary<string, string> NoArguments = new Dictionary<string, string>();

    private HashSet<string>? _members;

    private readonly List<Detection> _detections = [];
    private readonly List<DeferredDetection> _deferred = [];
    private Dictionary<object, object>? _locals;

    public SourceDocument Document { get; } = document;

    public SourceText Text => Document.Text;

    public string Path => Document.Path;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Facts this file contributes to the workspace.</summary>
    public FactBag Facts { get; } = new();

    /// <summary>Set by the engine before each detector runs, so detectors never repeat their own id.</summary>
    internal IDetector? CurrentDetector { get; set; }

    internal IReadOnlyList<Detection> Detections => _detections;

    internal IReadOnlyList<DeferredDetection> Deferred => _deferred;

    /// <summary>Reports the running detector's rule at <paramref name="span"/>.</summary>
    public void Report(
        TextSpan span,
        IReadOnlyDictionary<string, string>? arguments = null,
        IReadOnlyList<Fix>? fixes = null,
        IReadOnlyList<RelatedLocation>? related = null) =>
        ReportAs(Detector.RuleId, span, arguments, fixes, related);

    /// <summary>Reports one of the running detector's rules (a detector that serves several).</summary>
    public void ReportAs(
        string ruleId,
        TextSpan span,
        IReadOnlyDictionary<string, string>? arguments = null,
        IReadOnlyList<Fix>? fixes = null,
        IReadOnlyList<RelatedLocation>? related = null)
    {
        if (CreateDetection(ruleId, span, arguments, fixes, related) is { } detection)
        {
            _detections.Add(detection);
        }
    }

    /// <summary>
    /// Reports a detection whose truth depends on other files: <paramref name="resolver"/> decides
    /// once every file's facts are known, from <paramref name="data"/> (plain values, never syntax).
    /// </summary>
    public void Defer<TData>(
        IDeferredResolver<TData> resolver,
        TextSpan span,
        TData data,
        IReadOnlyDictionary<string, string>? arguments = null,
        IReadOnlyList<Fix>? fixes = null,
        string? ruleId = null)
        where TData : notnull
    {
        if (CreateDetection(ruleId ?? Detector.RuleId, span, arguments, fixes, null) is { } detection)
        {
            _deferred.Add(new DeferredDetection(detection, data, resolver));
        }
    }

    /// <summary>
    /// Per-file scratch space for a stateless detector or collector that gathers across nodes (and
    /// adds a fact in <see cref="ICSharpFactCollector.Complete"/>). One instance per owner and file.
    /// </summary>
    public T Local<T>(object owner)
        where T : class, new()
    {
        _locals ??= [];
        if (!_locals.TryGetValue(owner, out var value))
        {
            _locals[owner] = value = new T();
        }

        return (T)value;
    }

    public LinePositionSpan RangeOf(TextSpan span) => Text.Lines.GetLinePositionSpan(span);

    /// <summary>A fix that replaces <paramref name="span"/> of this document.</summary>
    public Fix Replace(TextSpan span, string newText, string? title = null) =>
        new(title, [new FileEdit(Path, RangeOf(span), newText)]);

    /// <summary>
    /// Where the code at <paramref name="span"/> runs, and the member it belongs to ("Type.Method").
    /// Only C# knows more than "production" from the text alone.
    /// </summary>
    protected virtual (CodeScopes Scope, string? Member) Locate(TextSpan span) => (CodeScopes.Production, null);

    private Place? _lastPlace;

    private IDetector Detector => CurrentDetector ?? throw new InvalidOperationException("Report called outside a detector");

    private Detection? CreateDetection(
        string ruleId,
        TextSpan span,
        IReadOnlyDictionary<string, string>? arguments,
        IReadOnlyList<Fix>? fixes,
        IReadOnlyList<RelatedLocation>? related)
    {
        var place = PlaceOf(span);
        if ((Detector.Scopes & place.Scope) == 0)
        {
            return null; // Development-only, generated or migration code, and the rule does not look there.
        }

        return new Detection(
            ruleId,
            Path,
            place.Range,
            arguments is null ? NoArguments : CompactArguments.Of(arguments),
            fixes ?? [],
            related ?? [],
            place.Snippet,
            place.Member);
    }

    // Where a span is, computed once for consecutive detections of one span (a detector reporting
    // two rules at one handler; tens of thousands of such pairs in a large workspace).
    private Place PlaceOf(TextSpan span)
    {
        if (_lastPlace is { } last && last.Span == span)
        {
            return last;
        }

        var (scope, member) = Locate(span);

        // A file's detections name a few members many times over, and wait in memory until every file is read: one string each.
        if (member is not null)
        {
            _members ??= new HashSet<string>(StringComparer.Ordinal);
            if (_members.TryGetValue(member, out var known))
            {
                member = known;
            }
            else
            {
                _members.Add(member);
            }
        }

        return _lastPlace = new Place(span, scope, member, RangeOf(span), Fingerprint.NormalizeSnippet(Text.ToString(span)));
    }

    private sealed record Place(TextSpan Span, CodeScopes Scope, string? Member, LinePositionSpan Range, string Snippet);
}

/// <summary>The context of a C# file: its syntax tree, parsed once for every detector.</summary>
internal sealed class CSharpContext(SourceDocument document, Microsoft.CodeAnalysis.SyntaxTree tree, CancellationToken cancellationToken)
    : AnalysisContext(document, cancellationToken)
{
    private CSharp.CSharpFileModel? _model;

    public Microsoft.CodeAnalysis.SyntaxTree Tree { get; } = tree;

    /// <summary>Declared types, the app and builder variables and attributes of this file, built on first use.</summary>
    public CSharp.CSharpFileModel Model => _model ??= CSharp.CSharpFileModel.Of(Document, Tree);

    /// <summary>Whether the engine walked into the file's method bodies (so components that take every call saw them all).</summary>
    public bool BodiesWalked { get; internal set; }

    protected override (CodeScopes Scope, string? Member) Locate(TextSpan span)
    {
        var node = Tree.GetRoot(CancellationToken).FindNode(span, getInnermostNodeForTie: true);
        return (CodeScope.Local(node, Model), CodeScope.MemberOf(node));
    }
}

/// <summary>The context of a non-C# file (appsettings, .env, launchSettings, .gitignore, project files).</summary>
internal sealed class DocumentContext(SourceDocument document, CancellationToken cancellationToken)
    : AnalysisContext(document, cancellationToken);
