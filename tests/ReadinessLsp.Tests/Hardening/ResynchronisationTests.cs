using System.Text;
using System.Text.Json;
using ReadinessLsp.Tests.Lsp;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>
/// A broken message costs that message and nothing more: the server finds the next header,
/// answers what it can with the JSON-RPC error the specification names, and logs one line.
/// </summary>
public sealed class ResynchronisationTests
{
    [Fact]
    public async Task A_non_numeric_content_length_does_not_leave_the_server_deaf()
    {
        await using var server = new RawServer();
        await server.InitializeAsync();

        await server.Wire.WriteRawAsync("Content-Length: abc\r\n\r\n" + RawServer.Request(2, "textDocument/hover", Hover));
        await server.Wire.WriteAsync(RawServer.Request(3, "textDocument/hover", Hover));

        var answer = await server.Wire.ReadUntilAsync(m => LspWire.IsResponse(m, 3));
        Assert.True(answer.TryGetProperty("result", out _), answer.ToString());
        Assert.Single(server.Warnings, w => w.Contains("Content-Length that is not a number", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("Content-Length:\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("Content-Length: -5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("X-Nonsense: yes\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("Content-Length 31\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("Content-Length: 31\r\nno colon here\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("Content-Length: 31\r\nContent-Length: 32\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")]
    [InlineData("Content-Length: 999999999999999999999\r\n\r\n")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"sent without a header\"}")]
    [InlineData("\u0000\u00ff\u0001garbage\r\n\r\n\u0007")]
    [InlineData("Content-Length: 0\r\n\r\n")]
    [InlineData("Content-Length: 9\r\n\r\n{ nope })")]
    public async Task Each_broken_message_costs_one_log_line_and_the_next_message_is_answered(string broken)
    {
        await using var server = new RawServer();

        await server.Wire.WriteRawAsync(broken);
        await server.PingAsync(100);

        Assert.Single(server.Warnings);
    }

    [Fact]
    public async Task A_length_that_runs_into_the_next_message_answers_the_cut_request_with_a_parse_error()
    {
        await using var server = new RawServer();

        var request = RawServer.Request(9, "textDocument/hover", Hover);
        await server.Wire.WriteRawAsync($"Content-Length: {request.Length + 40}\r\n\r\n{request}");
        await server.Wire.WriteAsync(RawServer.Request(100, "readiness/ping"));

        Assert.Equal(-32700, await server.ErrorCodeAsync(9));
        Assert.Equal(-32601, await server.ErrorCodeAsync(100));
    }

    [Fact]
    public async Task A_length_shorter_than_the_body_costs_one_message_and_one_log_line()
    {
        await using var server = new RawServer();

        var request = RawServer.Request(9, "textDocument/hover", Hover);
        await server.Wire.WriteRawAsync($"Content-Length: {request.Length - 10}\r\n\r\n{request}");
        await server.Wire.WriteAsync(RawServer.Request(100, "readiness/ping"));

        Assert.Equal(-32700, await server.ErrorCodeAsync(9));
        Assert.Equal(-32601, await server.ErrorCodeAsync(100));
        Assert.Single(server.Warnings);
    }

    [Fact]
    public async Task A_huge_declared_length_is_skipped_without_waiting_for_or_holding_the_bytes()
    {
        await using var server = new RawServer();

        await server.Wire.WriteRawAsync("Content-Length: 107374182400\r\n\r\n{\"jsonrpc\":\"2.0\",");
        await server.Wire.WriteRawAsync(new string('x', 1024 * 1024));
        await server.PingAsync(100);

        Assert.Contains(server.Warnings, w => w.Contains("107374182400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bare_line_feeds_and_extra_headers_are_accepted_and_a_foreign_charset_is_answered()
    {
        await using var server = new RawServer();
        var ping = RawServer.Request(1, "readiness/ping");
        var length = Encoding.UTF8.GetByteCount(ping);

        await server.Wire.WriteRawAsync($"Content-Length: {length}\n\n{ping}");
        Assert.Equal(-32601, await server.ErrorCodeAsync(1));

        ping = RawServer.Request(2, "readiness/ping");
        await server.Wire.WriteRawAsync($"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {length}\r\nX-Extra: 1\r\n\r\n{ping}");
        Assert.Equal(-32601, await server.ErrorCodeAsync(2));

        ping = RawServer.Request(3, "readiness/ping");
        await server.Wire.WriteRawAsync($"content-length: {length}\r\ncontent-type: application/vscode-jsonrpc; charset=utf8\r\n\r\n{ping}");
        Assert.Equal(-32601, await server.ErrorCodeAsync(3));

        ping = RawServer.Request(4, "readiness/ping");
        await server.Wire.WriteRawAsync($"Content-Length: {length}\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{ping}");
        Assert.Equal(-32700, await server.ErrorCodeAsync(4));
        Assert.Single(server.Warnings);
    }

    [Theory]
    [InlineData("{ this is not json", null, -32700)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":", 7, -32700)]
    [InlineData("[1, 2, 3]", null, -32600)]
    [InlineData("[]", null, -32600)]
    [InlineData("\"hello\"", null, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\"}", null, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7}", 7, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}", 7, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}", null, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999,\"method\":\"x\"}", null, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"x\"}", null, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\",\"params\":\"text\"}", 7, -32600)]
    [InlineData("{\"id\":7,\"method\":\"x\"}", 7, -32600)]
    [InlineData("{\"jsonrpc\":5,\"id\":7,\"method\":\"x\"}", 7, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\",\"traceparent\":5}", 7, -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"no/such/method\"}", 7, -32601)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"$/no/such/request\"}", 7, -32601)]
    public async Task Bodies_that_are_not_valid_json_rpc_are_answered_with_the_code_the_spec_names(string body, int? id, int code)
    {
        await using var server = new RawServer();

        await server.Wire.WriteAsync(body);

        Assert.Equal(code, await server.ErrorCodeAsync(id));
        await server.PingAsync(100);
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_parse_error_answered_under_the_request_id()
    {
        await using var server = new RawServer();
        const int depth = 10_000;

        await server.Wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":" + new string('[', depth) + new string(']', depth) + "}");
        await server.Wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"a\":" + new string('[', depth) + new string(']', depth) + "}}");

        Assert.Equal(-32700, await server.ErrorCodeAsync(7));
        Assert.Equal(-32700, await server.ErrorCodeAsync(null));
        await server.PingAsync(100);
    }

    [Fact]
    public async Task Responses_to_requests_the_server_never_sent_are_dropped()
    {
        await using var server = new RawServer();

        await server.Wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}");
        await server.Wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"error\":{\"code\":1,\"message\":\"m\"}}");
        await server.Wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":99,\"error\":5}");
        await server.Wire.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":1}");
        await server.PingAsync(100);

        Assert.Equal(4, server.Warnings.Count);
    }

    [Fact]
    public async Task Wrong_parameter_types_are_invalid_params_and_the_server_keeps_serving()
    {
        await using var server = new RawServer();
        await server.InitializeAsync();

        await server.Wire.WriteAsync(RawServer.Request(2, "textDocument/hover", """{"textDocument":{"uri":5},"position":"abc"}"""));
        await server.Wire.WriteAsync(RawServer.Request(3, "textDocument/hover", """{"textDocument":{"uri":"file:///a.cs"}}"""));
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","id":4,"method":"textDocument/hover"}""");
        await server.Wire.WriteAsync(RawServer.Request(5, "textDocument/codeAction", """{"textDocument":{"uri":"file:///a.cs"},"range":[1,2],"context":{}}"""));
        await server.Wire.WriteAsync(RawServer.Request(6, "textDocument/hover", """{"textDocument":{"uri":"file:///a.cs"},"position":{"line":0,"character":99999999999}}"""));
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":5,"version":"x"}}}""");

        foreach (var id in new[] { 2, 3, 4, 5, 6 })
        {
            Assert.Equal(-32602, await server.ErrorCodeAsync(id));
        }

        await server.PingAsync(100);
        await server.WaitForWarningAsync("textDocument/didOpen");
    }

    [Fact]
    public async Task Out_of_order_lifecycle_messages_get_the_spec_answers_and_never_wedge_the_server()
    {
        await using var server = new RawServer();

        await server.Wire.WriteAsync(RawServer.Request(2, "textDocument/hover", Hover));
        Assert.Equal(-32002, await server.ErrorCodeAsync(2));
        await server.Wire.WriteAsync(RawServer.Request(3, "shutdown"));
        Assert.Equal(-32002, await server.ErrorCodeAsync(3));

        // initialize without an id cannot be answered, so it does not run; the real one still works.
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","method":"initialize","params":{"capabilities":{}}}""");
        await server.InitializeAsync(4);
        await server.Wire.WriteAsync(RawServer.Request(5, "initialize", """{"capabilities":{}}"""));
        Assert.Equal(-32600, await server.ErrorCodeAsync(5));

        // A notification sent with an id is answered (with null); a request without one is run and not answered.
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","id":6,"method":"$/setTrace","params":{"value":"off"}}""");
        var traced = await server.Wire.ReadUntilAsync(m => LspWire.IsResponse(m, 6));
        Assert.Equal(JsonValueKind.Null, traced.GetProperty("result").ValueKind);
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.cs"},"position":{"line":0,"character":0}}}""");
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","method":"shutdown"}""");
        await server.PingAsync(7);

        await server.Wire.WriteAsync(RawServer.Request(8, "shutdown"));
        await server.Wire.ReadUntilAsync(m => LspWire.IsResponse(m, 8));
        await server.Wire.WriteAsync(RawServer.Request(9, "textDocument/hover", Hover));
        Assert.Equal(-32600, await server.ErrorCodeAsync(9));
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.cs","languageId":"csharp","version":1,"text":""}}}""");
        await server.Wire.WriteAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        Assert.Equal(0, await server.Running.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private const string Hover = """{"textDocument":{"uri":"file:///tmp/readiness-none/Program.cs"},"position":{"line":0,"character":0}}""";
}
