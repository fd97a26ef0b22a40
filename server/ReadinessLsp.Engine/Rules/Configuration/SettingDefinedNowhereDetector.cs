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
/// keeps the app's settings file out of the repository (<see cref="UncheckedSettings"/> says so once),
/// and for platform variables. Test code is out of scope, as for every rule.
/// </summary>
internal sealed class SettingDefinedNowhereDetector : ICSharpDetector, IDeferredResolver<SettingDefinedNowhereDetector.UndefinedRead>
{
    public string RuleId => "RDY2150";

    public IReadOnlyCollection<SyntaxKind> NodeKinds => ConfigReadFinder.NodeKinds;

    public IReadOnlyCollection<string>? RequiredWords => ConfigReadFinder.RequiredWords;

    public IReadOnlyCollection<string>? Anchors => ConfigReadFinder.Anchors;

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(ConfigKeyIndex), typeof(AppSettingsFiles)];

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
            : [Fix.Late(null, new AddAppSettingsKey(context.Path, key, site.Shape)), Fix.Late(null, new AddEnvTemplateName(context.Path, key, FromCode: true))];
        var primary = kind == ConfigReadKind.EnvironmentVariable ? PrimaryOf(node) : null;
        context.Defer(
            this,
            site.LiteralSpan,
            new UndefinedRead(context.Path, key, kind) { Primary = primary?.Key, PrimaryKind = primary?.Kind ?? kind },
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
        if (!index.HasAnyDefinitions || index.ExternalSources.Count > 0 || index.IsDefined(data.Key, data.Kind) ||
            (data.Primary is { } primary && index.IsDefined(primary, data.PrimaryKind)))
        {
            return null;
        }

        // Startup code stops with the key's name when it is missing (`?? throw`): no customer ever meets the null.
        if (index.ReadsOf(data.Key).Any(r => r.FailsFastAtStartup))
        {
            return null;
        }

        // The app's settings file is gitignored: the key may well be there. Said once, as a note, not per key.
        return IsCheckable(models, data.Path, data.Kind) ? candidate : null;
    }

    /// <summary>Whether a read can be checked against the settings this workspace holds: false when the app's own settings file is kept out of the repository.</summary>
    public static bool IsCheckable(WorkspaceModels models, string codePath, ConfigReadKind kind)
    {
        var files = models.Get<AppSettingsFiles>();
        if (kind == ConfigReadKind.EnvironmentVariable)
        {
            return true;
        }

        return !files.LoadsUnseenSettings(codePath) && (files.BaseFileFor(codePath) is not { } settings || !files.IsOutsideRepository(settings));
    }

    // `config.GetConnectionString("Db") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Db")`:
    // the variable is only read when the setting before it is missing, so a defined setting is enough.
    private static ConfigReadSite? PrimaryOf(SyntaxNode read)
    {
        var node = read;
        while (node.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.PostfixUnaryExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node.Parent is not Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce || coalesce.Right != node)
        {
            return null;
        }

        var left = coalesce.Left;
        while (left is Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax { Expression: var inner })
        {
            left = inner;
        }

        return ConfigReadFinder.Find(left);
    }

    /// <summary>A read no settings file defines; <see cref="Primary"/> is the setting it is only the fallback of.</summary>
    internal sealed record UndefinedRead(string Path, string Key, ConfigReadKind Kind)
    {
        public string? Primary { get; init; }

        public ConfigReadKind PrimaryKind { get; init; }
    }
}
