using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Git;

/// <summary>
/// The files git tracks in one work tree, as its index lists them: '/'-separated paths relative to
/// <see cref="WorkTree"/>; a path ending in '/' is a folder a sparse index keeps as one entry.
/// </summary>
internal sealed record GitTrackedFiles(string WorkTree, EquatableArray<string> Paths);
