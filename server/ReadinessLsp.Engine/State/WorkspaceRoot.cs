using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.State;

/// <summary>
/// One workspace folder and the settings in effect for the files under it: its own
/// <c>readiness.json</c>, overlaid by whatever the face adds (the CLI's options, the editor's settings).
/// </summary>
internal sealed record WorkspaceRoot(string Path, ReadinessSettings Settings)
{
    /// <summary>A root with its <c>readiness.json</c> read, and the problems found reading it.</summary>
    public static (WorkspaceRoot Root, IReadOnlyList<string> Problems) Load(string path, ReadinessSettings? overlay = null)
    {
        var normalized = PathNormalizer.Normalize(path);
        var (settings, problems) = SettingsReader.ReadWorkspaceFile(normalized);
        return (new WorkspaceRoot(normalized, settings.Overlay(overlay)), problems);
    }
}
