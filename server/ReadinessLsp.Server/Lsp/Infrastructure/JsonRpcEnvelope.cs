using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

internal enum VerdictKind
{
    /// <summary>A request or notification to pass on (as <see cref="MessageVerdict.Rewritten"/> when set).</summary>
    Forward,

    /// <summary>A response: passed on only if the server is waiting for <see cref="MessageVerdict.Id"/>.</summary>
    Response,

    /// <summary>Not passed on; answered with <see cref="MessageVerdict.Code"/> for <see cref="MessageVerdict.Id"/>.</summary>
    Reject,

    /// <summary>Not passed on, not answered (responses and notifications are never answered).</summary>
    Drop,
}

internal readonly record struct MessageVerdict(VerdictKind Kind, string? Problem = null, RequestId Id = default, JsonRpcErrorCode Code = 0, byte[]? Rewritten = null);

/// <summary>
/// Checks that a message body is JSON-RPC 2.0 as LSP uses it, before the JSON-RPC library sees it:
/// the library closes the whole connection on a message it cannot read (a fractional id, a number
/// where the method name belongs, an error without a message). What fails here is answered with
/// the JSON-RPC error code the specification names — with the request's id when it can be read,
/// with a null id when it cannot — or, for responses, dropped.
/// </summary>
internal static class JsonRpcEnvelope
{
    /// <summary>Requests that change the server's lifecycle: sent without an id they cannot be answered, so they are not run.</summary>
    private static readonly HashSet<string> LifecycleRequests = ["initialize", "shutdown"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static MessageVerdict Check(ReadOnlySequence<byte> body)
    {
        // LSP content is UTF-8; the JSON parser only checks the bytes of strings it is asked to read.
        if (!IsUtf8(body))
        {
            return Reject(RequestIdPeek.Find(body), JsonRpcErrorCode.ParseError, "the message is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            // The library parses with the same default depth limit (64), so what passes here parses there.
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Reject(RequestIdPeek.Find(body), JsonRpcErrorCode.ParseError, $"the message is not valid JSON: {e.Message}");
        }

        using (document)
        {
            return CheckMessage(document.RootElement);
        }
    }

    private static MessageVerdict CheckMessage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Reject(RequestId.Null, JsonRpcErrorCode.InvalidRequest, root.ValueKind == JsonValueKind.Array
                ? "batches are not part of LSP; send one message per frame"
                : "a message must be a JSON object");
        }

        // An id that is present but neither an integer nor a string (nor null) cannot be echoed back.
        var hasId = root.TryGetProperty("id", out var idElement);
        var id = hasId ? ReadId(idElement) : RequestId.NotSpecified;
        if (root.TryGetProperty("method", out var method))
        {
            return hasId && id.IsEmpty
                ? Reject(RequestId.Null, JsonRpcErrorCode.InvalidRequest, "the id must be an integer or a string")
                : CheckRequest(root, method, hasId, id);
        }

        if (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _))
        {
            return CheckResponse(root, id);
        }

        return Reject(id, JsonRpcErrorCode.InvalidRequest, "not a request, a notification or a response");
    }

    private static MessageVerdict CheckRequest(JsonElement root, JsonElement method, bool hasId, RequestId id)
    {
        // A notification's problems are answered with a null id too: JSON-RPC does so for an
        // invalid request whose id is unknown, and the client learns why nothing happened.
        if (ReadString(method) is not { } methodName)
        {
            return Reject(id, JsonRpcErrorCode.InvalidRequest, "method must be a string");
        }

        if (!IsVersion2(root))
        {
            return Reject(id, JsonRpcErrorCode.InvalidRequest, "jsonrpc must be \"2.0\"");
        }

        foreach (var name in (string[])["traceparent", "tracestate"])
        {
            if (root.TryGetProperty(name, out var trace) && ReadString(trace) is null)
            {
                return Reject(id, JsonRpcErrorCode.InvalidRequest, $"{name} must be a string");
            }
        }

        if (!hasId && LifecycleRequests.Contains(methodName))
        {
            return Drop($"{methodName} sent as a notification: it is a request and needs an id");
        }

        if (root.TryGetProperty("params", out var parameters))
        {
            if (parameters.ValueKind == JsonValueKind.Null)
            {
                // Some clients send "params": null for shutdown; it means no params.
                return new MessageVerdict(VerdictKind.Forward, Rewritten: WithoutParams(root));
            }

            if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                return Reject(id, JsonRpcErrorCode.InvalidRequest, "params must be an object or an array");
            }
        }

        return new MessageVerdict(VerdictKind.Forward);
    }

    private static MessageVerdict CheckResponse(JsonElement root, RequestId id)
    {
        if (id.IsEmpty || id.IsNull)
        {
            return Drop("a response without an integer or string id");
        }

        if (!IsVersion2(root))
        {
            return Drop("a response whose jsonrpc is not \"2.0\"");
        }

        var hasResult = root.TryGetProperty("result", out _);
        if (root.TryGetProperty("error", out var error))
        {
            if (hasResult)
            {
                return Drop("a response with both a result and an error");
            }

            if (error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out _)
                || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return Drop("an error response without an integer code and a string message");
            }
        }

        return new MessageVerdict(VerdictKind.Response, Id: id);
    }

    /// <summary>The id as the library would read it; empty when it would fail to (fractions, huge numbers, objects...).</summary>
    private static RequestId ReadId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String when ReadString(id) is { } text => new RequestId(text),
        JsonValueKind.Number when id.TryGetInt64(out var number) => new RequestId(number),
        JsonValueKind.Null => RequestId.Null,
        _ => RequestId.NotSpecified,
    };

    /// <summary>Checked segment by segment: a large message is not copied whole to be checked.</summary>
    private static bool IsUtf8(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return Utf8.IsValid(body.FirstSpan);
        }

        var decoder = StrictUtf8.GetDecoder();
        var chars = new char[4096];
        try
        {
            foreach (var segment in body)
            {
                var bytes = segment.Span;
                while (!bytes.IsEmpty)
                {
                    decoder.Convert(bytes, chars, flush: false, out var used, out _, out _);
                    bytes = bytes[used..];
                }
            }

            decoder.Convert(ReadOnlySpan<byte>.Empty, chars, flush: true, out _, out _, out _);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The string, or null when the element is not one or holds an escaped lone surrogate: valid
    /// JSON, but the library's read of it throws, and that would close the connection.
    /// </summary>
    private static string? ReadString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsVersion2(JsonElement root) =>
        root.TryGetProperty("jsonrpc", out var version) && version.ValueKind == JsonValueKind.String && version.ValueEquals("2.0");

    private static byte[] WithoutParams(JsonElement root)
    {
        var copy = new Dictionary<string, JsonElement>();
        foreach (var property in root.EnumerateObject().Where(p => p.Name != "params"))
        {
            copy[property.Name] = property.Value;
        }

        return JsonSerializer.SerializeToUtf8Bytes(copy);
    }

    private static MessageVerdict Reject(RequestId id, JsonRpcErrorCode code, string problem) =>
        new(VerdictKind.Reject, problem, id.IsEmpty ? RequestId.Null : id, code);

    private static MessageVerdict Drop(string problem) => new(VerdictKind.Drop, problem);
}
