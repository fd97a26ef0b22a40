using System.Text.Json;

namespace ReadinessLsp.Server.Protocol;

/// <summary>
/// Either <see cref="DocumentChanges"/> (versioned edits and file creations, when the client
/// supports them) or <see cref="Changes"/> (plain edits by URI).
/// </summary>
internal sealed record WorkspaceEdit(
    IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes,
    IReadOnlyList<object>? DocumentChanges);

internal sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextEdit> Edits);

internal sealed record CreateFile(string Kind, string Uri, CreateFileOptions? Options)
{
    public static CreateFile For(string uri) => new("create", uri, new CreateFileOptions(false, true));
}

internal sealed record CreateFileOptions(bool Overwrite, bool IgnoreIfExists);

internal enum FileChangeType
{
    Created = 1,
    Changed = 2,
    Deleted = 3,
}

internal sealed record FileEvent(string Uri, FileChangeType Type);

internal sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

internal sealed record FileSystemWatcher(string GlobPattern, int? Kind);

internal sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileSystemWatcher> Watchers);

internal sealed record Registration(string Id, string Method, object? RegisterOptions);

internal sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

internal sealed record DidChangeConfigurationParams(JsonElement? Settings);

internal sealed record ConfigurationItem(string? ScopeUri, string? Section);

internal sealed record ConfigurationParams(IReadOnlyList<ConfigurationItem> Items);

internal sealed record ExecuteCommandOptions(IReadOnlyList<string> Commands);

internal sealed record ExecuteCommandParams(string Command, IReadOnlyList<JsonElement>? Arguments);

/// <summary>The answer to <c>readiness.server.report</c>: the page, and how many findings it shows.</summary>
internal sealed record ReportResult(string Html, int Findings);

internal sealed record WorkspaceFoldersChangeEvent(IReadOnlyList<WorkspaceFolder> Added, IReadOnlyList<WorkspaceFolder> Removed);

internal sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);
