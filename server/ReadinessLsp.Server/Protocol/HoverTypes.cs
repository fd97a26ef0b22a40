namespace ReadinessLsp.Server.Protocol;

internal sealed record HoverParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record Hover(MarkupContent Contents, Range? Range);
