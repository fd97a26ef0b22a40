using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// The <c>readiness-ignore RDY1234: reason</c> comments of one file (<c>//</c> in C# and
/// appsettings JSON, <c>#</c> in .env). A comment at the end of a line silences that line; a
/// comment on a line of its own silences the next line that has content.
/// </summary>
internal sealed partial class InlineSuppressions
{
    public const string Marker = "readiness-ignore";

    public static readonly InlineSuppressions None = new([]);

    private readonly IReadOnlyList<Suppression> _entries;

    private InlineSuppressions(IReadOnlyList<Suppression> entries) => _entries = entries;

    public IReadOnlyList<Suppression> Entries => _entries;

    public bool Suppresses(string ruleId, int line) =>
        _entries.Any(e => e.TargetLine == line && (e.RuleIds.Count == 0 || e.RuleIds.Contains(ruleId, StringComparer.OrdinalIgnoreCase)));

    public static InlineSuppressions Parse(SourceText text)
    {
        List<Suppression>? entries = null;
        var lines = text.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].ToString();
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var match = Comment().Match(line, at);
            if (!match.Success)
            {
                continue;
            }

            var ids = match.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var reason = match.Groups["reason"].Success ? match.Groups["reason"].Value.Trim().TrimEnd('*', '/').Trim() : string.Empty;
            var commentStart = CommentStart(line, at);
            var target = string.IsNullOrWhiteSpace(line[..commentStart]) ? NextContentLine(lines, i) : i;
            (entries ??= []).Add(new Suppression(i, target, ids, reason));
        }

        return entries is null ? None : new InlineSuppressions(entries);
    }

    private static int CommentStart(string line, int markerAt)
    {
        var slash = line.LastIndexOf("//", markerAt, StringComparison.Ordinal);
        var block = line.LastIndexOf("/*", markerAt, StringComparison.Ordinal);
        var hash = line.LastIndexOf('#', markerAt);
        var start = Math.Max(slash, Math.Max(block, hash));
        return start < 0 ? markerAt : start;
    }

    private static int NextContentLine(TextLineCollection lines, int from)
    {
        for (var j = from + 1; j < lines.Count; j++)
        {
            var text = lines[j].ToString();
            if (!string.IsNullOrWhiteSpace(text) && !text.Contains(Marker, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return from;
    }

    [GeneratedRegex(@"\Greadiness-ignore(?:\s+(?<ids>RDY\d{4}(?:\s*,\s*RDY\d{4})*))?(?:\s*:\s*(?<reason>.*))?", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}

/// <param name="CommentLine">Zero-based line of the comment.</param>
/// <param name="TargetLine">Zero-based line it silences.</param>
/// <param name="RuleIds">Rules it silences; empty means every rule on that line.</param>
internal sealed record Suppression(int CommentLine, int TargetLine, IReadOnlyList<string> RuleIds, string Reason);
