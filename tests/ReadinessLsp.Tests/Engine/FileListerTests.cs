using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Engine;

/// <summary>What the scan reads and what it refuses: ignored, generated, huge and binary files.</summary>
public sealed class FileListerTests
{
    [Fact]
    public void Classifies_files_and_takes_the_environment_from_the_name()
    {
        Assert.Equal(FileKind.CSharp, FileClassifier.Classify("/a/Program.cs"));
        Assert.Equal(FileKind.AppSettings, FileClassifier.Classify("/a/appsettings.Production.json"));
        Assert.Equal("Production", FileClassifier.AppSettingsEnvironment("/a/appsettings.Production.json"));
        Assert.Null(FileClassifier.AppSettingsEnvironment("/a/appsettings.json"));
        Assert.Equal(FileKind.EnvFile, FileClassifier.Classify("/a/.env.local"));
        Assert.True(FileClassifier.IsEnvTemplate("/a/.env.example"));
        Assert.False(FileClassifier.IsEnvTemplate("/a/.env"));
        Assert.Equal(FileKind.LaunchSettings, FileClassifier.Classify("/a/Properties/launchSettings.json"));
        Assert.Equal(FileKind.ComposeFile, FileClassifier.Classify("/a/docker-compose.override.yml"));
        Assert.Equal(FileKind.ComposeFile, FileClassifier.Classify("/a/compose.yaml"));
        Assert.Equal(FileKind.PackageJson, FileClassifier.Classify("/a/package.json"));
        Assert.Equal(FileKind.Solution, FileClassifier.Classify("/a/Shop.slnx"));
        Assert.Equal(FileKind.ProjectFile, FileClassifier.Classify("/a/Shop.Api.csproj"));
        Assert.Equal(FileKind.Other, FileClassifier.Classify("/a/.github/workflows/build.yml"));
    }

    [Fact]
    public void Respects_gitignore_and_skips_build_output()
    {
        using var workspace = new TempWorkspace();
        workspace.Write(".gitignore", "secrets/\n*.generated.cs\n!keep.generated.cs\n/Root.cs\n");
        workspace.Write("src/App.cs", "class App {}");
        workspace.Write("src/Root.cs", "class NotAnchored {}");
        workspace.Write("Root.cs", "class Anchored {}");
        workspace.Write("src/Model.generated.cs", "class Gen {}");
        workspace.Write("src/keep.generated.cs", "class Keep {}");
        workspace.Write("secrets/appsettings.json", "{}");
        workspace.Write("src/bin/Debug/appsettings.json", "{}");
        workspace.Write("src/obj/Generated.cs", "class G {}");
        workspace.Write("node_modules/pkg/.env", "A=1");
        workspace.Write("nested/.gitignore", ".env\n");
        workspace.Write("nested/.env", "A=1");
        workspace.Write("nested/.env.example", "A=");
        workspace.Write("README.md", "# not analysed");

        var files = Scan(workspace.Root);

        Assert.Equal(
            [".gitignore", "nested/.env.example", "nested/.gitignore", "src/App.cs", "src/Root.cs", "src/keep.generated.cs"],
            files);
    }

    [Fact]
    public void Exclude_globs_remove_folders_and_files()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("src/App.cs", "class App {}");
        workspace.Write("legacy/Old.cs", "class Old {}");
        workspace.Write("src/Migrations/0001_Init.cs", "class Init {}");
        var scanner = new FileLister(["legacy/**", "**/Migrations/**"], Logger.None);
        var files = scanner.Scan(workspace.Root).Select(f => PathNormalizer.Relative(workspace.Root, f.Path)).ToList();
        Assert.Equal(["src/App.cs"], files);
        Assert.False(scanner.Includes(workspace.Root, Path.Combine(workspace.Root, "legacy", "Old.cs")));
        Assert.True(scanner.Includes(workspace.Root, Path.Combine(workspace.Root, "src", "App.cs")));
    }

    [Fact]
    public void Huge_and_binary_files_are_skipped_with_a_reason_and_the_run_goes_on()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Big.cs", "// " + new string('x', 3 * 1024 * 1024));
        workspace.Write("Binary.cs", "class A {}\0\0\0");
        workspace.Write("Broken.cs", "class { void ( { ;; app.UseDeveloperExceptionPage(");
        workspace.Write("appsettings.json", "{ \"Logging\": { ");
        workspace.Write("Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.UseDeveloperExceptionPage();\n");

        var run = CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [workspace.Root], Logger.None);

        Assert.Equal(["Big.cs", "Binary.cs"], run.Skipped.Select(s => Path.GetFileName(s.Path)));
        Assert.Contains("over the 2048 KB limit", run.Skipped[0].Reason, StringComparison.Ordinal);
        Assert.Contains("binary", run.Skipped[1].Reason, StringComparison.Ordinal);
        Assert.Contains(run.Findings, f => f.RuleId == "RDY2001" && Path.GetFileName(f.Path) == "Program.cs");
    }

    [Fact]
    public void A_missing_folder_is_an_empty_scan_not_a_crash()
    {
        var scanner = new FileLister([], Logger.None);
        Assert.Empty(scanner.Scan(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }

    private static List<string> Scan(string root) =>
        new FileLister([], Logger.None).Scan(root).Select(f => PathNormalizer.Relative(root, f.Path)).Order(StringComparer.Ordinal).ToList();
}
