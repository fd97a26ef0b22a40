using System.Text;

namespace ReadinessLsp.Tests.Fixtures;

/// <summary>
/// Text with inline markers, <c>{|RDY2001:flagged text|}</c>: the marker names the rule and covers
/// the exact span a finding must have. Markers are stripped before analysis and rendered back from
/// actual findings on failure, so a failing test's diff reads like the fixture.
/// </summary>
internal sealed record MarkedText(string Text, IReadOnlyList<Marker> Markers)
{
    public static MarkedText Parse(string source)
    {
        var text = new StringBuilder(source.Length);
        var markers = new List<Marker>();
        var open = new Stack<(string Rule, int Start)>();
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '{' && i + 1 < source.Length && source[i + 1] == '|' && TryReadRule(source, i + 2, out var rule, out var next))
            {
                open.Push((rule, text.Length));
                i = next - 1;
            }
            else if (source[i] == '|' && i + 1 < source.Length && source[i + 1] == '}' && open.Count > 0)
            {
                var (openRule, start) = open.Pop();
                markers.Add(new Marker(openRule, start, text.Length));
                i++;
            }
            else
            {
                text.Append(source[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"unclosed marker {{|{open.Peek().Rule}:");
        }

        return new MarkedText(text.ToString(), [.. markers.OrderBy(m => m.Start).ThenBy(m => m.End)]);
    }

    /// <summary>Writes <paramref name="markers"/> into <paramref name="text"/>.</summary>
    public static string Render(string text, IEnumerable<Marker> markers)
    {
        var inserts = new List<(int At, int Order, string Text)>();
        foreach (var marker in markers)
        {
            inserts.Add((marker.Start, 1, "{|" + marker.Rule + ":"));
            inserts.Add((marker.End, 0, "|}"));
        }

        var sb = new StringBuilder(text);
        foreach (var (at, _, insert) in inserts.OrderByDescending(x => x.At).ThenBy(x => x.Order))
        {
            sb.Insert(at, insert);
        }

        return sb.ToString();
    }

    private static bool TryReadRule(string source, int from, out string rule, out int next)
    {
        var colon = source.IndexOf(':', from);
        rule = colon > from ? source[from..colon] : string.Empty;
        next = colon + 1;
        return rule.Length == 7 && rule.StartsWith("RDY", StringComparison.Ordinal) && rule[3..].All(char.IsAsciiDigit);
    }
}

/// <summary>An expected finding: rule and character span in the stripped text.</summary>
internal sealed record Marker(string Rule, int Start, int End);
