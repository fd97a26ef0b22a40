using System.Text.Json;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Cli;

/// <summary>The check command's contract: output formats, exit codes, one-line errors.</summary>
public sealed class CheckCommandTests
{
    private const string RiskyProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        """;

    [Fact]
    public void Text_output_groups_by_file_with_positions_and_a_summary_by_category()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("src/Program.cs", RiskyProgram);
        var (exit, stdout, _) = CliRunner.Check(workspace.Root);
        Assert.Equal(1, exit);
        Assert.Contains("src/Program.cs:4:1  error    RDY2001", stdout, StringComparison.Ordinal);
        Assert.Contains("src/Program.cs:2:57  warning  RDY2002", stdout, StringComparison.Ordinal);
        Assert.Contains("2 findings (1 error, 1 warning)", stdout, StringComparison.Ordinal);
        Assert.Contains("By category:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    [InlineData("never", 0)]
    public void Exit_status_follows_fail_on(string failOn, int expected)
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", RiskyProgram);
        Assert.Equal(expected, CliRunner.Check(workspace.Root, "--fail-on", failOn).Exit);
    }

    [Fact]
    public void Warnings_alone_do_not_fail_the_default_threshold()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", "var b = WebApplication.CreateBuilder(args);\nb.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin()));\n");
        Assert.Equal(0, CliRunner.Check(workspace.Root).Exit);
        Assert.Equal(1, CliRunner.Check(workspace.Root, "--fail-on", "warning").Exit);
    }

    [Theory]
    [InlineData("/definitely/not/here")]
    [InlineData("--format", "xml")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--bogus")]
    [InlineData]
    public void Bad_path_or_option_is_one_line_and_exit_2(params string[] args)
    {
        using var workspace = new TempWorkspace();
        var full = args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal) ? [workspace.Root, .. args] : args;
        var (exit, stdout, stderr) = CliRunner.Check(full);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("readiness: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_has_positions_ranges_fingerprints_and_fixes()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", RiskyProgram);
        var (_, stdout, _) = CliRunner.Check(workspace.Root, "--format", "json");
        using var json = JsonDocument.Parse(stdout);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "RDY2001");
        Assert.Equal("Program.cs", finding.GetProperty("path").GetString());
        Assert.Equal(4, finding.GetProperty("line").GetInt32());
        Assert.Equal(3, finding.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(32, finding.GetProperty("fingerprint").GetString()!.Length);
        Assert.Contains("IsDevelopment()", finding.GetProperty("fixes")[0].GetProperty("edits")[0].GetProperty("newText").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_survive_lines_moving()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", RiskyProgram);
        var before = Fingerprints(CliRunner.Check(workspace.Root, "--format", "json").Stdout);
        workspace.Write("Program.cs", "// a new comment\n\n" + RiskyProgram);
        var after = Fingerprints(CliRunner.Check(workspace.Root, "--format", "json").Stdout);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Output_file_receives_the_report()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", RiskyProgram);
        var output = Path.Combine(workspace.Root, "out.sarif");
        var (exit, stdout, _) = CliRunner.Check(workspace.Root, "--format", "sarif", "--output", output, "--fail-on", "never");
        Assert.Equal(0, exit);
        Assert.Empty(stdout);
        Assert.Contains("\"version\": \"2.1.0\"", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Exclude_option_and_workspace_settings_file_are_honoured()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("src/Program.cs", RiskyProgram);
        workspace.Write("legacy/Program.cs", RiskyProgram);
        workspace.Write("readiness.json", """{ "rules": { "RDY2002": "off", "RDY2001": "warning" }, "exclude": ["legacy/**"] }""");
        var (exit, stdout, _) = CliRunner.Check(workspace.Root, "--format", "json");
        using var json = JsonDocument.Parse(stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(0, exit);
        var only = Assert.Single(findings);
        Assert.Equal("RDY2001", only.GetProperty("ruleId").GetString());
        Assert.Equal("warning", only.GetProperty("severity").GetString());
        Assert.Equal("src/Program.cs", only.GetProperty("path").GetString());
        Assert.Empty(JsonDocument.Parse(CliRunner.Check(workspace.Root, "--format", "json", "--exclude", "src/**").Stdout).RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void A_broken_settings_file_stops_the_check_and_an_unknown_rule_is_a_warning()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", RiskyProgram);
        workspace.Write("readiness.json", "{ \"rules\": { \"RDY2001\": \"off\" ");
        var (exit, stdout, stderr) = CliRunner.Check(workspace.Root);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("readiness.json: not valid JSON at line 1", stderr, StringComparison.Ordinal);

        workspace.Write("readiness.json", """{ "rules": { "RDY7777": "off" } }""");
        (exit, _, stderr) = CliRunner.Check(workspace.Root);
        Assert.Equal(1, exit);
        Assert.Contains("rules.RDY7777: no such rule", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_command_lists_every_rule_and_refuses_unknown_options()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, ReadinessLsp.Server.Cli.RulesCommand.Run([], stdout, TextWriter.Null));
        Assert.Equal(ReadinessLsp.Engine.Catalogue.RuleCatalogue.Default.Rules.Count, stdout.ToString().TrimEnd().Split('\n').Length);
        Assert.Equal(2, ReadinessLsp.Server.Cli.RulesCommand.Run(["--bogus"], TextWriter.Null, TextWriter.Null));
    }

    private static string[] Fingerprints(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()!)];
}
