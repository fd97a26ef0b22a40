using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// The JSON shape of LSP: camelCase members, nulls omitted (the spec treats absent and null
/// optional members alike), integer enums written as numbers.
/// </summary>
internal static class LspJson
{
    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static readonly JsonSerializerOptions Options = CreateOptions();
}
