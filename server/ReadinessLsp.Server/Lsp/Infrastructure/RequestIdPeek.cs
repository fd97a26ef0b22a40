using System.Buffers;
using System.Text.Json;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Reads the top-level <c>id</c> of a message that is not valid JSON as a whole, as far as the
/// valid part goes, so that a truncated or corrupted request is answered under its own id and the
/// client stops waiting for it. Clients write <c>id</c> near the start, before the params.
/// </summary>
internal static class RequestIdPeek
{
    /// <returns>The id, or <see cref="RequestId.Null"/> when it cannot be read.</returns>
    public static RequestId Find(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return RequestId.Null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (isId)
                {
                    return reader.TokenType switch
                    {
                        JsonTokenType.String => new RequestId(reader.GetString()),
                        // A number at the very end may have been cut short: 12 could be 123.
                        JsonTokenType.Number when reader.BytesConsumed < body.Length && reader.TryGetInt64(out var number) => new RequestId(number),
                        _ => RequestId.Null,
                    };
                }

                if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // The id was not in the readable part.
        }
        catch (InvalidOperationException)
        {
            // A string with invalid UTF-8 or escapes.
        }

        return RequestId.Null;
    }
}
