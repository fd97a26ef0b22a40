using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Config.Json;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// Works out, for every object of an appsettings file, where a new last member can be written so the
/// file stays valid JSON for .NET and keeps its own style (indent, line endings, trailing commas).
/// Read from the file's current text when a fix that adds a key is asked for.
/// </summary>
internal static class AppSettingsLayoutReader
{
    public static AppSettingsLayout Read(string path, SourceText source, ConfigJsonDocument json)
    {
        var text = source.ToString();
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        if (json.Error is not null || json.Root is not { Kind: JsonNodeKind.Object } root)
        {
            return new AppSettingsLayout(path, newLine, "  ", null);
        }

        var objects = new List<(string Key, JsonNode Node)>();
        Walk(root, string.Empty, objects);
        var unit = objects.Select(o => IndentUnit(text, o.Node)).FirstOrDefault(u => u is not null) ?? "  ";
        var slots = objects.Select(o => Slot(text, source, o.Key, o.Node, unit, newLine)).ToList();
        return new AppSettingsLayout(path, newLine, unit, slots);
    }

    // Only objects reached through property names: a key cannot be added inside an array by name.
    private static void Walk(JsonNode node, string key, List<(string, JsonNode)> objects)
    {
        objects.Add((key, node));
        foreach (var property in node.Properties.Where(p => p.Value.Kind == JsonNodeKind.Object))
        {
            Walk(property.Value, key.Length == 0 ? property.Name : key + ":" + property.Name, objects);
        }
    }

    private static AppSettingsObjectSlot Slot(string text, SourceText source, string key, JsonNode node, string unit, string nl)
    {
        LinePosition At(int offset) => source.Lines.GetLinePosition(offset);
        var unclear = new AppSettingsObjectSlot(key, null, null, string.Empty, string.Empty, null);
        var open = node.Span.Start;
        var oneLine = text.IndexOf('\n', open, node.Span.Length) < 0;
        if (node.Properties.Count == 0)
        {
            // "{}" opens onto its own lines; "{\n}" already has the line for its '}'.
            var own = LineIndent(text, open);
            return new AppSettingsObjectSlot(key, At(open + 1), null, nl + own + unit, oneLine ? nl + own : string.Empty, own + unit);
        }

        var last = node.Properties[^1];
        var valueEnd = last.Value.Span.End;
        var next = SkipTrivia(text, valueEnd);
        var sameLine = SkipSpaces(text, valueEnd);
        var trailingComma = next < text.Length && text[next] == ',';
        if (trailingComma && next != sameLine)
        {
            return unclear; // the comma sits on a later line or behind a comment: no obvious place
        }

        if (oneLine)
        {
            return trailingComma
                ? new AppSettingsObjectSlot(key, At(next + 1), null, " ", ",", null)
                : new AppSettingsObjectSlot(key, At(valueEnd), null, ", ", string.Empty, null);
        }

        var lineStart = LineStart(text, last.NameSpan.Start);
        var indent = LeadingWhitespace(text, lineStart, last.NameSpan.Start);
        if (indent is null)
        {
            return unclear; // the last member shares its line with another: which indent to copy is a guess
        }

        var from = trailingComma ? next + 1 : valueEnd;
        var lineEnd = EndOfLine(text, from);
        if (trailingComma)
        {
            // The file ends members with commas; the new one does too, after any comment on that line.
            return new AppSettingsObjectSlot(key, At(lineEnd ?? from), null, nl + indent, ",", indent);
        }

        if (lineEnd is int end && end > SkipSpaces(text, valueEnd))
        {
            // A comment follows the value: the comma goes before it, the member after it, so the comment stays put.
            return new AppSettingsObjectSlot(key, At(end), At(valueEnd), nl + indent, string.Empty, indent);
        }

        return new AppSettingsObjectSlot(key, At(valueEnd), null, "," + nl + indent, string.Empty, indent);
    }

    // The file's own indent step: a member on its own line, less its object's indent.
    private static string? IndentUnit(string text, JsonNode node)
    {
        if (node.Properties.Count == 0)
        {
            return null;
        }

        var own = LineIndent(text, node.Span.Start);
        var first = node.Properties[0].NameSpan.Start;
        var member = LeadingWhitespace(text, LineStart(text, first), first);
        return member is not null && member.Length > own.Length && member.StartsWith(own, StringComparison.Ordinal) ? member[own.Length..] : null;
    }

    /// <summary>The whitespace before <paramref name="at"/> on its line, or null when something else precedes it.</summary>
    private static string? LeadingWhitespace(string text, int lineStart, int at)
    {
        for (var i = lineStart; i < at; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return null;
            }
        }

        return text[lineStart..at];
    }

    // The indent of the line holding an object's '{' ("  " for '  "Stripe": {').
    private static string LineIndent(string text, int at)
    {
        var start = LineStart(text, at);
        return text[start..SkipSpaces(text, start)];
    }

    private static int LineStart(string text, int at) => at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;

    private static int SkipSpaces(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }

    /// <summary>Where the line ends (before "\r\n"), allowing spaces and one comment; null when more code follows on it.</summary>
    private static int? EndOfLine(string text, int from)
    {
        var at = SkipSpaces(text, from);
        if (Starts(text, at, "//"))
        {
            var newline = text.IndexOf('\n', at);
            at = newline < 0 ? text.Length : newline;
        }
        else if (Starts(text, at, "/*"))
        {
            var close = text.IndexOf("*/", at + 2, StringComparison.Ordinal);
            if (close < 0 || text.IndexOf('\n', at, close - at) >= 0)
            {
                return null;
            }

            at = SkipSpaces(text, close + 2);
        }

        if (at < text.Length && text[at] == '\r')
        {
            return at + 1 < text.Length && text[at + 1] == '\n' ? at : null;
        }

        return at == text.Length || text[at] == '\n' ? at : null;
    }

    // Whitespace and comments, as the tolerant reader skips them.
    private static int SkipTrivia(string text, int at)
    {
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
            }
            else if (Starts(text, at, "//"))
            {
                var newline = text.IndexOf('\n', at);
                at = newline < 0 ? text.Length : newline;
            }
            else if (Starts(text, at, "/*"))
            {
                var close = text.IndexOf("*/", at + 2, StringComparison.Ordinal);
                at = close < 0 ? text.Length : close + 2;
            }
            else
            {
                break;
            }
        }

        return at;
    }

    private static bool Starts(string text, int at, string what) => string.CompareOrdinal(text, at, what, 0, what.Length) == 0;
}

/// <summary>
/// An appsettings.json as a fix that adds a key needs it: the file's line ending and indent unit,
/// and every object reachable through property names (<see cref="AppSettingsObjectSlot.Key"/> ""
/// is the root). <see cref="Objects"/> is null when .NET could not read the file, so no fix edits it.
/// </summary>
internal sealed record AppSettingsLayout(string Path, string NewLine, string IndentUnit, IReadOnlyList<AppSettingsObjectSlot>? Objects);

/// <summary>
/// Where a new last member of one object goes: insert <see cref="Before"/> + member + <see cref="After"/>
/// at <see cref="At"/>, and a ',' at <see cref="CommaAt"/> when the previous member needs one apart
/// (a comment follows it). <see cref="Indent"/> is the member's indent, null when the object is on one
/// line (new objects are then written inline). <see cref="At"/> is null when the place is unclear.
/// </summary>
internal sealed record AppSettingsObjectSlot(string Key, LinePosition? At, LinePosition? CommaAt, string Before, string After, string? Indent);
