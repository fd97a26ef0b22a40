using System.Text.Json;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Server.Cli;
using ReadinessLsp.Tests.Lsp;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Trust;

/// <summary>
/// What users read about the trust patterns: positions that say how they count, one note instead
/// of a finding per key when settings live outside the repository, rules that are off until asked
/// for, and messages that say what really happens.
/// </summary>
public sealed class TrustedOutputTests
{
    private const string ReadsSettings = """
        var builder = WebApplication.CreateBuilder(args);
        var key = Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]);
        var db = builder.Configuration.GetConnectionString("DefaultConnection");
        var app = builder.Build();
        app.Run();
        """;

    [Fact]
    public void Json_says_which_positions_count_from_one_and_which_from_zero()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\n\napp.UseDeveloperExceptionPage();\n");

        var (_, stdout, _) = CliRunner.Check(workspace.Root, "--format", "json", "--fail-on", "never");
        var json = JsonDocument.Parse(stdout).RootElement;

        Assert.Contains("1-based", json.GetProperty("positions").GetProperty("line").GetString(), StringComparison.Ordinal);
        Assert.Contains("1-based", json.GetProperty("positions").GetProperty("column").GetString(), StringComparison.Ordinal);
        Assert.Contains("0-based", json.GetProperty("positions").GetProperty("range").GetString(), StringComparison.Ordinal);
        var finding = json.GetProperty("findings")[0];
        Assert.Equal(3, finding.GetProperty("line").GetInt32());
        Assert.Equal(2, finding.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(finding.GetProperty("column").GetInt32() - 1, finding.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
    }

    [Fact]
    public void Settings_kept_out_of_the_repository_are_said_once_with_the_keys_not_reported_per_key()
    {
        using var workspace = SettingsOutsideTheRepository();

        var (_, text, _) = CliRunner.Check(workspace.Root, "--fail-on", "never");
        var (_, stdout, _) = CliRunner.Check(workspace.Root, "--format", "json", "--fail-on", "never");
        var json = JsonDocument.Parse(stdout).RootElement;

        Assert.DoesNotContain("RDY2150", text, StringComparison.Ordinal);
        var line = Assert.Single(text.Split('\n'), l => l.StartsWith("Not checked:", StringComparison.Ordinal));
        Assert.Contains("Api/appsettings.json is kept out of the repository", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:DefaultConnection, Jwt:Key", line, StringComparison.Ordinal);
        var note = Assert.Single(json.GetProperty("notes").EnumerateArray());
        Assert.Equal("Api/appsettings.json", note.GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_editor_is_told_once_which_settings_could_not_be_checked()
    {
        using var workspace = SettingsOutsideTheRepository();
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root);
        await client.WaitForProgressEndAsync();

        var shown = Assert.Single(client.ShownMessages);
        Assert.Equal(ReadinessLsp.Server.Protocol.MessageType.Info, shown.Type);
        Assert.Contains("Jwt:Key", shown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_opt_in_rule_reports_nothing_until_switched_on_and_says_so_everywhere()
    {
        var rule = RuleCatalogue.Default["RDY2122"];

        Assert.False(rule.EnabledByDefault);
        Assert.Null(ReadinessSettings.Default.SeverityOf(rule));
        var on = ReadinessSettings.Default.Overlay(new ReadinessSettings(new Dictionary<string, RuleSetting> { ["RDY2122"] = RuleSetting.Parse("on") }, []));
        Assert.Equal(Severity.Hint, on.SeverityOf(rule));
        Assert.Contains("| hint, off by default |", RulesCommand.Markdown(RuleCatalogue.Default), StringComparison.Ordinal);

        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", "{ \"AllowedHosts\": \"*\" }");
        var (_, sarif, _) = CliRunner.Check(workspace.Root, "--format", "sarif", "--fail-on", "never");
        var rules = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray();
        var configuration = rules.Single(r => r.GetProperty("id").GetString() == "RDY2122").GetProperty("defaultConfiguration");
        Assert.False(configuration.GetProperty("enabled").GetBoolean());
        Assert.Empty(JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Certificate_checks_and_encryption_are_told_apart_and_a_self_signed_server_gets_no_fix()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", """
            {
              "ConnectionStrings": {
                "Orders": "Server=sql.shop.internal;Database=orders;TrustServerCertificate=true",
                "Reports": "Server=sql.shop.internal;Database=reports;Encrypt=false"
              }
            }
            """);

        var findings = Check(workspace).Where(f => f.RuleId == "RDY2113").ToList();

        var trust = findings.Single(f => f.Arguments["key"] == "ConnectionStrings:Orders");
        Assert.Contains("certificate is not checked", trust.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not encrypted", trust.Message, StringComparison.Ordinal);
        Assert.Contains("not encrypted", findings.Single(f => f.Arguments["key"] == "ConnectionStrings:Reports").Message, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Empty(f.Fixes));
        Assert.Contains("install its certificate authority", trust.HoverMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_id_and_its_secret_are_one_finding_on_the_secret_with_the_id_beside_it()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", """
            {
              "Aws": { "AccessKeyId": "AKIAQ7R4XN2LMB5TK8WZ", "SecretAccessKey": "wJ7rXUtnFEMI2K7MDENGbPxRfiCYq8Zk4Lm9Vt2H" }
            }
            """);
        workspace.Write(".env", "CLOUDINARY_API_KEY=954213167565616\nCLOUDINARY_API_SECRET=0Mo5_8OwrtQk3Lp9Zx2Vb7Nm1Hd\n");

        var findings = Check(workspace).Where(f => f.Rule.Category == "secrets" && f.RuleId != "RDY2104").ToList();

        Assert.Equal(2, findings.Count);
        var aws = findings.Single(f => f.RuleId == "RDY2101");
        Assert.Equal("Aws:SecretAccessKey", aws.Arguments["key"]);
        var id = Assert.Single(aws.Related);
        Assert.Equal(1, id.Range.Start.Line);
        Assert.Contains("Aws:AccessKeyId", id.Message, StringComparison.Ordinal);
        var cloudinary = findings.Single(f => f.RuleId == "RDY2103");
        Assert.Equal("CLOUDINARY_API_SECRET", cloudinary.Arguments["name"]);
        Assert.Contains("CLOUDINARY_API_KEY", Assert.Single(cloudinary.Related).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_app_signs_tokens_with_is_the_worst_kind_of_secret_whatever_it_looks_like()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", """{ "Jwt": { "Key": "this is my custom Secret key for authentication" } }""");
        workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!));
            """);

        var finding = Assert.Single(Check(workspace), f => f.RuleId == "RDY2101");

        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("JWT signing key", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("**Anyone who can read this repository can sign their own tokens", finding.HoverMarkdown, StringComparison.Ordinal);
        Assert.DoesNotContain("custom Secret key", finding.Message + finding.HoverMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_production_database_password_is_an_error()
    {
        Assert.Equal(Severity.Error, RuleCatalogue.Default["RDY2112"].DefaultSeverity);
    }

    [Fact]
    public void A_tracked_env_file_says_what_to_do_instead_of_offering_gitignore()
    {
        using var workspace = new TempWorkspace();
        workspace.Write(".gitignore", ".env\n");
        workspace.Write(".env", "STRIPE_SECRET_KEY=sk_live_51ncO0vxg1x82YIsoceYGNalDKXzDtiGL5MdFzqbzy8XoAqG\n");
        Directory.CreateDirectory(Path.Combine(workspace.Root, ".git"));
        File.WriteAllBytes(Path.Combine(workspace.Root, ".git", "index"), GitIndexWriter.Write([".env", ".gitignore"], version: 4));

        var finding = Assert.Single(Check(workspace), f => f.Rule.Category == "secrets");

        Assert.Equal("RDY1122", finding.RuleId);
        Assert.Empty(finding.Fixes);
        Assert.Contains("git rm --cached .env", finding.HoverMarkdown, StringComparison.Ordinal);
        Assert.Contains("Rotate", finding.HoverMarkdown, StringComparison.Ordinal);
    }

    private static TempWorkspace SettingsOutsideTheRepository()
    {
        var workspace = new TempWorkspace();
        workspace.Write(".gitignore", "appsettings.json\nappsettings.*.json\n");
        workspace.Write("Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>");
        workspace.Write("Api/Program.cs", ReadsSettings);
        workspace.Write("Api/Properties/launchSettings.json", """{ "profiles": { "http": { "environmentVariables": { "ASPNETCORE_ENVIRONMENT": "Development" } } } }""");
        return workspace;
    }

    private static IReadOnlyList<ReadinessLsp.Engine.Findings.Finding> Check(TempWorkspace workspace) =>
        CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [workspace.Root], Logger.None).Findings;
}
