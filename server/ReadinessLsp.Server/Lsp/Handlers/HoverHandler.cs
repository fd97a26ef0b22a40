using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>On a finding's range: what will happen in production, why, how to fix it, and the rule's docs.</summary>
internal sealed class HoverHandler(ServerContext context) : LspRequestHandler<HoverParams, Hover?>
{
    public override string Method => "textDocument/hover";

    public override async Task<Hover?> HandleAsync(HoverParams request, CancellationToken cancellationToken)
    {
        if (DocumentUri.ToPath(request.TextDocument.Uri) is not { } path)
        {
            return null;
        }

        var (_, file) = await context.Pipeline.FreshAsync(path, cancellationToken);
        var position = TextPositions.ToLinePosition(request.Position);
        var findings = (file?.Findings ?? []).Where(f => TextPositions.Contains(f.Range, position)).ToList();
        if (findings.Count == 0)
        {
            return null;
        }

        var markdown = HoverText.Markdown(findings);
        var contents = context.State.SupportsMarkdownHover
            ? new MarkupContent(MarkupKind.Markdown, markdown)
            : new MarkupContent(MarkupKind.PlainText, HoverText.PlainText(markdown));
        return new Hover(contents, TextPositions.ToLsp(findings[0].Range));
    }
}
