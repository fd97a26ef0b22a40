using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Projects;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// The other half of RDY2150: when an app's settings file is kept out of the repository (a
/// .gitignore excludes <c>appsettings.json</c>), "defined nowhere" cannot be known for the keys its
/// code reads, so instead of a finding per key the workspace gets one note per settings file naming
/// the keys that could not be checked.
/// </summary>
internal static class UncheckedSettings
{
    private const int MaxKeys = 12;

    public static IReadOnlyList<WorkspaceNote> Notes(WorkspaceState state)
    {
        var models = state.Models;
        if (!state.Engine.Catalogue.TryGet("RDY2150", out _))
        {
            return [];
        }

        var index = models.Get<ConfigKeyIndex>();
        if (!index.HasAnyDefinitions || index.ExternalSources.Count > 0)
        {
            return [];
        }

        var projects = models.Get<ProjectIndex>();
        var files = models.Get<AppSettingsFiles>();
        var byFile = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in state.Files.Values)
        {
            var root = state.RootOf(file.Path);
            if (root is null || root.Settings.SeverityOf(state.Engine.Catalogue["RDY2150"]) is null || projects.ScopeOf(file.Path) != CodeScopes.Production)
            {
                continue;
            }

            foreach (var deferred in file.Deferred)
            {
                if (deferred.Data is SettingDefinedNowhereDetector.UndefinedRead read && !index.IsDefinedOutsideDevelopment(read.Key) &&
                    read.Kind != ConfigReadKind.EnvironmentVariable && files.BaseFileFor(read.Path) is { } settings && files.IsOutsideRepository(settings))
                {
                    if (!byFile.TryGetValue(settings, out var keys))
                    {
                        byFile[settings] = keys = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
                    }

                    keys.Add(read.Key);
                }
            }
        }

        return [.. byFile.Select(u => new WorkspaceNote(u.Key, Message(state.RelativePath(u.Key), u.Value)))];
    }

    private static string Message(string settings, IReadOnlyCollection<string> keys)
    {
        var names = string.Join(", ", keys.Take(MaxKeys)) + (keys.Count > MaxKeys ? $" and {keys.Count - MaxKeys} more" : string.Empty);
        var count = keys.Count == 1 ? "1 setting" : $"{keys.Count} settings";
        return $"{settings} is kept out of the repository (.gitignore), so whether {count} the code reads without a default exist in production could not be checked: {names}. " +
            "Make sure every server supplies them (environment variables or a secret store).";
    }
}
