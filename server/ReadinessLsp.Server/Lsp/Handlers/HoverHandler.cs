using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>
/// On a finding's range: what will happen in production, why, how to fix it, and the rule's docs; on a configuration key: where
/// it is defined and read; on an endpoint: who can call it and why.
/// </summary>
internal sealed class HoverHandler(ServerContext context) : LspRequestHandler<HoverParams, Hover?>
{
    public override string Method => "textDocument/hover";

    public override async Task<Hover?> HandleAsync(HoverParams request, CancellationToken cancellationToken)
    {
        if (DocumentUri.ToPath(request.TextDocument.Uri) is not { } path)
        {
            return null;
        }

        var view = await context.Scheduler.FreshAsync(path, cancellationToken);
        var position = TextPositions.ToLinePosition(request.Position);
        var findings = view.Findings.Where(f => TextPositions.Contains(f.Range, position)).ToList();

        // A configuration key under the cursor (in code or in a settings file) also tells where it is defined and read.
        var keyMarkdown = ConfigKeyHover.Describe(view.State.Models, path, position);
        var endpointMarkdown = EndpointHover.Describe(view.State.Models, path, position);
        if (findings.Count == 0 && keyMarkdown is null && endpointMarkdown is null)
        {
            return null;
        }

        var markdown = string.Join("\n\n---\n\n", new[] { findings.Count > 0 ? HoverText.Markdown(findings) : null, endpointMarkdown, keyMarkdown }.OfType<string>());
        var contents = context.State.SupportsMarkdownHover
            ? new MarkupContent(MarkupKind.Markdown, markdown)
            : new MarkupContent(MarkupKind.PlainText, HoverText.PlainText(markdown));
        return new Hover(contents, findings.Count > 0 ? TextPositions.ToLsp(findings[0].Range) : null);
    }
}
