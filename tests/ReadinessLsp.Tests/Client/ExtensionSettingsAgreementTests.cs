using System.Text.Json;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Settings;

namespace ReadinessLsp.Tests.Client;

/// <summary>
/// The VS Code extension contributes the settings a user sees; the engine reads them. These tests
/// keep the two in agreement: every contributed key is one the engine reads or one the server
/// knows to be client-only, and every key the engine reads is offered by the extension.
/// </summary>
public sealed class ExtensionSettingsAgreementTests
{
    private const string Section = "readiness";

    private static readonly Lazy<JsonDocument> Manifest = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "client-vscode", "package.json"))));

    private static JsonElement Properties =>
        Manifest.Value.RootElement.GetProperty("contributes").GetProperty("configuration").GetProperty("properties");

    /// <summary>The first segment after <c>readiness.</c>: <c>readiness.trace.server</c> → <c>trace</c>.</summary>
    private static HashSet<string> ContributedTopKeys() =>
        Properties.EnumerateObject()
            .Select(p => p.Name)
            .Where(n => n.StartsWith(Section + ".", StringComparison.Ordinal))
            .Select(n => n[(Section.Length + 1)..].Split('.')[0])
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_engine_key_is_contributed_by_the_extension()
    {
        var contributed = ContributedTopKeys();
        var missing = SettingsReader.EngineKeys.Where(k => !contributed.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"client-vscode/package.json lacks readiness.{string.Join(", readiness.", missing)}");
    }

    [Fact]
    public void Every_contributed_key_is_read_by_the_engine_or_known_to_be_client_only()
    {
        var known = SettingsReader.EngineKeys.Concat(SettingsReader.ClientOnlyKeys).ToHashSet(StringComparer.Ordinal);
        var unknown = ContributedTopKeys().Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"the server does not know readiness.{string.Join(", readiness.", unknown)}");
    }

    [Fact]
    public void Every_client_only_key_is_contributed()
    {
        var contributed = ContributedTopKeys();
        Assert.All(SettingsReader.ClientOnlyKeys, k => Assert.Contains(k, contributed));
    }

    [Fact]
    public void Every_contributed_key_lives_in_the_readiness_section()
    {
        Assert.All(Properties.EnumerateObject(), p => Assert.StartsWith(Section + ".", p.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_levels_offered_by_the_extension_are_accepted_by_the_engine()
    {
        var levels = Properties.GetProperty("readiness.rules").GetProperty("patternProperties")
            .EnumerateObject().Single().Value.GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.NotEmpty(levels);
        Assert.All(levels, level => RuleSetting.Parse(level));
        Assert.Contains("off", levels);
        Assert.Contains("default", levels);
        Assert.All(SeverityNames.All, severity => Assert.Contains(severity, levels));
    }

    [Fact]
    public void Settings_shaped_like_the_extensions_initialization_options_parse_without_problems()
    {
        // What client-vscode/src/settings.ts sends as initializationOptions and didChangeConfiguration.
        var json = """{ "enable": true, "rules": { "RDY2001": "error", "RDY2002": "off" }, "exclude": ["tests/**"] }""";
        var (settings, problems) = SettingsReader.Parse(json, "initializationOptions");
        Assert.Empty(problems);
        Assert.True(settings.Rules["RDY2002"].Off);
        Assert.Equal(["tests/**"], settings.Exclude);
    }

    [Fact]
    public void The_whole_readiness_section_as_vscode_sends_it_parses_without_problems()
    {
        // workspace/configuration returns the full section, client-only keys included.
        var json = """{ "enable": true, "rules": {}, "exclude": [], "trace": { "server": "off" }, "server": { "path": "" }, "dotnetPath": "" }""";
        var (_, problems) = SettingsReader.Parse(json, "workspace/configuration");
        Assert.Empty(problems);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReadinessLsp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ReadinessLsp.sln not found above {AppContext.BaseDirectory}");
    }
}
