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

/// <summary>
/// A key read by code, at the string literal that names it: whether the code has a fallback, the
/// shape it expects (<see cref="ConfigShape"/>), whether the read sits under a development guard,
/// the member it is in ("Type.Method", for methods only called in development), the keys the code
/// prefers to it (<c>GetConnectionString("aspire") ?? GetConnectionString("Default")</c>), whether it
/// only checks that the key is set, and whether a missing value stops the app at startup with the
/// key's name (<c>?? throw</c> in startup code): then the absence cannot reach a customer.
/// </summary>
internal sealed record ConfigRead(
    string Key,
    string Path,
    FactSpan Range,
    ConfigReadKind Kind,
    bool HasDefault,
    ConfigShape Shape = ConfigShape.Text,
    bool DevelopmentOnly = false,
    string? Member = null,
    EquatableArray<string> Preferred = default,
    bool PresenceOnly = false,
    bool FailsFastAtStartup = false);

/// <summary>
/// A JSON settings file the code loads itself (<c>AddJsonFile("config/appsettings.json")</c>), by
/// its path as written, relative to the app's content root (its project folder).
/// </summary>
internal sealed record ConfigFileLoad(string CodePath, string RelativePath, bool Optional);

/// <summary>
/// Code that loads configuration from somewhere this workspace cannot see (Key Vault, App
/// Configuration, AWS parameter store, an Aspire app host): a missing key may live there.
/// </summary>
internal sealed record ExternalConfigSource(string Path, string What);

/// <summary>A .gitignore file: its folder and patterns.</summary>
internal sealed record GitIgnoreFile(string Directory, string Content);

/// <summary>An env file, template or not (a fix that documents a name looks for the templates).</summary>
internal sealed record EnvFileInfo(string Path, bool IsTemplate);
