using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Server.Cli;

/// <summary>
/// SARIF 2.1.0 for CI and GitHub code scanning: every rule's metadata (name, descriptions, help,
/// default level), results with 1-based UTF-16 regions relative to <c>%SRCROOT%</c>, stable
/// partial fingerprints, and fixes as artifact changes.
/// </summary>
internal static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SourceRoot = "%SRCROOT%";
    public const string FingerprintKey = "readinessFingerprint/v1";

    public static void Write(CheckReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonReportWriter.Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, report.Catalogue);
            WriteRoots(json, report);
            json.WriteString("columnKind", "utf16CodeUnits");
            var ruleIndex = report.Catalogue.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                WriteResult(json, report, finding, ruleIndex[finding.RuleId]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static void WriteTool(Utf8JsonWriter json, RuleCatalogue catalogue)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("informationUri", ToolInfo.InformationUri);
        json.WriteString("version", ToolInfo.Version);
        json.WriteString("semanticVersion", ToolInfo.Version);
        json.WriteStartArray("rules");
        foreach (var rule in catalogue.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", PascalCase(rule.Slug));
            WriteMessage(json, "shortDescription", rule.Title);
            WriteMessage(json, "fullDescription", rule.Summary);
            json.WriteStartObject("help");
            json.WriteString("text", HoverText.PlainText(rule.ExampleHoverMarkdown));
            json.WriteString("markdown", rule.ExampleHoverMarkdown);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            if (!rule.EnabledByDefault)
            {
                json.WriteBoolean("enabled", false);
            }

            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue(rule.Category);
            json.WriteStringValue("production-readiness");
            json.WriteEndArray();
            json.WriteString("precision", "high");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // One base per folder checked: %SRCROOT% for the first, %SRCROOT2%, %SRCROOT3%... for the others.
    private static void WriteRoots(Utf8JsonWriter json, CheckReport report)
    {
        json.WriteStartObject("originalUriBaseIds");
        for (var i = 0; i < report.Roots.Count; i++)
        {
            json.WriteStartObject(BaseIdOf(i));
            json.WriteString("uri", new Uri(report.Roots[i].TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string BaseIdOf(int rootIndex) => rootIndex == 0 ? SourceRoot : $"%SRCROOT{rootIndex + 1}%";

    private static void WriteResult(Utf8JsonWriter json, CheckReport report, Finding finding, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        WriteMessage(json, "message", finding.Message);
        json.WriteStartArray("locations");
        WriteLocation(json, report, finding.Path, finding.Range, null);
        json.WriteEndArray();
        if (finding.Related.Count > 0)
        {
            json.WriteStartArray("relatedLocations");
            foreach (var (related, id) in finding.Related.Select((r, i) => (r, i)))
            {
                WriteLocation(json, report, related.Path, related.Range, related.Message, id);
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, finding.Fingerprint);
        json.WriteEndObject();
        var fixes = report.FixesOf(finding);
        if (fixes.Count > 0)
        {
            json.WriteStartArray("fixes");
            foreach (var fix in fixes)
            {
                WriteFix(json, report, finding.FixTitle(fix), fix);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteFix(Utf8JsonWriter json, CheckReport report, string title, Fix fix)
    {
        json.WriteStartObject();
        WriteMessage(json, "description", title);
        json.WriteStartArray("artifactChanges");
        foreach (var file in fix.Edits.GroupBy(e => e.Path))
        {
            json.WriteStartObject();
            WriteArtifact(json, report, file.Key);
            json.WriteStartArray("replacements");
            foreach (var edit in file)
            {
                json.WriteStartObject();
                json.WriteStartObject("deletedRegion");
                WriteRegionFields(json, edit.Range);
                json.WriteEndObject();
                json.WriteStartObject("insertedContent");
                json.WriteString("text", edit.NewText);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, CheckReport report, string path, LinePositionSpan range, string? message, int? id = null)
    {
        json.WriteStartObject();
        if (id is not null)
        {
            json.WriteNumber("id", id.Value);
        }

        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, report, path);
        json.WriteStartObject("region");
        WriteRegionFields(json, range);
        json.WriteEndObject();
        json.WriteEndObject();
        if (message is not null)
        {
            WriteMessage(json, "message", message);
        }

        json.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter json, CheckReport report, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", string.Join('/', report.RelativePath(path).Split('/').Select(Uri.EscapeDataString)));
        json.WriteString("uriBaseId", BaseIdOf(report.RootIndexOf(path)));
        json.WriteEndObject();
    }

    // SARIF lines and columns are 1-based; LSP's are 0-based. An empty range keeps its start only.
    private static void WriteRegionFields(Utf8JsonWriter json, LinePositionSpan range)
    {
        json.WriteNumber("startLine", range.Start.Line + 1);
        json.WriteNumber("startColumn", range.Start.Character + 1);
        json.WriteNumber("endLine", range.End.Line + 1);
        json.WriteNumber("endColumn", range.End.Character + 1);
    }

    private static void WriteMessage(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string PascalCase(string slug) =>
        string.Concat(slug.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
