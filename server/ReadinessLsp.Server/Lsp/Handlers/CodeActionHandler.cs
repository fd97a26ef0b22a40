using System.Text.Json;
using ReadinessLsp.Server.Lsp.CodeActions;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>
/// Quick fixes and "suppress" for the findings in the requested range, and the file's fix-all
/// source action; <c>context.only</c> narrows the kinds returned.
/// </summary>
internal sealed class CodeActionHandler(ServerContext context) : LspRequestHandler<CodeActionParams, IReadOnlyList<CodeAction>>
{
    public override string Method => "textDocument/codeAction";

    public override async Task<IReadOnlyList<CodeAction>> HandleAsync(CodeActionParams request, CancellationToken cancellationToken)
    {
        if (DocumentUri.ToPath(request.TextDocument.Uri) is not { } path)
        {
            return [];
        }

        var view = await context.Scheduler.FreshAsync(path, cancellationToken);
        if (view.Analysis is null)
        {
            return [];
        }

        var only = request.Context?.Only;
        var builder = new CodeActionBuilder(context, view);
        var actions = new List<CodeAction>();
        if (Wanted(CodeActionKind.QuickFix, only))
        {
            // A diagnostic the client sends back carries its finding's fingerprint: match on it, so
            // two findings on one range each get their own fixes. Without one, the range decides.
            var range = TextPositions.ToSpan(request.Range);
            var asked = (request.Context?.Diagnostics ?? []).Select(FingerprintOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
            asked.IntersectWith(view.Findings.Select(f => f.Fingerprint));
            foreach (var finding in view.Findings.Where(f => asked.Count > 0 ? asked.Contains(f.Fingerprint) : TextPositions.Intersects(f.Range, range)))
            {
                actions.AddRange(builder.QuickFixes(finding));
            }
        }

        if (Wanted(CodeActionKind.SourceFixAllReadiness, only) && builder.FixAll() is { } fixAll)
        {
            actions.Add(fixAll);
        }

        return actions;
    }

    // The client's diagnostics arrive raw (other servers' among them): only ours carry data.fingerprint.
    private static string? FingerprintOf(JsonElement diagnostic) =>
        diagnostic.ValueKind == JsonValueKind.Object &&
        diagnostic.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object &&
        data.TryGetProperty("fingerprint", out var fingerprint) && fingerprint.ValueKind == JsonValueKind.String
            ? fingerprint.GetString()
            : null;

    /// <summary>A kind is wanted when no filter is given, or a filter names it or one of its parents.</summary>
    public static bool Wanted(string kind, IReadOnlyList<string>? only) =>
        only is null || only.Count == 0 ||
        only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));
}
