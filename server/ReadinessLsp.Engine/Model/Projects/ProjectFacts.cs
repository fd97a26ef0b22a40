using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Projects;

/// <summary>
/// A project file as its XML reads, never evaluated: the SDK, the packages and projects it
/// references, and whether it declares itself a test project. Paths are full and normalised.
/// </summary>
internal sealed record ProjectFact(
    string Path,
    string Sdk,
    bool DeclaredTestProject,
    EquatableArray<string> PackageReferences,
    EquatableArray<string> ProjectReferences)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}

/// <summary>A solution (<c>.sln</c>, <c>.slnx</c> or <c>.slnf</c>) and the project files it includes.</summary>
internal sealed record SolutionFact(string Path, EquatableArray<string> Projects);

/// <summary>
/// A folder that holds another ecosystem's app (a <c>package.json</c>: Expo, Vite, Next): its
/// <c>.env</c> files configure that app, not the .NET one.
/// </summary>
internal sealed record ForeignAppFolder(string Directory);
