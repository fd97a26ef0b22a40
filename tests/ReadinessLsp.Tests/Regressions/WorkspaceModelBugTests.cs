using System.Text.Json;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Regressions;

/// <summary>
/// Bugs that came from each face keeping its own idea of the workspace: settings applied to the
/// wrong folder, paths that do not say which folder, and three readings of "development".
/// </summary>
public sealed class WorkspaceModelBugTests
{
    private const string Risky = "var app = WebApplication.CreateBuilder(args).Build();\napp.UseDeveloperExceptionPage();\n";

    [Fact]
    public void Each_folder_is_checked_with_its_own_readiness_json_in_any_order()
    {
        using var a = new TempWorkspace();
        using var b = new TempWorkspace();
        a.Write("Program.cs", Risky);
        b.Write("Program.cs", Risky);
        b.Write("readiness.json", "{ \"rules\": { \"RDY2001\": \"off\" } }");

        foreach (var order in new[] { new[] { a.Root, b.Root }, [b.Root, a.Root] })
        {
            var (_, stdout, _) = CliRunner.Check([.. order, "--format", "json"]);
            var findings = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().ToList();
            var roots = findings.Where(f => f.GetProperty("ruleId").GetString() == "RDY2001").Select(f => f.GetProperty("root").GetString()).ToList();
            Assert.Equal([a.Root], roots);
        }
    }

    [Fact]
    public void With_several_folders_json_and_sarif_say_which_folder_a_path_is_in()
    {
        using var a = new TempWorkspace();
        using var b = new TempWorkspace();
        a.Write("Program.cs", Risky);
        b.Write("Program.cs", Risky);

        var (_, json, _) = CliRunner.Check(a.Root, b.Root, "--format", "json");
        var located = JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("root").GetString()}|{f.GetProperty("path").GetString()}").Order().ToList();
        Assert.Equal(new[] { $"{a.Root}|Program.cs", $"{b.Root}|Program.cs" }.Order(), located);

        var (_, sarif, _) = CliRunner.Check(a.Root, b.Root, "--format", "sarif");
        var run = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];
        var bases = run.GetProperty("originalUriBaseIds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("uri").GetString()!);
        var used = run.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString()!)
            .Select(id => bases[id])
            .Order()
            .ToList();
        Assert.Equal(new[] { new Uri(a.Root + "/").AbsoluteUri, new Uri(b.Root + "/").AbsoluteUri }.Order(), used);
    }

    [Fact]
    public void A_local_environment_is_development_for_guards_settings_files_and_launch_profiles()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", """
            var app = WebApplication.CreateBuilder(args).Build();
            if (app.Environment.IsEnvironment("Local"))
            {
                app.UseDeveloperExceptionPage();
            }
            """);
        workspace.Write("appsettings.Local.json", "{ \"Stripe\": { \"ApiKey\": \"sk_live_51HqLyjWDarjtT1zdp7dcXAMPLEKEYFORTESTS00abcdEF\" } }");
        workspace.Write("Properties/launchSettings.json", """
            {
              "profiles": {
                "local": {
                  "commandName": "Project",
                  "environmentVariables": { "ASPNETCORE_ENVIRONMENT": "Local", "ASPNETCORE_DETAILEDERRORS": "true", "Logging__LogLevel__Default": "Debug" }
                }
              }
            }
            """);

        var (_, stdout, _) = CliRunner.Check(workspace.Root, "--format", "json");
        var rules = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();

        Assert.DoesNotContain("RDY2001", rules); // the guard keeps the error page on the author's machine
        Assert.Contains("RDY2102", rules);       // appsettings.Local.json is a development file: a secret there is low severity
        Assert.DoesNotContain("RDY2101", rules);
        Assert.DoesNotContain("RDY2130", rules); // the "local" profile is not meant to behave like Production
    }
}
