using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReadinessLsp.Server.Lsp.Infrastructure;

namespace ReadinessLsp.Server.Lsp.Dispatch;

/// <summary>
/// Reads a message's params into the handler's type. Done here rather than by the JSON-RPC
/// library so that params of the wrong shape are answered with LSP's InvalidParams and a short
/// reason, instead of a generic error carrying a .NET stack trace.
/// </summary>
internal static class HandlerParams
{
    // The protocol records say what is optional by nullability: a member that is not nullable
    // must be present and not null, so a missing one is InvalidParams rather than a
    // NullReferenceException deep in a handler.
    private static readonly JsonSerializerOptions Options = new(LspJson.Options)
    {
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireNonNullableMembers } },
    };

    public static bool TryRead<T>(JsonElement parameters, out T value, out string problem)
    {
        value = default!;
        problem = string.Empty;
        if (typeof(T) == typeof(NoParams))
        {
            return true;
        }

        try
        {
            value = parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? JsonSerializer.Deserialize<T>("{}", Options)!
                : JsonSerializer.Deserialize<T>(parameters, Options)!;
            return value is not null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? "params are missing"
                : $"a member is missing or has the wrong type at {(e as JsonException)?.Path ?? "$"}";
            return false;
        }
    }

    private static void RequireNonNullableMembers(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { IsNullable: false })
            {
                property.IsRequired = true;
            }
        }
    }
}
