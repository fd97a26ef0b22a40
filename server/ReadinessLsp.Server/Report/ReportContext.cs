using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Server.Report;

/// <summary>One rendering of the report: the input, file texts read once, and the redactor every shown line goes through.</summary>
internal sealed class ReportContext
{
    private readonly Dictionary<string, SourceText?> _texts = new(StringComparer.Ordinal);

    public ReportContext(ReportInput input)
    {
        Input = input;
        Redactor = SourceRedactor.For(input.Findings, input.Texts);
        Ordered = [.. input.Findings
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Range.Start)];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in Ordered)
        {
            var id = "f-" + finding.Fingerprint[..Math.Min(12, finding.Fingerprint.Length)];
            for (var n = 2; !ids.Add(id); n++)
            {
                id = $"f-{finding.Fingerprint}-{n}";
            }

            Ids[finding] = id;
        }
    }

    public ReportInput Input { get; }

    public SourceRedactor Redactor { get; }

    /// <summary>Every finding, most severe first, then by file and position.</summary>
    public IReadOnlyList<Finding> Ordered { get; }

    /// <summary>Each finding's element id, unique in the page.</summary>
    public Dictionary<Finding, string> Ids { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The text of one line (0-based) of a file, secrets masked, or null when it cannot be read.</summary>
    public string? Line(string path, int line)
    {
        if (!_texts.TryGetValue(path, out var text))
        {
            _texts[path] = text = Input.Texts.Read(path);
        }

        return text is null || line >= text.Lines.Count ? null : Redactor.Line(text.Lines[line].ToString());
    }

    /// <summary>A location the reader can click in the editor, and read anywhere: <c>path:line</c>.</summary>
    public string Location(string path, LinePosition at, string? label = null)
    {
        var shown = label ?? $"{Input.Display(path)}:{at.Line + 1}";
        var target = Input.EditorLinks ? path : Input.Display(path);
        return $"<a class=\"loc\" data-path=\"{Html.E(target)}\" data-line=\"{at.Line + 1}\" data-col=\"{at.Character + 1}\">{Html.E(shown)}</a>";
    }

    public static string SeverityName(Severity severity) => severity.Name();
}
