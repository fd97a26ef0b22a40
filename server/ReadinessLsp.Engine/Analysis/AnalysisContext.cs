using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// What a detector or fact collector gets for one file: the document, a way to report, and the
/// file's fact bag. One context per file analysis; not shared across threads.
/// </summary>
internal abstract class AnalysisContext(SourceDocument document, CancellationToken cancellationToken)
{
    private static readonly IReadOnlyDictionary<string, string> NoArguments = new Dictionary<string, string>();

    private readonly List<Detection> _detections = [];
    private readonly List<PendingDetection> _pending = [];

    public SourceDocument Document { get; } = document;

    public SourceText Text => Document.Text;

    public string Path => Document.Path;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Facts this file contributes to the workspace.</summary>
    public FactBag Facts { get; } = new();

    /// <summary>Set by the engine before each detector runs, so detectors never repeat their own id.</summary>
    internal string? CurrentRuleId { get; set; }

    internal IReadOnlyList<Detection> Detections => _detections;

    internal IReadOnlyList<PendingDetection> Pending => _pending;

    public void Report(
        TextSpan span,
        IReadOnlyDictionary<string, string>? arguments = null,
        IReadOnlyList<Fix>? fixes = null,
        IReadOnlyList<RelatedLocation>? related = null) =>
        _detections.Add(CreateDetection(span, arguments, fixes, related));

    /// <summary>
    /// Reports a finding whose truth depends on other files; <paramref name="resolve"/> decides once
    /// the workspace facts are merged. Capture plain values in it, never syntax nodes.
    /// </summary>
    public void ReportPending(
        TextSpan span,
        Func<WorkspaceFacts, Detection, Detection?> resolve,
        IReadOnlyDictionary<string, string>? arguments = null,
        IReadOnlyList<Fix>? fixes = null) =>
        _pending.Add(new PendingDetection(CreateDetection(span, arguments, fixes, null), resolve));

    public LinePositionSpan RangeOf(TextSpan span) => Text.Lines.GetLinePositionSpan(span);

    /// <summary>A fix that replaces <paramref name="span"/> of this document.</summary>
    public Fix Replace(TextSpan span, string newText, string? title = null) =>
        new(title, [new FileEdit(Path, RangeOf(span), newText)]);

    private Detection CreateDetection(
        TextSpan span,
        IReadOnlyDictionary<string, string>? arguments,
        IReadOnlyList<Fix>? fixes,
        IReadOnlyList<RelatedLocation>? related) =>
        new(
            CurrentRuleId ?? throw new InvalidOperationException("Report called outside a detector"),
            Path,
            RangeOf(span),
            arguments ?? NoArguments,
            fixes ?? [],
            related ?? [],
            Fingerprint.NormalizeSnippet(Text.ToString(span)));
}

/// <summary>The context of a C# file: its syntax tree, parsed once for every detector.</summary>
internal sealed class CSharpContext(SourceDocument document, Microsoft.CodeAnalysis.SyntaxTree tree, CancellationToken cancellationToken)
    : AnalysisContext(document, cancellationToken)
{
    public Microsoft.CodeAnalysis.SyntaxTree Tree { get; } = tree;
}

/// <summary>The context of a non-C# file (appsettings, .env, launchSettings, .gitignore).</summary>
internal sealed class DocumentContext(SourceDocument document, CancellationToken cancellationToken)
    : AnalysisContext(document, cancellationToken);
