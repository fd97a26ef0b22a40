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
}
