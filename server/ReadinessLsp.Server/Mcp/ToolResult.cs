using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// Every tool answers twice: structured content matching its output schema, for clients that read
/// it, and a compact text block, because many clients show the model only the text. The text is
/// written for a model to act on, not a serialisation of the structure.
/// </summary>
internal static class ToolResult
{
    // The SDK's options (camelCase, as the output schemas are generated), but nulls written:
    // the schemas list every property as required, and clients validate against them.
    private static readonly JsonSerializerOptions Options = new(McpJsonUtilities.DefaultOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static CallToolResult Of<T>(T structured, string text) => new()
    {
        Content = [new TextContentBlock { Text = text.TrimEnd() }],
        StructuredContent = JsonSerializer.SerializeToElement(structured, Options),
    };

    /// <summary>The page size asked for, within bounds.</summary>
    public static int Limit(int requested, int max = 100) =>
        requested is >= 1 && requested <= max ? requested : throw new McpException($"limit must be between 1 and {max} (got {requested}).");
}
