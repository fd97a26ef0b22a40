using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Workspace;
using ReadinessLsp.Server.Protocol;
using ReadinessLsp.Server.Report;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>
/// <c>readiness.server.rescan</c>: reads every workspace file again (after a branch switch the
/// watchers missed). <c>readiness.server.report</c>: the readiness report of the workspace as it is
/// now (open documents' unsaved text included), as the HTML page <c>check --format html</c> writes,
/// with locations an editor can open.
/// </summary>
internal sealed class ExecuteCommandHandler(ServerContext context) : LspRequestHandler<ExecuteCommandParams, object?>
{
    public override string Method => "workspace/executeCommand";

    public override async Task<object?> HandleAsync(ExecuteCommandParams request, CancellationToken cancellationToken)
    {
        switch (request.Command)
        {
            case InitializeHandler.RescanCommand:
                _ = context.Scan.Start();
                return null;
            case InitializeHandler.ReportCommand:
                // A report of half a scan would say "ready" too early: wait for the running one.
                await context.Scan.Current.WaitAsync(cancellationToken);
                var state = context.Workspace.Current;
                var scan = context.Scan.LastScan;
                var input = ReportInput.FromState(state, scan?.Skipped ?? [], scan?.Elapsed, new EditorTextSource(context.Documents));
                return new ReportResult(HtmlReportWriter.Render(input, context.Engine.Catalogue, DateTimeOffset.UtcNow), input.Findings.Count);
            default:
                throw new LocalRpcException($"Unknown command '{request.Command}'") { ErrorCode = LspErrorCodes.InvalidParams };
        }
    }
}
