using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Infrastructure;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// Sends a state's findings to the client: <c>publishDiagnostics</c> for files whose findings
/// changed (with the document's version for open files), or, for clients that pull, a
/// <c>workspace/diagnostic/refresh</c> when an open document's findings changed because of another
/// file. Never publishes for an open document whose newer text is still being analysed.
/// </summary>
internal sealed class DiagnosticsPublisher(ClientState state, ClientChannel client, DocumentStore documents)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _pushed = new(PathNormalizer.Comparer);
    private readonly Dictionary<string, string> _pulled = new(PathNormalizer.Comparer);

    /// <summary>Whether open documents get their diagnostics by pull (textDocument/diagnostic) rather than push.</summary>
    public bool PullMode { get; set; }

    /// <summary>Files that have diagnostics showing in the client.</summary>
    public IReadOnlyList<string> PublishedPaths
    {
        get
        {
            lock (_gate)
            {
                return [.. _pushed.Where(p => p.Value.Length > 0).Select(p => p.Key)];
            }
        }
    }

    /// <summary>
    /// Publishes <paramref name="targets"/> from <paramref name="workspace"/>. Files in
    /// <paramref name="fresh"/> were just analysed from the editor's text and are always sent, so the
    /// client sees its newest version acknowledged even when nothing changed.
    /// </summary>
    public async Task PublishAsync(WorkspaceState workspace, IReadOnlySet<string> targets, IReadOnlySet<string> fresh)
    {
        var refresh = false;
        foreach (var path in targets)
        {
            var open = documents.TryGet(path);
            var analysis = workspace.File(path);
            if (analysis is null)
            {
                if (Forget(path))
                {
                    await client.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(UriOf(path), null, []));
                }

                continue;
            }

            if (open is not null && open.Version != analysis.Version)
            {
                continue; // Newer text is being analysed; it will publish.
            }

            var findings = workspace.FindingsOf(path);
            var signature = FindingConverter.Signature(findings);
            if (open is not null && PullMode)
            {
                if (Forget(path))
                {
                    await client.NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(open.Uri, null, []));
                }

                refresh |= !fresh.Contains(path) && PulledDiffers(path, signature);
                continue;
            }

            if (!Remember(path, signature) && !fresh.Contains(path))
            {
                continue;
            }

            await client.NotifyAsync(
                "textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(open?.Uri ?? DocumentUri.FromPath(path), open?.Version, [.. findings.Select(ToDiagnostic)]));
        }

        if (refresh && state.SupportsDiagnosticRefresh)
        {
            _ = client.RequestAsync<object>("workspace/diagnostic/refresh", new { });
        }
    }

    /// <summary>Answers a pull request for a document from <paramref name="workspace"/>.</summary>
    public DocumentDiagnosticReport Pull(WorkspaceState workspace, string path, int? version, string? previousResultId)
    {
        var findings = workspace.FindingsOf(path);
        var signature = FindingConverter.Signature(findings);
        var resultId = $"{version}:{(uint)StringComparer.Ordinal.GetHashCode(signature):x8}";
        lock (_gate)
        {
            _pulled[path] = signature;
        }

        return previousResultId == resultId
            ? new DocumentDiagnosticReport(DocumentDiagnosticReportKind.Unchanged, resultId, null)
            : new DocumentDiagnosticReport(DocumentDiagnosticReportKind.Full, resultId, [.. findings.Select(ToDiagnostic)]);
    }

    public Diagnostic ToDiagnostic(Finding finding) =>
        FindingConverter.ToDiagnostic(finding, UriOf, state.SupportsRelatedInformation);

    /// <summary>The URI the client uses for a path: its own spelling for open documents.</summary>
    public string UriOf(string path) => documents.TryGet(path)?.Uri ?? DocumentUri.FromPath(path);

    // True when the signature differs from what the client shows (and records it).
    private bool Remember(string path, string signature)
    {
        lock (_gate)
        {
            var changed = _pushed.GetValueOrDefault(path) != signature && !(signature.Length == 0 && !_pushed.ContainsKey(path));
            _pushed[path] = signature;
            return changed;
        }
    }

    // True when the client showed diagnostics for the file, which must now be cleared.
    private bool Forget(string path)
    {
        lock (_gate)
        {
            return _pushed.Remove(path, out var previous) && previous.Length > 0;
        }
    }

    private bool PulledDiffers(string path, string signature)
    {
        lock (_gate)
        {
            return _pulled.TryGetValue(path, out var pulled) && pulled != signature;
        }
    }
}
