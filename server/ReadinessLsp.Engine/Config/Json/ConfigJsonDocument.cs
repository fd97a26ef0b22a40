using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.Json;

/// <summary>
/// An appsettings or launchSettings file read as .NET configuration sees it: every value under its
/// ':'-separated key path (array items as index segments), keys compared case-insensitively,
/// with the exact span of each name and value. Parsed once per document and shared by every rule.
/// </summary>
internal sealed class ConfigJsonDocument
{
    private ConfigJsonDocument(JsonNode? root, JsonSyntaxError? error, IReadOnlyList<ConfigEntry> entries)
    {
        Root = root;
        Error = error;
        Entries = entries;
    }

    public JsonNode? Root { get; }

    /// <summary>The first syntax error or duplicate key: .NET refuses to start with either.</summary>
    public JsonSyntaxError? Error { get; }

    /// <summary>Every key, sections and values, in document order.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    public IEnumerable<ConfigEntry> Values => Entries.Where(e => e.Value.IsScalar);

    public static ConfigJsonDocument Parse(SourceDocument document) => Parse(document.Text.ToString());

    public static ConfigJsonDocument Parse(string text)
    {
        var (root, error) = TolerantJsonReader.Read(text);
        var entries = new List<ConfigEntry>();
        if (root is not null && root.Kind != JsonNodeKind.Object && error is null)
        {
            error = new JsonSyntaxError(new TextSpan(root.Span.Start, 1), "the top level must be a JSON object ({ ... })");
        }

        if (root is { Kind: JsonNodeKind.Object })
        {
            var seen = new Dictionary<string, ConfigEntry>(StringComparer.OrdinalIgnoreCase);
            Flatten(root, null, entries, seen, ref error);
        }

        return new ConfigJsonDocument(root, error, entries);
    }

    /// <summary>The entry for a key (case-insensitive), or null.</summary>
    public ConfigEntry? Find(string key) =>
        Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    private static void Flatten(JsonNode node, string? prefix, List<ConfigEntry> entries, Dictionary<string, ConfigEntry> seen, ref JsonSyntaxError? error)
    {
        if (node.Kind == JsonNodeKind.Object)
        {
            foreach (var property in node.Properties)
            {
                var key = prefix is null ? property.Name : prefix + ":" + property.Name;
                var entry = new ConfigEntry(key, property.NameSpan, property.Value);
                if (property.Value.IsScalar && seen.TryGetValue(key, out _) && error is null)
                {
                    // .NET configuration throws "A duplicate key was found" for the same value key, in any case.
                    error = new JsonSyntaxError(property.NameSpan, $"the key '{key}' is defined twice; .NET refuses to start with a duplicate key");
                }

                seen.TryAdd(key, entry);
                entries.Add(entry);
                Flatten(property.Value, key, entries, seen, ref error);
            }
        }
        else if (node.Kind == JsonNodeKind.Array)
        {
            for (var i = 0; i < node.Items.Count; i++)
            {
                var item = node.Items[i];
                var key = prefix + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                entries.Add(new ConfigEntry(key, item.Span, item));
                Flatten(item, key, entries, seen, ref error);
            }
        }
    }
}

/// <summary>A configuration key in a JSON file: full path, where its name is, and its value node.</summary>
internal sealed record ConfigEntry(string Key, TextSpan KeySpan, JsonNode Value)
{
    /// <summary>The last segment of the key ("Password" for "Db:Password").</summary>
    public string Name => Key[(Key.LastIndexOf(':') + 1)..];
}
