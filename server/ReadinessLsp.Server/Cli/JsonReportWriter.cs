using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Server.Cli;

/// <summary>
/// Machine output for scripts: every finding with its rule, 1-based position, 0-based LSP range,
/// fingerprint and fixes. The output says which numbers count from 1 and which from 0 in its own
/// <c>positions</c> object, so a reader needs no documentation to use it. The shape is documented in
/// the README and stable within a major version.
/// </summary>
internal static class JsonReportWriter
{
    public static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(CheckReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("tool", "readiness");
            json.WriteString("version", ToolInfo.Version);
            json.WriteNumber("filesAnalyzed", report.Run.FilesAnalyzed);
            WritePositionsLegend(json);
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                WriteFinding(json, report, finding);
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var skipped in report.Run.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("path", report.RelativePath(skipped.Path));
                json.WriteString("reason", skipped.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in report.Run.Notes)
            {
                json.WriteStartObject();
                json.WriteString("path", report.RelativePath(note.Path));
                json.WriteString("message", note.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    private static void WriteFinding(Utf8JsonWriter json, CheckReport report, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("title", finding.Rule.Title);
        json.WriteString("severity", finding.Severity.Name());
        json.WriteString("category", finding.Rule.Category);
        json.WriteString("message", finding.Message);
        if (report.MultiRoot)
        {
            // With several folders, a relative path alone would not say which folder's Program.cs it is.
            json.WriteString("root", report.RootAsGiven(report.RootIndexOf(finding.Path)));
        }

        json.WriteString("path", report.RelativePath(finding.Path));
        json.WriteNumber("line", finding.Range.Start.Line + 1);
        json.WriteNumber("column", finding.Range.Start.Character + 1);
        WriteRange(json, "range", finding.Range);
        json.WriteString("fingerprint", finding.Fingerprint);
        json.WriteString("helpUri", finding.Rule.HelpUri);
        json.WriteStartArray("fixes");
        foreach (var fix in report.FixesOf(finding))
        {
            json.WriteStartObject();
            json.WriteString("title", finding.FixTitle(fix));
            json.WriteStartArray("edits");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                json.WriteString("path", report.RelativePath(edit.Path));
                WriteRange(json, "range", edit.Range);
                json.WriteString("newText", edit.NewText);
                if (edit.CreateFile)
                {
                    json.WriteBoolean("createFile", true);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("related");
        foreach (var related in finding.Related)
        {
            json.WriteStartObject();
            json.WriteString("path", report.RelativePath(related.Path));
            WriteRange(json, "range", related.Range);
            json.WriteString("message", related.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // `line`/`column` are for people (editors show them from 1); `range` is for tools (LSP counts from 0).
    private static void WritePositionsLegend(Utf8JsonWriter json)
    {
        json.WriteStartObject("positions");
        json.WriteString("line", "1-based: the first line of a file is 1");
        json.WriteString("column", "1-based, in UTF-16 code units: the first character of a line is 1");
        json.WriteString("range", "0-based, as the Language Server Protocol counts: { start: { line, character }, end: { line, character } }, the first line and character are 0; end is exclusive");
        json.WriteEndObject();
    }

    /// <summary>A 0-based range in LSP's shape: <c>{ start: { line, character }, end: { ... } }</c>.</summary>
    private static void WriteRange(Utf8JsonWriter json, string name, LinePositionSpan range)
    {
        json.WriteStartObject(name);
        WritePosition(json, "start", range.Start);
        WritePosition(json, "end", range.End);
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, string name, LinePosition position)
    {
        json.WriteStartObject(name);
        json.WriteNumber("line", position.Line);
        json.WriteNumber("character", position.Character);
        json.WriteEndObject();
    }
}
