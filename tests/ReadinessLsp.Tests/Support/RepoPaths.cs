namespace ReadinessLsp.Tests.Support;

/// <summary>Locations in the repository, found from the test binary by walking up to the solution file.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Rules => Path.Combine(Root, "rules");

    public static string Readme => Path.Combine(Root, "README.md");

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ReadinessLsp.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ReadinessLsp.sln not found above " + AppContext.BaseDirectory);
    }
}
