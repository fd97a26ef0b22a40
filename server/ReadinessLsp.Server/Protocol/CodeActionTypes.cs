using System.Text.Json;

namespace ReadinessLsp.Server.Protocol;

internal static class CodeActionKind
{
    public const string QuickFix = "quickfix";
    public const string Source = "source";
    public const string SourceFixAll = "source.fixAll";
    public const string SourceFixAllReadiness = "source.fixAll.readiness";
}

internal sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds, bool ResolveProvider);

/// <summary>
/// The client's diagnostics stay raw: they include other servers' (with integer codes, no
/// source...), and the server finds its own findings by range, not from this list.
/// </summary>
internal sealed record CodeActionContext(IReadOnlyList<JsonElement>? Diagnostics, IReadOnlyList<string>? Only, int? TriggerKind);

internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

internal sealed record CodeAction(
    string Title,
    string Kind,
    IReadOnlyList<Diagnostic>? Diagnostics,
    bool? IsPreferred,
    WorkspaceEdit Edit);
