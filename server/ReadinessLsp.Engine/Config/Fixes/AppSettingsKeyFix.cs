using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Facts;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// The fix that defines a key in the appsettings.json beside <c>near</c>: walks the key's segments
/// through the file's existing objects (case-insensitively, as .NET configuration does) and writes
/// the rest as the deepest object's last member, with an empty value to fill in; creates the file
/// when there is none. Nothing when the file cannot be read or the place is unclear, since a broken
/// appsettings.json stops the application at startup.
/// </summary>
internal static class AppSettingsKeyFix
{
    public static Fix? Add(WorkspaceFacts facts, string near, string key, bool section)
    {
        var segments = key.Split(':');
        if (segments.Any(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var path = Path.Combine(Path.GetDirectoryName(near)!, "appsettings.json");
        var title = $"Add {key} to appsettings.json";
        var value = section ? "{}" : "\"\"";
        var layout = facts.All<SettingsFileLayout>().FirstOrDefault(l => string.Equals(l.Path, path, StringComparison.OrdinalIgnoreCase));
        if (layout is null)
        {
            var created = "{\n  " + Member(segments, value, "  ", "  ", "\n") + "\n}\n";
            return new Fix(title, [new FileEdit(path, new LinePositionSpan(default, default), created, CreateFile: true)]);
        }

        if (layout.Objects is null)
        {
            return null;
        }

        var objects = layout.Objects.ToDictionary(o => o.Key, StringComparer.OrdinalIgnoreCase);
        var depth = segments.Length - 1;
        while (depth > 0 && !objects.ContainsKey(string.Join(':', segments[..depth])))
        {
            depth--;
        }

        // The next segment exists but is not an object (a value or an array): adding it again would be a duplicate key.
        var next = string.Join(':', segments[..(depth + 1)]);
        var slot = objects[string.Join(':', segments[..depth])];
        if (slot.At is not LinePosition at || facts.All<ConfigDefinition>().Any(d => d.Path == layout.Path && string.Equals(d.Key, next, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var text = slot.Before + Member(segments[depth..], value, slot.Indent, layout.IndentUnit, layout.NewLine) + slot.After;
        IReadOnlyList<FileEdit> edits = slot.CommaAt is LinePosition comma
            ? [FileEdit.Insert(layout.Path, comma, ","), FileEdit.Insert(layout.Path, at, text)]
            : [FileEdit.Insert(layout.Path, at, text)];
        return new Fix(title, edits);
    }

    // "A": { "B": "" } over lines at indent, or inline when the object sits on one line (indent null).
    private static string Member(string[] segments, string value, string? indent, string unit, string nl)
    {
        var name = Quote(segments[0]);
        if (segments.Length == 1)
        {
            return $"{name}: {value}";
        }

        if (indent is null)
        {
            return $"{name}: {{ {Member(segments[1..], value, null, unit, nl)} }}";
        }

        var inner = indent + unit;
        return $"{name}: {{{nl}{inner}{Member(segments[1..], value, inner, unit, nl)}{nl}{indent}}}";
    }

    private static string Quote(string name) =>
        "\"" + string.Concat(name.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            < ' ' => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";
}
