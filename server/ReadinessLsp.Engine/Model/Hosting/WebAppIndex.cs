using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Hosting;

/// <summary>
/// Which files run inside a web app (an ASP.NET Core project, or a library one references), as
/// opposed to a console tool, a worker, a desktop or mobile client or a Blazor WebAssembly front
/// end. Request-path rules (threads blocked on tasks, a client per call, work dropped on the
/// floor) only matter where there are requests. A workspace without project files is one web app.
/// </summary>
internal sealed class WebAppIndex : IWorkspaceModel<WebAppIndex>, IEquatable<WebAppIndex>
{
    private readonly HashSet<string> _webApps;
    private readonly ProjectIndex _projects;

    private WebAppIndex(ProjectIndex projects)
    {
        _projects = projects;
        _webApps = new HashSet<string>(projects.Projects.Where(ProjectIndex.IsWeb).Select(p => p.Path), PathNormalizer.Comparer);
    }

    public static IReadOnlyCollection<Type> FactTypes => ProjectIndex.FactTypes;

    public static WebAppIndex Build(WorkspaceModels models) => new(models.Get<ProjectIndex>());

    /// <summary>
    /// Whether the file is part of at least one web app. A Blazor WebAssembly project runs in the
    /// browser even when a server project references it (to serve or prerender it).
    /// </summary>
    public bool Contains(string path) =>
        !(_projects.ProjectOf(path) is { } own && RunsInBrowser(own)) &&
        _projects.AppsOf(path).Any(app => app.Length == 0 || _webApps.Contains(app));

    private static bool RunsInBrowser(Projects.ProjectFact project) =>
        project.Sdk.Contains("WebAssembly", StringComparison.OrdinalIgnoreCase) ||
        project.PackageReferences.Any(p => p.Equals("Microsoft.AspNetCore.Components.WebAssembly", StringComparison.OrdinalIgnoreCase));

    public bool Equals(WebAppIndex? other) => other is not null && ReferenceEquals(_projects, other._projects);

    public override bool Equals(object? obj) => Equals(obj as WebAppIndex);

    public override int GetHashCode() => _webApps.Count;
}

/// <summary>
/// The resolver of detections that hold wherever there are requests: kept in web apps, dropped in
/// console tools, workers and clients. Detectors defer to it with <see cref="Candidate"/>.
/// </summary>
internal sealed class WebAppOnly : IDeferredResolver<WebAppOnly.Candidate>
{
    public static readonly WebAppOnly Resolver = new();

    public static readonly Candidate Any = new();

    private WebAppOnly()
    {
    }

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(WebAppIndex)];

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models) =>
        models.Get<WebAppIndex>().Contains(candidate.Path) ? candidate : null;

    /// <summary>No data: the file's path decides.</summary>
    internal sealed record Candidate;
}
