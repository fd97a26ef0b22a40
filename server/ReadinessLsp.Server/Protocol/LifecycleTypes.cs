using System.Text.Json;

namespace ReadinessLsp.Server.Protocol;

internal sealed record InitializeParams(
    int? ProcessId,
    ClientInfo? ClientInfo,
    string? RootPath,
    string? RootUri,
    JsonElement? InitializationOptions,
    ClientCapabilities? Capabilities,
    string? Trace,
    IReadOnlyList<WorkspaceFolder>? WorkspaceFolders);

internal sealed record ClientInfo(string Name, string? Version);

internal sealed record WorkspaceFolder(string Uri, string Name);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

internal sealed record ServerInfo(string Name, string? Version);

internal sealed record InitializedParams;

internal sealed record SetTraceParams(string Value);

internal static class TraceValue
{
    public const string Off = "off";
    public const string Messages = "messages";
    public const string Verbose = "verbose";
}

/// <summary>What the server offers. Only what is really implemented is announced.</summary>
internal sealed record ServerCapabilities(
    string PositionEncoding,
    TextDocumentSyncOptions TextDocumentSync,
    bool HoverProvider,
    CodeActionOptions CodeActionProvider,
    ExecuteCommandOptions ExecuteCommandProvider,
    DiagnosticOptions? DiagnosticProvider,
    WorkspaceServerCapabilities Workspace);

internal sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities WorkspaceFolders);

internal sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

// Client capabilities: only the parts the server reads. Unknown members are ignored on input.

internal sealed record ClientCapabilities(
    WorkspaceClientCapabilities? Workspace,
    TextDocumentClientCapabilities? TextDocument,
    WindowClientCapabilities? Window,
    GeneralClientCapabilities? General);

internal sealed record GeneralClientCapabilities(IReadOnlyList<string>? PositionEncodings);

internal sealed record WorkspaceClientCapabilities(
    bool? Configuration,
    bool? WorkspaceFolders,
    WorkspaceEditClientCapabilities? WorkspaceEdit,
    DynamicRegistrationCapability? DidChangeWatchedFiles,
    DynamicRegistrationCapability? DidChangeConfiguration,
    RefreshCapability? Diagnostics);

internal sealed record WorkspaceEditClientCapabilities(bool? DocumentChanges, IReadOnlyList<string>? ResourceOperations);

internal sealed record DynamicRegistrationCapability(bool? DynamicRegistration);

internal sealed record RefreshCapability(bool? RefreshSupport);

internal sealed record TextDocumentClientCapabilities(
    HoverClientCapabilities? Hover,
    PublishDiagnosticsClientCapabilities? PublishDiagnostics,
    DynamicRegistrationCapability? Diagnostic,
    CodeActionClientCapabilities? CodeAction);

internal sealed record HoverClientCapabilities(IReadOnlyList<string>? ContentFormat);

internal sealed record PublishDiagnosticsClientCapabilities(bool? RelatedInformation, bool? VersionSupport, bool? CodeDescriptionSupport);

internal sealed record CodeActionClientCapabilities(JsonElement? CodeActionLiteralSupport, bool? IsPreferredSupport);

internal sealed record WindowClientCapabilities(bool? WorkDoneProgress);
