using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Pull diagnostics: the findings of the document's newest text, or "unchanged" when the client has them.</summary>
internal sealed class DocumentDiagnosticHandler(ServerContext context) : LspRequestHandler<DocumentDiagnosticParams, DocumentDiagnosticReport>
{
    public override string Method => "textDocument/diagnostic";

    public override async Task<DocumentDiagnosticReport> HandleAsync(DocumentDiagnosticParams request, CancellationToken cancellationToken)
    {
        if (DocumentUri.ToPath(request.TextDocument.Uri) is not { } path)
        {
            return new DocumentDiagnosticReport(DocumentDiagnosticReportKind.Full, null, []);
        }

        var view = await context.Scheduler.FreshAsync(path, cancellationToken);
        return context.Publisher.Pull(view.State, path, view.Document?.Version, request.PreviousResultId);
    }
}
