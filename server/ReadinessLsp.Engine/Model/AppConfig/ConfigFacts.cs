using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>Where a configuration key can be defined.</summary>
internal enum ConfigSourceKind
{
    AppSettings,
    EnvFile,
    LaunchSettings,
    ComposeFile,
}

/// <summary>How code reads a key: a value, a whole section (options binding), or an environment variable.</summary>
internal enum ConfigReadKind
{
    Value,
    Section,
    EnvironmentVariable,
}

/// <summary>
/// A key defined in a settings file. <see cref="Key"/> uses ':' (env names already mapped from
/// <c>__</c>); <see cref="Environment"/> is the ASP.NET Core environment of an appsettings overlay or a
/// launch profile's, null for the base file. <see cref="DisplayValue"/> is safe to show: secrets masked.
/// </summary>
internal sealed record ConfigDefinition(
    string Key,
    string Path,
    FactSpan Range,
    ConfigSourceKind Source,
    string? Environment,
    bool IsSection,
    string? DisplayValue,
    bool IsTemplate);

/// <summary>A key read by code, at the string literal that names it.</summary>
internal sealed record ConfigRead(string Key, string Path, FactSpan Range, ConfigReadKind Kind, bool HasDefault);

/// <summary>
/// Code that loads configuration from somewhere this workspace cannot see (Key Vault, App
/// Configuration, AWS parameter store, an Aspire app host): a missing key may live there.
/// </summary>
internal sealed record ExternalConfigSource(string Path, string What);

/// <summary>A .gitignore file: its folder and patterns.</summary>
internal sealed record GitIgnoreFile(string Directory, string Content);

/// <summary>An env file, template or not (a fix that documents a name looks for the templates).</summary>
internal sealed record EnvFileInfo(string Path, bool IsTemplate);
