using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Config;

public sealed class ConfigKeyHoverTests
{
    [Fact]
    public void Lists_definitions_per_environment_and_reads_with_secrets_masked()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("appsettings.json", "{\n  \"Stripe\": { \"SecretKey\": \"\" }\n}\n");
        workspace.Write("appsettings.Production.json", "{\n  \"Stripe\": {\n    \"SecretKey\": \"sk_live_51NvQa8Lk2xWm7Rt4Yp9Zc3Hd6Jf\"\n  }\n}\n");
        workspace.Write(".env.example", "Stripe__SecretKey=\n");
        var program = workspace.Write("Program.cs", "var key = builder.Configuration[\"Stripe:SecretKey\"];\n");
        var facts = Facts(workspace.Root);

        var hover = ConfigKeyHover.Describe(facts, PathNormalizer.Normalize(program), new LinePosition(0, 36));

        Assert.NotNull(hover);
        Assert.Contains("Stripe:SecretKey", hover, StringComparison.Ordinal);
        Assert.Contains("`Stripe__SecretKey`", hover, StringComparison.Ordinal);
        Assert.Contains("`appsettings.Production.json:3` (Production)", hover, StringComparison.Ordinal);
        Assert.Contains("`appsettings.json:2` (all environments)", hover, StringComparison.Ordinal);
        Assert.Contains("`.env.example:1` (template)", hover, StringComparison.Ordinal);
        Assert.Contains("`Program.cs:1`", hover, StringComparison.Ordinal);
        Assert.DoesNotContain("51NvQa8", hover, StringComparison.Ordinal);
    }

    [Fact]
    public void Works_from_the_key_in_a_settings_file_and_is_null_elsewhere()
    {
        using var workspace = new TempWorkspace();
        var settings = workspace.Write("appsettings.json", "{\n  \"Mail\": { \"From\": \"shop@example.com\" }\n}\n");
        var facts = Facts(workspace.Root);
        var path = PathNormalizer.Normalize(settings);

        var hover = ConfigKeyHover.Describe(facts, path, new LinePosition(1, 15));

        Assert.Contains("Mail:From", hover, StringComparison.Ordinal);
        Assert.Contains("shop@example.com", hover, StringComparison.Ordinal);
        Assert.Null(ConfigKeyHover.Describe(facts, path, new LinePosition(0, 0)));
    }

    private static WorkspaceModels Facts(string root) =>
        CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [root], Logger.None).State.Models;
}
