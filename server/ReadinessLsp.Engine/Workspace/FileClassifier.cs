namespace ReadinessLsp.Engine.Workspace;

/// <summary>Classifies a path by name alone, so classification never needs to read the file.</summary>
internal static class FileClassifier
{
    public const string WorkspaceSettingsFileName = "readiness.json";

    public static FileKind Classify(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.CSharp;
        }

        if (IsAppSettings(name))
        {
            return FileKind.AppSettings;
        }

        if (name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.LaunchSettings;
        }

        if (name.Equals(".env", StringComparison.OrdinalIgnoreCase) || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.EnvFile;
        }

        if (name.Equals(".gitignore", StringComparison.Ordinal))
        {
            return FileKind.GitIgnore;
        }

        if (name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.ProjectFile;
        }

        if (name.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.Solution;
        }

        // Another ecosystem's app (a front end, a mobile app): only its presence matters, not its content.
        if (name.Equals("package.json", StringComparison.Ordinal))
        {
            return FileKind.PackageJson;
        }

        if (IsComposeFile(name))
        {
            return FileKind.ComposeFile;
        }

        if (name.Equals(WorkspaceSettingsFileName, StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.WorkspaceSettings;
        }

        return FileKind.Other;
    }

    /// <summary>
    /// The ASP.NET Core environment an appsettings file applies to: <c>null</c> for the base file,
    /// "Production" for <c>appsettings.Production.json</c>.
    /// </summary>
    public static string? AppSettingsEnvironment(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var dot = name.IndexOf('.');
        return dot < 0 ? null : name[(dot + 1)..];
    }

    /// <summary>The variant of an env file: <c>null</c> for <c>.env</c>, "example" for <c>.env.example</c>.</summary>
    public static string? EnvFileVariant(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length > 5 ? name[5..] : null;
    }

    /// <summary>Whether an env file is a template (documentation of names), never a place for real values.</summary>
    public static bool IsEnvTemplate(string path)
    {
        var variant = EnvFileVariant(path);
        return variant is not null &&
            (variant.Contains("example", StringComparison.OrdinalIgnoreCase) ||
             variant.Contains("sample", StringComparison.OrdinalIgnoreCase) ||
             variant.Contains("template", StringComparison.OrdinalIgnoreCase) ||
             variant.Contains("dist", StringComparison.OrdinalIgnoreCase) ||
             variant.Contains("defaults", StringComparison.OrdinalIgnoreCase));
    }

    // docker-compose.yml, docker-compose.override.yaml, compose.yaml, compose.prod.yml
    private static bool IsComposeFile(string name) =>
        (name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase) || name.StartsWith("compose.", StringComparison.OrdinalIgnoreCase)) &&
        (name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase));

    private static bool IsAppSettings(string name) =>
        name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) &&
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
