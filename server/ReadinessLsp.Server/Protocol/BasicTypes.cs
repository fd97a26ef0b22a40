using System.Text.Json.Serialization;

namespace ReadinessLsp.Server.Protocol;

// The LSP 3.17 base structures this server reads or writes. Positions are zero-based lines and
// UTF-16 code-unit columns, the same units Roslyn's LinePosition uses.

internal sealed record Position(int Line, int Character);

internal sealed record Range(Position Start, Position End);

internal sealed record Location(string Uri, Range Range);

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>A document reference whose version is <c>null</c> when the file is not open in the editor.</summary>
internal sealed record OptionalVersionedTextDocumentIdentifier(
    string Uri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version);

internal sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

internal sealed record TextEdit(Range Range, string NewText);

internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record MarkupContent(string Kind, string Value);

internal static class MarkupKind
{
    public const string PlainText = "plaintext";
    public const string Markdown = "markdown";
}

/// <summary>Error codes of JSON-RPC and LSP that this server returns.</summary>
internal static class LspErrorCodes
{
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;
    public const int ContentModified = -32801;
    public const int RequestFailed = -32803;
}
