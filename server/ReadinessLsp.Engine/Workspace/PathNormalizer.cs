namespace ReadinessLsp.Engine.Workspace;

/// <summary>One spelling per file: full path, platform separators, no trailing separator.</summary>
internal static class PathNormalizer
{
    public static string Normalize(string path) =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));

    /// <summary>Forward-slash path relative to <paramref name="root"/>, as shown to users and in SARIF.</summary>
    public static string Relative(string root, string path) =>
        System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');

    public static StringComparer Comparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static StringComparison Comparison => OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> itself or lies below it.</summary>
    public static bool IsUnder(string folder, string path) =>
        path.StartsWith(folder, Comparison) &&
        (path.Length == folder.Length || path[folder.Length] == System.IO.Path.DirectorySeparatorChar || folder.EndsWith(System.IO.Path.DirectorySeparatorChar));

    /// <summary>Whether <paramref name="path"/> lies strictly below <paramref name="folder"/>.</summary>
    public static bool IsBelow(string folder, string path) => path.Length > folder.Length && IsUnder(folder, path);
}
