using System.Text.Json.Serialization;

namespace ReadinessLsp.Server.Protocol;

internal enum DiagnosticSeverity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

internal sealed record CodeDescription(string Href);

internal sealed record DiagnosticRelatedInformation(Location Location, string Message);

internal sealed record Diagnostic(
    Range Range,
    DiagnosticSeverity Severity,
    string Code,
    CodeDescription? CodeDescription,
    string Source,
    string Message,
    IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation,
    DiagnosticData? Data);

/// <summary>Carried in <c>Diagnostic.data</c> so a code action can find its finding again.</summary>
internal sealed record DiagnosticData(string Fingerprint);

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<Diagnostic> Diagnostics);

internal sealed record DiagnosticOptions(string Identifier, bool InterFileDependencies, bool WorkspaceDiagnostics);

internal sealed record DocumentDiagnosticParams(TextDocumentIdentifier TextDocument, string? Identifier, string? PreviousResultId);

internal static class DocumentDiagnosticReportKind
{
    public const string Full = "full";
    public const string Unchanged = "unchanged";
}

/// <summary>A full report carries <see cref="Items"/>; an unchanged one only the result id.</summary>
internal sealed record DocumentDiagnosticReport(
    string Kind,
    string? ResultId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Diagnostic>? Items);
