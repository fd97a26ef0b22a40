using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Facts;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Keys;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2150: code reads a setting that no appsettings, .env or launchSettings file defines and
/// supplies no default, so Production starts with null. Silent when the workspace defines no
/// settings at all, loads configuration from a source it cannot see (Key Vault, an Aspire host),
/// for platform variables, and in test projects.
/// </summary>
internal sealed class SettingDefinedNowhereDetector : ICSharpDetector
{
    public string RuleId => "RDY2150";

    public IReadOnlyCollection<SyntaxKind> NodeKinds => ConfigReadFinder.NodeKinds;

    public IReadOnlyCollection<string>? RequiredWords => ConfigReadFinder.RequiredWords;

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var site = ConfigReadFinder.Find(node);
        if (site is null || site.HasDefault || PlatformKeys.IsPlatform(site.Key))
        {
            return;
        }

        var key = site.Key;
        var kind = site.Kind;
        var path = context.Path;
        context.ReportPending(
            site.LiteralSpan,
            (facts, candidate) =>
            {
                var index = facts.Index(ConfigKeyIndex.Build);
                if (IsTestCode(facts.Index(GitIgnoreIndex.Build).RootOf(path), path) || !index.HasAnyDefinitions || index.ExternalSources.Count > 0 || index.IsDefined(key, kind))
                {
                    return null;
                }

                // Two quick fixes, appsettings.json first: an environment variable read has only the template.
                var near = NearestSettingsFolderFile(facts, path);
                var settings = kind == ConfigReadKind.EnvironmentVariable ? null : AppSettingsKeyFix.Add(facts, near, key, kind == ConfigReadKind.Section);
                var edits = EnvTemplateFix.AddName(facts, near, key);
                var template = edits.Count == 0 ? null : new Fix($"Add {Config.Env.EnvNames.FromConfigKey(key)} to .env.example", edits);
                Fix[] fixes = [.. new[] { settings, template }.OfType<Fix>()];
                return fixes.Length == 0 ? candidate : candidate with { Fixes = fixes };
            },
            new Dictionary<string, string>
            {
                ["key"] = key,
                ["variable"] = Config.Env.EnvNames.FromConfigKey(key),
                ["what"] = kind switch { ConfigReadKind.Section => "section", ConfigReadKind.EnvironmentVariable => "environment variable", _ => "setting" },
            });
    }

    // The template belongs next to the project's settings: the nearest folder above the code with an appsettings file.
    private static string NearestSettingsFolderFile(WorkspaceFacts facts, string codePath)
    {
        var folder = facts.All<ConfigDefinition>()
            .Where(d => d.Source == ConfigSourceKind.AppSettings)
            .Select(d => System.IO.Path.GetDirectoryName(d.Path)!)
            .Where(f => GitIgnoreIndex.IsAncestor(f, codePath))
            .OrderByDescending(f => f.Length)
            .FirstOrDefault();
        return folder is null ? codePath : System.IO.Path.Combine(folder, "appsettings.json");
    }

    // Tests set up their own configuration; only folders inside the workspace count ("/tmp/x-tests/" does not).
    private static bool IsTestCode(string root, string path) =>
        Workspace.PathNormalizer.Relative(root, path).Split('/').SkipLast(1).Any(s =>
            s.EndsWith("Tests", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".Test", StringComparison.OrdinalIgnoreCase) ||
            s.Equals("test", StringComparison.OrdinalIgnoreCase));
}
