using System.Diagnostics;
using System.Text.Json;
using NJsonSchema;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Cli;

/// <summary>
/// SARIF output checked the way its consumers check it: against the official 2.1.0 schema (shipped
/// in Microsoft's sarif-multitool npm package, installed by the root package.json) and with the
/// multitool's own validator, whose errors and warnings must be empty.
/// </summary>
public sealed class SarifOutputTests
{
    private static readonly string MultitoolFolder = Path.Combine(RepoPaths.Root, "node_modules", "@microsoft", "sarif-multitool-linux");

    [Fact]
    public async Task Sample_report_validates_against_the_sarif_2_1_0_schema()
    {
        var schemaPath = Path.Combine(MultitoolFolder, "sarif-2.1.0.json");
        Assert.True(File.Exists(schemaPath), $"SARIF schema not found at {schemaPath}: run `npm ci` at the repository root");
        var schema = await JsonSchema.FromFileAsync(schemaPath);
        var sarif = SampleSarif(out _);
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));

        using var json = JsonDocument.Parse(sarif);
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.NotEmpty(run.GetProperty("results").EnumerateArray());
        foreach (var rule in run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
            Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
        }

        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(32, result.GetProperty("partialFingerprints").EnumerateObject().Single().Value.GetString()!.Length);
            Assert.Equal("%SRCROOT%", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        }
    }

    [Fact]
    public void Microsofts_sarif_validator_reports_no_errors_or_warnings()
    {
        var tool = Path.Combine(MultitoolFolder, "Sarif.Multitool");
        Assert.True(File.Exists(tool), $"sarif-multitool not found at {tool}: run `npm ci` at the repository root");
        using var workspace = new TempWorkspace();
        var input = workspace.Write("in.sarif", SampleSarif(out _));
        var report = Path.Combine(workspace.Root, "report.sarif");
        var start = new ProcessStartInfo(tool, ["validate", input, "--output", report, "--log", "ForceOverwrite"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(File.Exists(report), output);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var problems = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("level", out var level) ? level.GetString() is "error" or "warning" : true)
            .Select(r => r.GetRawText())
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // The sample app exercises every rule family that exists, so its report covers the most shapes.
    private static string SampleSarif(out int exit)
    {
        var sample = Path.Combine(RepoPaths.Samples, "VibeShop");
        var (code, stdout, stderr) = CliRunner.Check(sample, "--format", "sarif");
        exit = code;
        Assert.True(stderr.Length == 0, stderr);
        return stdout;
    }
}
