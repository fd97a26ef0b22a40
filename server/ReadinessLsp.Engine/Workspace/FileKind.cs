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
}
