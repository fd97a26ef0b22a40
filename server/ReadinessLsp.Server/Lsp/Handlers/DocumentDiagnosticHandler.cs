using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Pull diagnostics: the findings of the document's newest text, or "unchanged" when the client has them.</summary>
internal sealed class DocumentDiagnosticHandler(ServerContext context) : LspRequestHandler<DocumentDiagnosticParams, DocumentDiagnosticReport>
{
    public override string Method => "textDocument/diagnostic";

    public override Task<DocumentDiagnosticReport> HandleAsync(DocumentDiagnosticParams request, CancellationToken cancellationToken) =>
        DocumentUri.ToPath(request.TextDocument.Uri) is { } path
            ? context.Pipeline.PullAsync(path, request.PreviousResultId, cancellationToken)
            : Task.FromResult(new DocumentDiagnosticReport(DocumentDiagnosticReportKind.Full, null, []));
}
