using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReadinessLsp.Server.Fuzz;

/// <summary>
/// Generates what a broken or hostile client may send, from a seeded random source: broken
/// headers, wrong lengths, invalid and truncated JSON, JSON that is not JSON-RPC, params of the
/// wrong type, unknown methods, lifecycle messages out of order, huge and deeply nested
/// messages, notifications with ids, requests without them, stray responses and random bytes.
/// Where the specification fixes the answer (an error code for a request id), the frame carries
/// it so the session can check it. Nothing here is a valid message that would change what the
/// session verifies: no exit, no edits to the verified document, no settings.
/// </summary>
/// <param name="largeBytes">About how big the large (but not over-the-limit) messages get.</param>
/// <param name="allowHugeStreams">Whether to really send messages over the server's limit, tens of megabytes each.</param>
internal sealed class MalformedFrames(Random random, string documentUri, Func<long> nextId, int largeBytes, bool allowHugeStreams)
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int ServerNotInitialized = -32002;

    /// <summary>The server skips longer messages unread; the fuzzer sends some just above it.</summary>
    private const long ServerMessageLimit = Lsp.Infrastructure.IncomingMessageFilter.MaxMessageBytes;

    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("broken-header", 8), ("wrong-length", 8), ("invalid-json", 8), ("not-json-rpc", 10), ("wrong-param-types", 12),
        ("unknown-method", 6), ("lifecycle", 5), ("notification-with-id", 5), ("request-without-id", 5), ("huge", 3),
        ("random-bytes", 8), ("deep-nesting", 4), ("stray-response", 5), ("odd-framing", 5), ("zero-length", 2), ("valid-noise", 6),
    ];

    private static readonly string[] RequestMethods = ["textDocument/hover", "textDocument/codeAction", "textDocument/diagnostic", "workspace/executeCommand"];

    private static readonly string[] NotificationMethods = ["textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "workspace/didChangeWatchedFiles", "$/setTrace"];

    private readonly string _otherUri = documentUri.Replace("Program.cs", "Other.cs", StringComparison.Ordinal);

    public FuzzFrame Next(FuzzPhase phase)
    {
        var pick = random.Next(Kinds.Sum(k => k.Weight));
        foreach (var (kind, weight) in Kinds)
        {
            if (pick < weight)
            {
                return Make(kind, phase);
            }

            pick -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    private FuzzFrame Make(string kind, FuzzPhase phase) => kind switch
    {
        "broken-header" => BrokenHeader(),
        "wrong-length" => WrongLength(),
        "invalid-json" => InvalidJson(),
        "not-json-rpc" => NotJsonRpc(),
        "wrong-param-types" => WrongParamTypes(phase),
        "unknown-method" => UnknownMethod(),
        "lifecycle" => Lifecycle(phase),
        "notification-with-id" => NotificationWithId(),
        "request-without-id" => RequestWithoutId(),
        "huge" => Huge(phase),
        "random-bytes" => new FuzzFrame(kind, RandomBytes(random.Next(1, 4096))),
        "deep-nesting" => DeepNesting(phase),
        "stray-response" => StrayResponse(),
        "odd-framing" => OddFraming(),
        "zero-length" => new FuzzFrame(kind, Ascii("Content-Length: 0\r\n\r\n")),
        _ => ValidNoise(phase),
    };

    private FuzzFrame BrokenHeader()
    {
        var body = Encoding.UTF8.GetBytes(Request(nextId(), "textDocument/hover", HoverParams(documentUri)));
        string[] headers =
        [
            "Content-Length: abc\r\n\r\n",
            "Content-Length:\r\n\r\n",
            $"Content-Length: -{body.Length}\r\n\r\n",
            $"Content-Length: {body.Length}x\r\n\r\n",
            $"Content-Length: 0x{body.Length:x}\r\n\r\n",
            $"Content-Length {body.Length}\r\n\r\n",
            $"Content-Length: {body.Length}\r\nthis line has no colon\r\n\r\n",
            $"Content-Length: {body.Length}\r\nContent-Length: {body.Length + 1}\r\n\r\n",
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
            $"Content Length: {body.Length}\r\n\r\n",
            $"X-Padding: {new string('p', 9000)}\r\nContent-Length: {body.Length}\r\n\r\n",
            "\r\n\r\n",
        ];
        return new FuzzFrame("broken-header", [.. Ascii(headers[random.Next(headers.Length)]), .. body]);
    }

    /// <summary>A request whose declared length is shorter or longer than its body; the next frame follows at once.</summary>
    private FuzzFrame WrongLength()
    {
        var id = nextId();
        var body = Encoding.UTF8.GetBytes(Request(id, "textDocument/hover", HoverParams(documentUri)));
        var shorter = random.Next(2) == 0;
        var length = shorter ? random.Next(1, body.Length) : body.Length + random.Next(8, 200);

        // Too long: the next message's header lands inside the declared body, so the server
        // answers this request with a parse error. (By at least 8 bytes: a frame may start with
        // line breaks, and a body that runs only into whitespace is still a valid message.)
        // Too short: its cut depends on where the id is.
        return new FuzzFrame("wrong-length", [.. Ascii($"Content-Length: {length}\r\n\r\n"), .. body], shorter ? null : new ExpectedAnswer(id, ParseError));
    }

    private FuzzFrame InvalidJson()
    {
        var id = nextId();
        var request = Request(id, "textDocument/hover", HoverParams(documentUri));
        var afterId = request.IndexOf(",\"method\"", StringComparison.Ordinal) + 1;
        switch (random.Next(6))
        {
            case 0:
                return new FuzzFrame("invalid-json", Framed(RandomText(random.Next(1, 300))));
            case 1:
                // Cut after the id: the server can still tell which request failed.
                return new FuzzFrame("invalid-json", Framed(request[..random.Next(afterId, request.Length - 1)]), new ExpectedAnswer(id, ParseError));
            case 2:
                // Trailing bytes after the message; the "x" keeps them from being only whitespace.
                return new FuzzFrame("invalid-json", Framed(request + "x" + RandomText(random.Next(0, 20))), new ExpectedAnswer(id, ParseError));
            case 3:
                return new FuzzFrame("invalid-json", Framed(request[..^1] + ",}"), new ExpectedAnswer(id, ParseError));
            case 4:
                // Invalid UTF-8 inside a string.
                var prefix = Encoding.UTF8.GetBytes(request[..afterId] + "\"method\":\"textDocument/hover\",\"params\":{\"x\":\"");
                return new FuzzFrame("invalid-json", Framed([.. prefix, 0xff, 0xfe, 0xc3, .. "\"}}"u8]), new ExpectedAnswer(id, ParseError));
            default:
                return new FuzzFrame("invalid-json", Framed("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"textDocument/hover\" // comment\n}"), new ExpectedAnswer(id, ParseError));
        }
    }

    private FuzzFrame NotJsonRpc()
    {
        var id = nextId();
        (string Body, int? Code)[] cases =
        [
            ("[" + Request(id, "textDocument/hover", HoverParams(documentUri)) + "]", null),
            ("[]", null),
            ("\"just a string\"", null),
            ("42", null),
            ("null", null),
            ("{\"jsonrpc\":\"2.0\"}", null),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id}}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":{random.Next()}}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":null}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id}.5,\"method\":\"textDocument/hover\"}}", null),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id}e3,\"method\":\"textDocument/hover\"}}", null),
            ("{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"textDocument/hover\"}", null),
            ("{\"jsonrpc\":\"2.0\",\"id\":{\"nested\":1},\"method\":\"textDocument/hover\"}", null),
            ("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"textDocument/hover\"}", null),
            ("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"textDocument/hover\"}", null),
            ("{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"textDocument/hover\"}", null),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"\\udc00bad\"}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"1.0\",\"id\":{id},\"method\":\"textDocument/hover\"}}", InvalidRequest),
            ($"{{\"jsonrpc\":2,\"id\":{id},\"method\":\"textDocument/hover\"}}", InvalidRequest),
            ($"{{\"id\":{id},\"method\":\"textDocument/hover\",\"params\":{HoverParams(documentUri)}}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"params\":\"text\"}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"params\":{random.Next()}}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"params\":true}}", InvalidRequest),
            ($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/hover\",\"traceparent\":5}}", InvalidRequest),
            ("{\"jsonrpc\":\"2.0\",\"method\":7,\"params\":\"bar\"}", null),
        ];
        var (body, code) = cases[random.Next(cases.Length)];
        return new FuzzFrame("not-json-rpc", Framed(body), code is { } c ? new ExpectedAnswer(id, c) : null);
    }

    private FuzzFrame WrongParamTypes(FuzzPhase phase)
    {
        var asRequest = random.Next(3) > 0;
        var method = asRequest ? RequestMethods[random.Next(RequestMethods.Length)] : NotificationMethods[random.Next(NotificationMethods.Length)];
        var parameters = ValidParams(method, asRequest ? documentUri : _otherUri);
        BreakOneRequiredMember(parameters, method);
        if (!asRequest)
        {
            return new FuzzFrame("wrong-param-types", Framed(Notification(method, parameters.ToJsonString())));
        }

        var id = nextId();
        if (random.Next(10) == 0)
        {
            // Positional params the handler does not take: the library itself says InvalidParams.
            return new FuzzFrame("wrong-param-types", Framed(Request(id, method, "[1,2]")), new ExpectedAnswer(id, InvalidParams));
        }

        return new FuzzFrame("wrong-param-types", Framed(Request(id, method, parameters.ToJsonString())), new ExpectedAnswer(id, RequestAnswer(phase, InvalidParams)));
    }

    private FuzzFrame UnknownMethod()
    {
        string[] names = ["readiness/nothing", "$/unknownRequest", "textDocument/completion", "", new string('m', random.Next(1, 20_000)), "textDocument/hover ", "TEXTDOCUMENT/HOVER", "initialize\u0000", "\u00e9t\u00e9/\ud83d\ude00"];
        var name = names[random.Next(names.Length)];
        if (random.Next(4) == 0)
        {
            return new FuzzFrame("unknown-method", Framed(Notification(name, "{}")));
        }

        var id = nextId();
        return new FuzzFrame("unknown-method", Framed(Request(id, name, "{}")), new ExpectedAnswer(id, MethodNotFound));
    }

    private FuzzFrame Lifecycle(FuzzPhase phase)
    {
        var id = nextId();
        var initialize = """{"processId":null,"rootUri":null,"capabilities":{}}""";
        return phase switch
        {
            FuzzPhase.BeforeInitialize => random.Next(3) switch
            {
                0 => new FuzzFrame("lifecycle", Framed(Notification("initialize", initialize))),
                1 => new FuzzFrame("lifecycle", Framed(Request(id, "shutdown", "null")), new ExpectedAnswer(id, ServerNotInitialized)),
                _ => new FuzzFrame("lifecycle", Framed(Request(id, "textDocument/codeAction", ValidParams("textDocument/codeAction", documentUri).ToJsonString())), new ExpectedAnswer(id, ServerNotInitialized)),
            },
            FuzzPhase.Initialized => random.Next(3) switch
            {
                0 => new FuzzFrame("lifecycle", Framed(Request(id, "initialize", initialize)), new ExpectedAnswer(id, InvalidRequest)),
                1 => new FuzzFrame("lifecycle", Framed(Notification("shutdown", "null"))),
                _ => new FuzzFrame("lifecycle", Framed(Notification("initialize", initialize))),
            },
            _ => random.Next(3) switch
            {
                0 => new FuzzFrame("lifecycle", Framed(Request(id, "initialize", initialize)), new ExpectedAnswer(id, InvalidRequest)),
                1 => new FuzzFrame("lifecycle", Framed(Request(id, "shutdown", "null")), new ExpectedAnswer(id, null)),
                _ => new FuzzFrame("lifecycle", Framed(Request(id, "textDocument/hover", HoverParams(documentUri))), new ExpectedAnswer(id, InvalidRequest)),
            },
        };
    }

    private FuzzFrame NotificationWithId()
    {
        var id = nextId();
        var body = random.Next(2) == 0
            ? Request(id, "$/setTrace", "{\"value\":\"off\"}")
            : Request(id, "textDocument/didClose", $"{{\"textDocument\":{{\"uri\":{Quote(_otherUri)}}}}}");
        return new FuzzFrame("notification-with-id", Framed(body), new ExpectedAnswer(id, null));
    }

    private FuzzFrame RequestWithoutId()
    {
        var method = (string[])["textDocument/hover", "textDocument/codeAction", "textDocument/diagnostic", "initialize", "shutdown"];
        var name = method[random.Next(method.Length)];
        var parameters = name switch
        {
            "initialize" => """{"processId":null,"rootUri":null,"capabilities":{}}""",
            "shutdown" => "null",
            _ => ValidParams(name, documentUri).ToJsonString(),
        };
        return new FuzzFrame("request-without-id", Framed(Notification(name, parameters)));
    }

    private FuzzFrame Huge(FuzzPhase phase)
    {
        switch (random.Next(allowHugeStreams ? 5 : 4))
        {
            case 0:
                var declared = ServerMessageLimit + 1 + (long)(random.NextDouble() * 1e15);
                return new FuzzFrame("huge", [.. Ascii($"Content-Length: {declared}\r\n\r\n"), .. Encoding.UTF8.GetBytes(Request(nextId(), "textDocument/hover", HoverParams(documentUri)))]);
            case 1:
                // A large, valid document for another file: read, then skipped by the analysis as too big.
                var text = new StringBuilder().Insert(0, "// a line of a very large generated file\n", random.Next(largeBytes / 80, largeBytes / 40)).ToString();
                return new FuzzFrame("huge", Framed(Notification("textDocument/didOpen", $"{{\"textDocument\":{{\"uri\":{Quote(_otherUri)},\"languageId\":\"csharp\",\"version\":1,\"text\":{Quote(text)}}}}}")));
            case 2:
                var id = nextId();
                var uri = "file:///" + new string('a', random.Next(largeBytes / 20, largeBytes / 2)) + ".cs";
                return new FuzzFrame("huge", Framed(Request(id, "textDocument/hover", HoverParams(uri))), new ExpectedAnswer(id, RequestAnswer(phase, null)));
            case 3:
                var wrong = nextId();
                var payload = new string('w', random.Next(largeBytes / 20, largeBytes));
                return new FuzzFrame("huge", Framed(Request(wrong, "textDocument/hover", $"{{\"textDocument\":{{\"uri\":{Quote(documentUri)}}},\"position\":{Quote(payload)}}}")), new ExpectedAnswer(wrong, RequestAnswer(phase, InvalidParams)));
            default:
                // Over the limit and really sent: the server must skip it as it streams past, not hold it.
                var size = ServerMessageLimit + random.Next(1, 16 * 1024 * 1024);
                var chunk = Encoding.ASCII.GetBytes(new string('z', 1024 * 1024));
                return new FuzzFrame("huge", Ascii($"Content-Length: {size}\r\n\r\n{{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\""), null, chunk, (int)(size / chunk.Length));
        }
    }

    private FuzzFrame DeepNesting(FuzzPhase phase)
    {
        var id = nextId();
        var depth = random.Next(65, 20_000);
        var useObjects = random.Next(2) == 0;
        var nested = useObjects
            ? new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString()
            : new string('[', depth) + new string(']', depth);
        if (random.Next(4) == 0)
        {
            // Deep, but within the limit, in a member the handler ignores: a valid request.
            var allowed = random.Next(1, 58);
            var shallow = new string('[', allowed) + new string(']', allowed);
            var valid = HoverParams(documentUri)[..^1] + ",\"extra\":" + shallow + "}";
            return new FuzzFrame("deep-nesting", Framed(Request(id, "textDocument/hover", valid)), new ExpectedAnswer(id, RequestAnswer(phase, null)));
        }

        return new FuzzFrame("deep-nesting", Framed(Request(id, "textDocument/hover", "{\"x\":" + nested + "}")), new ExpectedAnswer(id, ParseError));
    }

    private FuzzFrame StrayResponse()
    {
        var id = random.Next(1, 1_000_000);
        string[] bodies =
        [
            $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":null}}",
            $"{{\"jsonrpc\":\"2.0\",\"id\":\"{id}\",\"result\":{{}}}}",
            $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":-32000,\"message\":\"client failed\"}}}}",
            $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":5}}",
            $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":\"x\"}}}}",
            $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":1,\"error\":{{\"code\":1,\"message\":\"m\"}}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":1}",
            "{\"jsonrpc\":\"2.0\",\"result\":1}",
        ];
        return new FuzzFrame("stray-response", Framed(bodies[random.Next(bodies.Length)]));
    }

    /// <summary>Unusual but valid framing (bare LF, extra and lowercase headers), and one foreign charset.</summary>
    private FuzzFrame OddFraming()
    {
        var id = nextId();
        var body = Encoding.UTF8.GetBytes(Request(id, "readiness/unknown", "{}"));
        string[] headers =
        [
            $"Content-Length: {body.Length}\n\n",
            $"Content-Length: {body.Length}\r\n\n",
            $"content-length: {body.Length}\r\n\r\n",
            $"Content-Length:    {body.Length}   \r\n\r\n",
            $"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n",
            $"Content-Length: {body.Length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf8\r\nX-Custom: yes\r\n\r\n",
            $"\r\n\r\nContent-Length: {body.Length}\r\n\r\n",
        ];
        if (random.Next(8) == 0)
        {
            return new FuzzFrame("odd-framing", [.. Ascii($"Content-Length: {body.Length}\r\nContent-Type: application/json; charset=latin1\r\n\r\n"), .. body], new ExpectedAnswer(id, ParseError));
        }

        return new FuzzFrame("odd-framing", [.. Ascii(headers[random.Next(headers.Length)]), .. body], new ExpectedAnswer(id, MethodNotFound));
    }

    /// <summary>Well-formed traffic between the broken frames: it must keep working.</summary>
    private FuzzFrame ValidNoise(FuzzPhase phase)
    {
        var id = nextId();
        return random.Next(4) switch
        {
            0 => new FuzzFrame("valid-noise", Framed(Notification("$/cancelRequest", $"{{\"id\":{random.Next()}}}"))),
            1 => new FuzzFrame("valid-noise", Framed(Notification("textDocument/didOpen", $"{{\"textDocument\":{{\"uri\":{Quote(_otherUri)},\"languageId\":\"csharp\",\"version\":1,\"text\":\"class C {{ }}\"}}}}"))),
            2 => new FuzzFrame("valid-noise", Framed(Request(id, "textDocument/hover", HoverParams(documentUri))), new ExpectedAnswer(id, RequestAnswer(phase, null))),
            _ => new FuzzFrame("valid-noise", Framed(Request(id, "textDocument/codeAction", ValidParams("textDocument/codeAction", _otherUri).ToJsonString())), new ExpectedAnswer(id, RequestAnswer(phase, null))),
        };
    }

    /// <summary>The answer a registered request gets in each phase, when its params would give <paramref name="initialized"/>.</summary>
    private static int? RequestAnswer(FuzzPhase phase, int? initialized) => phase switch
    {
        FuzzPhase.BeforeInitialize => ServerNotInitialized,
        FuzzPhase.AfterShutdown => InvalidRequest,
        _ => initialized,
    };

    private JsonObject ValidParams(string method, string uri)
    {
        var document = new JsonObject { ["uri"] = uri };
        JsonObject Position() => new() { ["line"] = random.Next(0, 5), ["character"] = random.Next(0, 40) };
        return method switch
        {
            "textDocument/hover" => new JsonObject { ["textDocument"] = document, ["position"] = Position() },
            "textDocument/codeAction" => new JsonObject
            {
                ["textDocument"] = document,
                ["range"] = new JsonObject { ["start"] = Position(), ["end"] = Position() },
                ["context"] = new JsonObject { ["diagnostics"] = new JsonArray() },
            },
            "textDocument/diagnostic" => new JsonObject { ["textDocument"] = document },
            "workspace/executeCommand" => new JsonObject { ["command"] = "readiness.server.rescan" },
            "textDocument/didOpen" => new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = "class C { }" } },
            "textDocument/didChange" => new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
                ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = "class D { }" }),
            },
            "textDocument/didClose" => new JsonObject { ["textDocument"] = document },
            "workspace/didChangeWatchedFiles" => new JsonObject { ["changes"] = new JsonArray(new JsonObject { ["uri"] = uri, ["type"] = 2 }) },
            _ => new JsonObject { ["value"] = "off" },
        };
    }

    /// <summary>Replaces (or removes) one member the protocol requires with a value of another JSON kind.</summary>
    private void BreakOneRequiredMember(JsonObject parameters, string method)
    {
        string[] paths = method switch
        {
            "textDocument/hover" => ["textDocument", "textDocument.uri", "position", "position.line", "position.character"],
            "textDocument/codeAction" => ["textDocument", "textDocument.uri", "range", "range.start", "range.end.character", "context"],
            "textDocument/diagnostic" => ["textDocument", "textDocument.uri"],
            "workspace/executeCommand" => ["command"],
            "textDocument/didOpen" => ["textDocument", "textDocument.uri", "textDocument.languageId", "textDocument.version", "textDocument.text"],
            "textDocument/didChange" => ["textDocument", "textDocument.version", "contentChanges"],
            "textDocument/didClose" => ["textDocument.uri"],
            "workspace/didChangeWatchedFiles" => ["changes"],
            _ => ["value"],
        };
        var path = paths[random.Next(paths.Length)].Split('.');
        var parent = parameters;
        foreach (var step in path[..^1])
        {
            parent = parent[step]!.AsObject();
        }

        var name = path[^1];
        var current = parent[name];
        JsonNode?[] replacements = current?.GetValueKind() switch
        {
            JsonValueKind.String => [JsonValue.Create(5), JsonValue.Create(true), new JsonObject(), new JsonArray(), null],
            JsonValueKind.Number => [JsonValue.Create("x"), JsonValue.Create(1.5), JsonValue.Create(1e40), new JsonObject(), null],
            JsonValueKind.Array => [JsonValue.Create(5), JsonValue.Create("x"), new JsonObject(), null],
            _ => [JsonValue.Create(5), JsonValue.Create("x"), new JsonArray(), null],
        };
        if (random.Next(replacements.Length + 1) == 0)
        {
            parent.Remove(name);
        }
        else
        {
            parent[name] = replacements[random.Next(replacements.Length)];
        }
    }

    private static string HoverParams(string uri) => $"{{\"textDocument\":{{\"uri\":{Quote(uri)}}},\"position\":{{\"line\":2,\"character\":8}}}}";

    public static string Request(long id, string method, string parameters) =>
        $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":{Quote(method)},\"params\":{parameters}}}";

    public static string Notification(string method, string parameters) =>
        $"{{\"jsonrpc\":\"2.0\",\"method\":{Quote(method)},\"params\":{parameters}}}";

    public static byte[] Framed(string body) => Framed(Encoding.UTF8.GetBytes(body));

    public static byte[] Framed(byte[] body) => [.. Ascii($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private string RandomText(int length)
    {
        const string alphabet = "{}[]\":,abcdefghijklmnopqrstuvwxyz0123456789 \\\t\n-+.eE";
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}
