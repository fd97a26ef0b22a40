using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// Everything the engine learned from one file, kept without its text or syntax tree: findings that
/// stand alone, findings that wait on workspace facts, the facts it contributes, and its
/// suppression comments. Cheap to keep for every file of a large workspace.
/// </summary>
internal sealed record FileAnalysis(
    string Path,
    FileKind Kind,
    int? Version,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<PendingDetection> Pending,
    FactBag Facts,
    InlineSuppressions Suppressions);

/// <summary>
/// A detection that depends on other files: <see cref="Resolve"/> gets the merged workspace facts
/// and returns the detection to report (possibly with fixes that edit other files) or null to stay
/// silent. It must capture plain data only, never syntax nodes.
/// </summary>
internal sealed record PendingDetection(Detection Candidate, Func<WorkspaceFacts, Detection, Detection?> Resolve);
