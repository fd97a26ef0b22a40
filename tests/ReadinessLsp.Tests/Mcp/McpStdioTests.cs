using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ReadinessLsp.Tests.Mcp;

/// <summary>The built executable as an agent starts it: <c>readiness mcp DIR</c> over real stdio.</summary>
public sealed class McpStdioTests
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "ReadinessLsp.Server.dll");

    [Fact]
    public async Task An_agent_loop_over_stdio_checks_explains_fixes_and_checks_clean()
    {
        using var sample = SampleCopy.VibeShop();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "readiness",
            Command = "dotnet",
            Arguments = [ServerDll, "mcp", sample.Root],

            // Started inside the user's app, next to its appsettings.json: the server must not read it.
            WorkingDirectory = sample.Root,
        });
        await using var client = await McpClient.CreateAsync(transport);

        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "check_workspace");

        var check = await client.CallToolAsync("check_workspace", new Dictionary<string, object?> { ["severity"] = "error", ["limit"] = 100 });
        var finding = check.StructuredContent!.Value.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("rule").GetString() == "RDY2001");
        var id = finding.GetProperty("id").GetString();

        var explanation = await client.CallToolAsync("explain_finding", new Dictionary<string, object?> { ["id"] = id });
        Assert.Contains("UseDeveloperExceptionPage", explanation.StructuredContent!.Value.GetProperty("evidence").GetString(), StringComparison.Ordinal);

        var fix = await client.CallToolAsync("get_fix", new Dictionary<string, object?> { ["id"] = id });
        var diff = fix.StructuredContent!.Value.GetProperty("fixes")[0].GetProperty("diff").GetString()!;
        GitApply(sample.Root, diff);

        var after = await client.CallToolAsync("check_files", new Dictionary<string, object?> { ["paths"] = new[] { "Program.cs" } });
        Assert.DoesNotContain(McpToolTests.Rules(after.StructuredContent!.Value), r => r == "RDY2001");
        Assert.Contains("Program.cs:", after.Content.OfType<TextContentBlock>().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdout_carries_protocol_only_and_the_server_exits_when_stdin_closes()
    {
        using var sample = SampleCopy.VibeShop();
        var start = new ProcessStartInfo("dotnet", [ServerDll, "mcp", "--log-level", "Debug"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = sample.Root, // the workspace defaults to the current folder
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            string[] requests =
            [
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
                """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
                """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"check_workspace","arguments":{"limit":3}}}""",
                """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"check_files","arguments":{"paths":["../outside.cs"]}}}""",
            ];
            foreach (var request in requests)
            {
                await process.StandardInput.WriteLineAsync(request);
            }

            await process.StandardInput.FlushAsync();
            var responses = new Dictionary<int, JsonElement>();
            while (responses.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                Assert.NotNull(line);
                using var message = JsonDocument.Parse(line); // anything but JSON-RPC on stdout fails here
                Assert.Equal("2.0", message.RootElement.GetProperty("jsonrpc").GetString());
                if (message.RootElement.TryGetProperty("id", out var messageId))
                {
                    responses[messageId.GetInt32()] = message.RootElement.Clone();
                }
            }

            var result = responses[2].GetProperty("result");
            Assert.Equal(McpToolTests.CliCount(sample.Root), result.GetProperty("structuredContent").GetProperty("total").GetInt32());
            var refused = responses[3].GetProperty("result");
            Assert.True(refused.GetProperty("isError").GetBoolean());
            Assert.Contains("outside the workspace", refused.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Loaded", await stderr, StringComparison.Ordinal); // logs go to stderr
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_missing_folder_is_refused_with_exit_code_2()
    {
        var start = new ProcessStartInfo("dotnet", [ServerDll, "mcp", "/no/such/folder"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, process.ExitCode);
        Assert.Equal(string.Empty, await stdout);
        Assert.Contains("does not exist", await stderr, StringComparison.Ordinal);
    }

    /// <summary>Applies a unified diff with git, as an agent or a person would.</summary>
    internal static void GitApply(string folder, string diff)
    {
        var patch = Path.Combine(Path.GetTempPath(), $"readiness-{Guid.NewGuid():N}.diff");
        File.WriteAllText(patch, diff);
        try
        {
            var start = new ProcessStartInfo("git", ["apply", "--verbose", patch]) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
            using var git = Process.Start(start)!;
            var output = git.StandardError.ReadToEnd() + git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, $"git apply failed: {output}\n{diff}");
        }
        finally
        {
            File.Delete(patch);
        }
    }
}
