using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Conversion;

/// <summary>The one place a finding becomes an LSP diagnostic, so every path shows it the same way.</summary>
internal static class FindingConverter
{
    public const string Source = "readiness";

    public static Diagnostic ToDiagnostic(Finding finding, Func<string, string> uriOf, bool relatedInformation) =>
        new(
            TextPositions.ToLsp(finding.Range),
            ToLsp(finding.Severity),
            finding.RuleId,
            new CodeDescription(finding.Rule.HelpUri),
            Source,
            finding.Message,
            relatedInformation && finding.Related.Count > 0
                ? [.. finding.Related.Select(r => new DiagnosticRelatedInformation(new Location(uriOf(r.Path), TextPositions.ToLsp(r.Range)), r.Message))]
                : null,
            new DiagnosticData(finding.Fingerprint));

    public static DiagnosticSeverity ToLsp(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        Severity.Info => DiagnosticSeverity.Information,
        _ => DiagnosticSeverity.Hint,
    };

    /// <summary>What identifies a published set: equal signatures need no republish.</summary>
    public static string Signature(IReadOnlyList<Finding> findings) =>
        string.Join('\n', findings.Select(f => $"{f.RuleId}|{f.Range}|{f.Severity}|{f.Message}|{f.Fingerprint}|{f.Related.Count}|{f.Fixes.Count}"));
}
