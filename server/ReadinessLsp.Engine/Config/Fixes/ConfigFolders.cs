using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>Where a project's configuration files live, for fixes that add to them.</summary>
internal static class ConfigFolders
{
    /// <summary>
    /// The base settings file that code at <paramref name="codePath"/> reads (see <see cref="AppSettingsFiles"/>),
    /// or null when several apps share the code and no single file would do.
    /// </summary>
    public static string? AppSettingsNear(WorkspaceModels models, string codePath) => models.Get<AppSettingsFiles>().BaseFileFor(codePath);
}
