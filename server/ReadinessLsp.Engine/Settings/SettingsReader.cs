using System.Text.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Settings;

/// <summary>
/// Reads settings from JSON: the workspace file <c>readiness.json</c> or the editor's settings
/// object. Shape: <c>{ "enable": true, "rules": { "RDY2001": "off" | "warning" }, "exclude": ["glob"] }</c>.
/// Problems are returned as messages, not thrown, so a typo never stops analysis.
/// </summary>
internal static class SettingsReader
{
    public const string FileName = "readiness.json";

    /// <summary>The settings the engine reads; an editor client must offer each of them.</summary>
    public static readonly IReadOnlyList<string> EngineKeys = ["enable", "rules", "exclude"];

    /// <summary>Settings only an editor client reads (where the server is, tracing); the engine ignores them.</summary>
    public static readonly IReadOnlyList<string> ClientOnlyKeys = ["trace", "server", "dotnetPath"];

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static (ReadinessSettings Settings, IReadOnlyList<string> Problems) ReadWorkspaceFile(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            return (ReadinessSettings.Default, []);
        }

        try
        {
            return WorkspaceFileText.Read(path, DocumentLoader.DefaultMaxFileBytes) is { } text
                ? Parse(text, path)
                : (ReadinessSettings.Default, [$"{path}: larger than {DocumentLoader.DefaultMaxFileBytes / 1024} KB; not read"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (ReadinessSettings.Default, [$"{path}: {e.Message}"]);
        }
    }

    public static (ReadinessSettings Settings, IReadOnlyList<string> Problems) Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return FromElement(document.RootElement, source);
        }
        catch (JsonException e)
        {
            // .NET's message repeats the position in its own words; the line is what a person needs.
            var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            return (ReadinessSettings.Default, [$"{source}: not valid JSON at line {e.LineNumber + 1}: {reason}"]);
        }
    }

    public static (ReadinessSettings Settings, IReadOnlyList<string> Problems) FromElement(JsonElement root, string source)
    {
        var problems = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (ReadinessSettings.Default, [$"{source}: expected an object"]);
        }

        var rules = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);
        var exclude = new List<string>();
        var enabled = true;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "enable" or "enabled" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    enabled = property.Value.GetBoolean();
                    break;
                case "rules" when property.Value.ValueKind == JsonValueKind.Object:
                    ReadRules(property.Value, rules, problems, source);
                    break;
                case "exclude" when property.Value.ValueKind == JsonValueKind.Array:
                    exclude.AddRange(property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                    break;
                case "$schema":
                    break;
                case var name when ClientOnlyKeys.Contains(property.Name, StringComparer.OrdinalIgnoreCase):
                    break; // Editor-side settings, ignored by the engine.
                default:
                    problems.Add($"{source}: unknown setting '{property.Name}'");
                    break;
            }
        }

        return (new ReadinessSettings(rules, exclude, enabled), problems);
    }

    private static void ReadRules(JsonElement element, Dictionary<string, RuleSetting> rules, List<string> problems, string source)
    {
        foreach (var rule in element.EnumerateObject())
        {
            var value = rule.Value.ValueKind switch
            {
                JsonValueKind.String => rule.Value.GetString()!,
                JsonValueKind.False => "off",
                JsonValueKind.True => "default",
                _ => null,
            };
            try
            {
                rules[rule.Name] = RuleSetting.Parse(value ?? string.Empty);
            }
            catch (FormatException e)
            {
                problems.Add($"{source}: rules.{rule.Name}: {e.Message}");
            }
        }
    }
}
