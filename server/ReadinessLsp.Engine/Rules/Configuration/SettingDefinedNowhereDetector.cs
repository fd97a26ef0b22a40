using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2150: code reads a setting that no appsettings, .env or launchSettings file defines and
/// supplies no default, so Production starts with null. Silent when the workspace defines no
/// settings at all, loads configuration from a source it cannot see (Key Vault, an Aspire host),
/// and for platform variables. Test code is out of scope, as for every rule.
/// </summary>
internal sealed class SettingDefinedNowhereDetector : ICSharpDetector, IDeferredResolver<SettingDefinedNowhereDetector.UndefinedRead>
{
    public string RuleId => "RDY2150";

    public IReadOnlyCollection<SyntaxKind> NodeKinds => ConfigReadFinder.NodeKinds;

    public IReadOnlyCollection<string>? RequiredWords => ConfigReadFinder.RequiredWords;

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(ConfigKeyIndex)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var site = ConfigReadFinder.Find(node);
        if (site is null || site.HasDefault || PlatformKeys.IsPlatform(site.Key))
        {
            return;
        }

        var key = site.Key;
        var kind = site.Kind;
        // Two quick fixes, appsettings.json first: an environment variable read has only the template.
        Fix[] fixes = kind == ConfigReadKind.EnvironmentVariable
            ? [Fix.Late(null, new AddEnvTemplateName(context.Path, key, FromCode: true))]
            : [Fix.Late(null, new AddAppSettingsKey(context.Path, key, kind == ConfigReadKind.Section)), Fix.Late(null, new AddEnvTemplateName(context.Path, key, FromCode: true))];
        context.Defer(
            this,
            site.LiteralSpan,
            new UndefinedRead(key, kind),
            new Dictionary<string, string>
            {
                ["key"] = key,
                ["variable"] = Config.Env.EnvNames.FromConfigKey(key),
                ["what"] = kind switch { ConfigReadKind.Section => "section", ConfigReadKind.EnvironmentVariable => "environment variable", _ => "setting" },
            },
            fixes);
    }

    public Detection? Resolve(Detection candidate, UndefinedRead data, WorkspaceModels models)
    {
        var index = models.Get<ConfigKeyIndex>();
        return !index.HasAnyDefinitions || index.ExternalSources.Count > 0 || index.IsDefined(data.Key, data.Kind) ? null : candidate;
    }

    internal sealed record UndefinedRead(string Key, ConfigReadKind Kind);
}
