using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Config.Facts;

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
    LinePositionSpan Range,
    ConfigSourceKind Source,
    string? Environment,
    bool IsSection,
    string? DisplayValue,
    bool IsTemplate);

/// <summary>A key read by code, at the string literal that names it.</summary>
internal sealed record ConfigRead(string Key, string Path, LinePositionSpan Range, ConfigReadKind Kind, bool HasDefault);

/// <summary>
/// Code that loads configuration from somewhere this workspace cannot see (Key Vault, App
/// Configuration, AWS parameter store, an Aspire app host): a missing key may live there.
/// </summary>
internal sealed record ExternalConfigSource(string Path, string What);

/// <summary>A .gitignore file: its folder and patterns, and where its text ends (for an appending fix).</summary>
internal sealed record GitIgnoreFile(string Directory, string Content, LinePosition End, bool EndsWithNewline);

/// <summary>An env file (template or not) and where its text ends, so a fix can append a name.</summary>
internal sealed record EnvFileInfo(string Path, bool IsTemplate, LinePosition End, bool EndsWithNewline);

/// <summary>
/// A base appsettings.json as a fix that adds a key needs it: the file's line ending and indent
/// unit, and every object reachable through property names (<see cref="SettingsObjectSlot.Key"/>
/// "" is the root). <see cref="Objects"/> is null when .NET could not read the file, so no fix edits it.
/// </summary>
internal sealed record SettingsFileLayout(string Path, string NewLine, string IndentUnit, IReadOnlyList<SettingsObjectSlot>? Objects);

/// <summary>
/// Where a new last member of one object goes: insert <see cref="Before"/> + member + <see cref="After"/>
/// at <see cref="At"/>, and a ',' at <see cref="CommaAt"/> when the previous member needs one apart
/// (a comment follows it). <see cref="Indent"/> is the member's indent, null when the object is on one
/// line (new objects are then written inline). <see cref="At"/> is null when the place is unclear.
/// </summary>
internal sealed record SettingsObjectSlot(string Key, LinePosition? At, LinePosition? CommaAt, string Before, string After, string? Indent);
