namespace ReadinessLsp.Engine.Workspace;

/// <summary>What a workspace file is to the engine; decides which parsers and detectors see it.</summary>
internal enum FileKind
{
    Other,
    CSharp,
    AppSettings,
    EnvFile,
    LaunchSettings,
    GitIgnore,
    ProjectFile,
    WorkspaceSettings,
    ComposeFile,
    Solution,
    PackageJson,

    /// <summary>A git index, shown to the engine as the list of paths it tracks (never found by a scan: see <c>GitRepository</c>).</summary>
    GitIndex,
}
