using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// Decides a detection that depends on other files, once every file's facts are known. While it
/// walks a file, a detector records a candidate (plain data compared by value, never a syntax
/// node); at resolve time the resolver reads the models it declares and returns the detection to
/// report, possibly completed with fixes and related locations, or null to stay silent.
/// </summary>
internal interface IDeferredResolver
{
    /// <summary>
    /// The models (types implementing <see cref="IWorkspaceModel{TSelf}"/>) this resolver reads. When
    /// one of them changes, the files holding its deferred detections are re-resolved, and no others.
    /// </summary>
    IReadOnlyCollection<Type> Reads { get; }

    Detection? Resolve(Detection candidate, object data, WorkspaceModels models);
}

/// <summary>A resolver for one candidate type; detectors usually implement it themselves.</summary>
internal interface IDeferredResolver<in TData> : IDeferredResolver
    where TData : notnull
{
    Detection? Resolve(Detection candidate, TData data, WorkspaceModels models);

    Detection? IDeferredResolver.Resolve(Detection candidate, object data, WorkspaceModels models) =>
        Resolve(candidate, (TData)data, models);
}

/// <summary>A detection waiting for the workspace: the candidate, its data and who decides it.</summary>
internal sealed record DeferredDetection(Detection Candidate, object Data, IDeferredResolver Resolver);
