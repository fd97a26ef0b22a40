using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Projects;

/// <summary>
/// Which project each file belongs to and what that project is: a web app, a test project, a
/// project no solution includes, a project whose start-up refuses to run in Production, or another
/// ecosystem's folder. Cross-file questions are answered
/// per app (a web project and the projects it references), so one app's fallback policy never
/// silences another app's finding in the same repository. A workspace without project files is one
/// app: every file ships, as a folder of loose files would.
/// </summary>
internal sealed class ProjectIndex : IWorkspaceModel<ProjectIndex>
{
    private static readonly string[] TestPackages =
    [
        "Microsoft.NET.Test.Sdk", "xunit", "xunit.v3", "NUnit", "MSTest.TestFramework", "MSTest", "Microsoft.AspNetCore.Mvc.Testing",
        "TUnit", "Microsoft.Testing.Platform",
    ];

    private readonly List<ProjectFact> _projects;
    private readonly Dictionary<string, ProjectFact> _byPath;
    private readonly Dictionary<string, List<ProjectFact>> _byDirectory;
    private readonly HashSet<string> _inSolution;
    private readonly List<string> _solutionFolders;
    private readonly List<string> _foreignFolders;
    private readonly HashSet<string> _refuseProduction;
    private readonly IReadOnlyList<string> _roots;
    private readonly Dictionary<string, IReadOnlyList<string>> _apps = new(PathNormalizer.Comparer);

    private ProjectIndex(WorkspaceModels models)
    {
        _projects = [.. models.All<ProjectFact>().Where(p => p.Path.EndsWith("proj", StringComparison.OrdinalIgnoreCase))];
        _byPath = _projects.GroupBy(p => p.Path, PathNormalizer.Comparer).ToDictionary(g => g.Key, g => g.First(), PathNormalizer.Comparer);
        _byDirectory = _projects.GroupBy(p => p.Directory, PathNormalizer.Comparer).ToDictionary(g => g.Key, g => g.ToList(), PathNormalizer.Comparer);
        var solutions = models.All<SolutionFact>();
        _inSolution = new HashSet<string>(solutions.SelectMany(s => s.Projects), PathNormalizer.Comparer);
        _solutionFolders = [.. solutions.Select(s => System.IO.Path.GetDirectoryName(s.Path)!)];
        _foreignFolders = [.. models.All<ForeignAppFolder>().Select(f => f.Directory).Where(f => !_projects.Any(p => IsUnder(f, p.Path)))];
        _roots = models.Roots;
        _refuseProduction = new HashSet<string>(models.All<ProductionRefusal>().Select(r => ProjectOf(r.Path)?.Path).OfType<string>(), PathNormalizer.Comparer);
        foreach (var project in _projects)
        {
            _apps[project.Path] = AppsContaining(project);
        }
    }

    public static IReadOnlyCollection<Type> FactTypes { get; } = [typeof(ProjectFact), typeof(SolutionFact), typeof(ForeignAppFolder), typeof(ProductionRefusal)];

    public IReadOnlyList<ProjectFact> Projects => _projects;

    public static ProjectIndex Build(WorkspaceModels models) => new(models);

    /// <summary>The project a file belongs to: the nearest project file in its folder or above, or null.</summary>
    public ProjectFact? ProjectOf(string path)
    {
        for (var folder = System.IO.Path.GetDirectoryName(path); folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (_byDirectory.TryGetValue(folder, out var projects))
            {
                return projects[0];
            }
        }

        return null;
    }

    // Test packages often arrive through a Directory.Build.props that is never evaluated here, so a
    // project named like a test project ("Shop.Api.Tests") counts as one too.
    public bool IsTestProject(ProjectFact project) =>
        project.DeclaredTestProject ||
        project.Name.EndsWith("Tests", StringComparison.OrdinalIgnoreCase) || project.Name.EndsWith(".Test", StringComparison.OrdinalIgnoreCase) ||
        project.Sdk.StartsWith("MSTest.Sdk", StringComparison.OrdinalIgnoreCase) ||
        project.PackageReferences.Any(p => TestPackages.Any(t => p.Equals(t, StringComparison.OrdinalIgnoreCase) || p.StartsWith(t + ".", StringComparison.OrdinalIgnoreCase)));

    public static bool IsWeb(ProjectFact project) =>
        project.Sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) && !project.Sdk.Contains("WebAssembly", StringComparison.OrdinalIgnoreCase);

    public bool References(ProjectFact project, string package) =>
        Closure(project).Any(p => p.PackageReferences.Any(r => r.Equals(package, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Whether the project is part of what the repository builds: included by a solution of the
    /// repository, or any project when the repository has no solution above it.
    /// </summary>
    public bool InSolution(ProjectFact project) =>
        _inSolution.Contains(project.Path) || !_solutionFolders.Any(f => IsUnder(f, project.Path));

    /// <summary>Where a file's code or configuration runs, as far as projects tell.</summary>
    public CodeScopes ScopeOf(string path)
    {
        // The nearest marker wins: a ClientApp/ with its package.json inside a web project is the front end's.
        var project = ProjectOf(path);
        var foreign = _foreignFolders.Where(f => IsUnder(f, path)).MaxBy(f => f.Length);
        if (foreign is not null && (project is null || foreign.Length > project.Directory.Length))
        {
            return CodeScopes.NotShipped;
        }

        if (project is null)
        {
            return LooksLikeTestFolder(path) ? CodeScopes.Tests : CodeScopes.Production;
        }

        if (IsTestProject(project))
        {
            return CodeScopes.Tests;
        }

        if (!InSolution(project))
        {
            return CodeScopes.NotShipped;
        }

        // Its start-up throws in Production (a seeder, a playground): none of it runs there.
        return _refuseProduction.Contains(project.Path) ? CodeScopes.DevelopmentOnly : CodeScopes.Production;
    }

    public bool IsTestCode(string path) => ScopeOf(path) == CodeScopes.Tests;

    /// <summary>The project and every project it references, directly or not.</summary>
    public IReadOnlyList<ProjectFact> Closure(ProjectFact project)
    {
        var seen = new HashSet<string>(PathNormalizer.Comparer);
        var result = new List<ProjectFact>();
        var pending = new Stack<ProjectFact>([project]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Path))
            {
                continue;
            }

            result.Add(next);
            foreach (var reference in next.ProjectReferences)
            {
                if (_byPath.TryGetValue(reference, out var referenced))
                {
                    pending.Push(referenced);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The apps a file is part of, by the path of the app's project file: the web projects whose
    /// closure holds the file's project, or the project itself when no web project references it.
    /// Files outside every project belong to the workspace's one implicit app, "".
    /// </summary>
    public IReadOnlyList<string> AppsOf(string path) =>
        ProjectOf(path) is { } project && _apps.TryGetValue(project.Path, out var apps) ? apps : [string.Empty];

    /// <summary>Whether two files can see each other's setup: they share an app.</summary>
    public bool SameApp(string a, string b)
    {
        var apps = AppsOf(a);
        return AppsOf(b).Any(apps.Contains);
    }

    private IReadOnlyList<string> AppsContaining(ProjectFact project)
    {
        var apps = _projects.Where(p => IsWeb(p) && Closure(p).Contains(project)).Select(p => p.Path).ToList();
        return apps.Count > 0 ? apps : [project.Path];
    }

    // Without a project file, folders named like test projects ("tests", "Api.Tests") hold tests.
    // Only folders inside the workspace count: a workspace opened at /tmp/shop-tests/ is not all tests.
    private bool LooksLikeTestFolder(string path) =>
        PathNormalizer.Relative(_roots.Where(r => IsUnder(r, path)).MaxBy(r => r.Length) ?? System.IO.Path.GetDirectoryName(path)!, path)
            .Split('/').SkipLast(1).Any(s =>
            s.EndsWith("Tests", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".Test", StringComparison.OrdinalIgnoreCase) ||
            s.Equals("test", StringComparison.OrdinalIgnoreCase));

    private static bool IsUnder(string folder, string path) =>
        path.Length > folder.Length && path.StartsWith(folder, StringComparison.Ordinal) && path[folder.Length] == System.IO.Path.DirectorySeparatorChar;
}
