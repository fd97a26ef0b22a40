using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>Where a project's configuration files live, for fixes that add to them.</summary>
internal static class ConfigFolders
{
    /// <summary>
    /// The appsettings.json that code at <paramref name="codePath"/> reads: in the nearest folder
    /// above the code that holds an appsettings file, or beside the code when there is none.
    /// </summary>
    public static string AppSettingsNear(WorkspaceModels models, string codePath)
    {
        var folder = models.All<ConfigDefinition>()
            .Where(d => d.Source == ConfigSourceKind.AppSettings)
            .Select(d => Path.GetDirectoryName(d.Path)!)
            .Where(f => PathNormalizer.IsBelow(f, codePath))
            .OrderByDescending(f => f.Length)
            .FirstOrDefault();
        return Path.Combine(folder ?? Path.GetDirectoryName(codePath)!, "appsettings.json");
    }
}
