using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.AppConfig;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// The fix that defines a key in the settings file the app really loads (its <c>appsettings.json</c>,
/// or the file its code adds with <c>AddJsonFile</c>): walks the key's segments through the file's
/// existing objects (case-insensitively, as .NET configuration does) and writes the rest as the
/// deepest object's last member, with a neutral value of the shape the code reads (<c>""</c>,
/// <c>0</c>, <c>false</c>, <c>[]</c>, <c>{}</c>); creates the file when there is none. Nothing when
/// the file cannot be read, the place is unclear, several apps share the code, or the code reads a
/// type no neutral value fits: a broken settings file stops the application at startup, and a value
/// of the wrong type fails the binding.
/// </summary>
internal sealed record AddAppSettingsKey(string CodePath, string Key, ConfigShape Shape) : IFixIntent
{
    public string? Title => $"Add {Key} to the app's settings file";

    public IReadOnlyList<FileEdit>? Edits(FixContext context)
    {
        var segments = Key.Split(':');
        if (segments.Any(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var path = ConfigFolders.AppSettingsNear(context.Models, CodePath);
        var value = Shape switch
        {
            ConfigShape.Text => "\"\"",
            ConfigShape.Number => "0",
            ConfigShape.Boolean => "false",
            ConfigShape.List => "[]",
            ConfigShape.Object => "{}",
            _ => null,
        };
        if (path is null || value is null)
        {
            return null;
        }

        var text = context.Texts.Read(path);
        if (text is null)
        {
            var created = "{\n  " + Member(segments, value, "  ", "  ", "\n") + "\n}\n";
            return [new FileEdit(path, new LinePositionSpan(default, default), created, CreateFile: true)];
        }

        var json = ConfigJsonDocument.Parse(text.ToString());
        var layout = AppSettingsLayoutReader.Read(path, text, json);
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
        if (slot.At is not LinePosition at || json.Find(next) is not null)
        {
            return null;
        }

        var member = slot.Before + Member(segments[depth..], value, slot.Indent, layout.IndentUnit, layout.NewLine) + slot.After;
        return slot.CommaAt is LinePosition comma
            ? [FileEdit.Insert(path, comma, ","), FileEdit.Insert(path, at, member)]
            : [FileEdit.Insert(path, at, member)];
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
