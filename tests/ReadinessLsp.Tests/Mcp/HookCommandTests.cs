using System.Text.Json;
using System.Text.Json.Nodes;
using ReadinessLsp.Server.Mcp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Mcp;

/// <summary><c>readiness hook</c> as Claude Code's PostToolUse runs it: the hook's JSON on stdin, the answer on stdout.</summary>
public sealed class HookCommandTests
{
    [Fact]
    public void An_edit_that_leaves_errors_blocks_with_what_to_fix_first()
    {
        using var sample = SampleCopy.VibeShop();
        var (exit, stdout, _) = Run(Edit(sample.Root, Path.Combine(sample.Root, "Program.cs")));

        Assert.Equal(0, exit);
        var answer = JsonNode.Parse(stdout)!;
        Assert.Equal("block", (string?)answer["decision"]);
        var reason = (string)answer["reason"]!;
        Assert.StartsWith("Readiness: Program.cs has ", reason, StringComparison.Ordinal);
        Assert.Contains("Fix these first:\nerror ", reason, StringComparison.Ordinal);
        Assert.Contains("RDY2001 Program.cs:", reason, StringComparison.Ordinal);
        Assert.Contains("[fix: Only use it in Development]", reason, StringComparison.Ordinal);
        Assert.Contains("get_fix", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_hook_folder_and_secrets_stay_masked()
    {
        using var sample = SampleCopy.VibeShop();
        var (exit, stdout, _) = Run(Edit(sample.Root, "appsettings.json"));

        Assert.Equal(0, exit);
        var reason = (string)JsonNode.Parse(stdout)!["reason"]!;
        Assert.Contains("RDY2101 appsettings.json:", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_51bi0W", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_file_prints_nothing()
    {
        using var sample = SampleCopy.VibeShop();
        var (exit, stdout, stderr) = Run(Edit(sample.Root, Path.Combine(sample.Root, "Models", "Product.cs")));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Info_and_hints_alone_are_context_not_a_block()
    {
        const string key = "SG.Xk2vQp9LrT4wZb7Nc1Hd.Jf8sLq3Vy6Rm0Pt5Wn2Ea9Gk4Uc7Ib1Oz3Sx8Dh6Mv";
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.Development.json", $"{{ \"SendGrid\": {{ \"ApiKey\": \"{key}\" }} }}\n");
        var (exit, stdout, _) = Run(Edit(workspace.Root, "appsettings.Development.json"));

        Assert.Equal(0, exit);
        var answer = JsonNode.Parse(stdout)!;
        Assert.Null(answer["decision"]);
        Assert.Equal("PostToolUse", (string?)answer["hookSpecificOutput"]!["hookEventName"]);
        var context = (string)answer["hookSpecificOutput"]!["additionalContext"]!;
        Assert.Contains("info RDY2102 appsettings.Development.json:", context, StringComparison.Ordinal);
        Assert.DoesNotContain(key, context, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}""")]
    [InlineData("""{"hook_event_name":"PostToolUse","tool_name":"Write","tool_input":{"file_path":"/etc/hosts"}}""")]
    [InlineData("""{"hook_event_name":"PostToolUse","tool_name":"Write","tool_input":{"file_path":"README.md"}}""")]
    public void Anything_but_an_edit_of_a_file_the_engine_reads_passes_silently(string input)
    {
        using var sample = SampleCopy.VibeShop();
        var (exit, stdout, _) = Run(JsonNode.Parse(input)!.AsObject().Also(o => o["cwd"] = sample.Root).ToJsonString());
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void Input_that_is_not_json_is_a_non_blocking_error()
    {
        var (exit, stdout, stderr) = Run("not json");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("not the hook's JSON", stderr, StringComparison.Ordinal);
    }

    private static string Edit(string cwd, string file) => JsonSerializer.Serialize(new
    {
        session_id = "test",
        cwd,
        hook_event_name = "PostToolUse",
        tool_name = "Edit",
        tool_input = new { file_path = file, old_string = "a", new_string = "b" },
        tool_response = new { success = true },
    });

    private static (int Exit, string Stdout, string Stderr) Run(string input)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = HookCommand.Run([], new StringReader(input), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject value, Action<JsonObject> change)
    {
        change(value);
        return value;
    }
}
