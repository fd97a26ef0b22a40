using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// Everything the engine learned from one file, kept without its text or syntax tree: detections
/// that stand alone, detections that wait on other files, the facts it contributes, and its
/// suppression comments. Cheap to keep for every file of a large workspace.
/// </summary>
internal sealed record FileAnalysis(
    string Path,
    FileKind Kind,
    int? Version,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<DeferredDetection> Deferred,
    FactBag Facts,
    InlineSuppressions Suppressions)
{
    /// <summary>The models this file's findings depend on, beyond its own text.</summary>
    public IEnumerable<Type> Reads => Deferred.SelectMany(d => d.Resolver.Reads).Distinct();
}
