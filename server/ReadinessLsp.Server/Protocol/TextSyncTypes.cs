namespace ReadinessLsp.Server.Protocol;

internal enum TextDocumentSyncKind
{
    None = 0,
    Full = 1,
    Incremental = 2,
}

internal sealed record TextDocumentSyncOptions(bool OpenClose, TextDocumentSyncKind Change, SaveOptions Save);

internal sealed record SaveOptions(bool IncludeText);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>With a range: replace that range. Without: the whole new text.</summary>
internal sealed record TextDocumentContentChangeEvent(Range? Range, int? RangeLength, string Text);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

internal sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);
