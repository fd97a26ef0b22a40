using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Engine;

/// <summary>Inline <c>readiness-ignore</c> comments and the settings that switch rules off or change severity.</summary>
public sealed class SuppressionTests
{
    [Fact]
    public void A_comment_above_silences_the_next_line_and_a_trailing_comment_its_own_line()
    {
        var text = SourceText.From("""
            // readiness-ignore RDY2001: only reachable on the intranet
            app.UseDeveloperExceptionPage();

            app.UseDeveloperExceptionPage(); // readiness-ignore RDY2001, RDY2002: demo box
            app.UseDeveloperExceptionPage(); /* readiness-ignore */
            # readiness-ignore RDY2103: test key
            KEY=value
            """);
        var suppressions = InlineSuppressions.Parse(text);
        Assert.True(suppressions.Suppresses("RDY2001", 1));
        Assert.False(suppressions.Suppresses("RDY2002", 1));
        Assert.True(suppressions.Suppresses("RDY2002", 3));
        Assert.True(suppressions.Suppresses("RDY9999", 4));
        Assert.True(suppressions.Suppresses("RDY2103", 6));
        Assert.Equal("only reachable on the intranet", suppressions.Entries[0].Reason);
        Assert.Equal("demo box", suppressions.Entries[1].Reason);
    }

    [Fact]
    public void Suppressed_findings_are_not_reported_by_the_engine()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", """
            var app = WebApplication.CreateBuilder(args).Build();
            // readiness-ignore RDY2001: staging only, behind basic auth
            app.UseDeveloperExceptionPage();
            app.UseDeveloperExceptionPage();
            """);
        var run = CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [workspace.Root], Logger.None);
        var finding = Assert.Single(run.Findings);
        Assert.Equal(3, finding.Range.Start.Line);
    }

    [Fact]
    public void Settings_switch_rules_off_change_severity_and_report_typos()
    {
        var (settings, problems) = SettingsReader.Parse("""
            {
              // comments are fine
              "rules": { "RDY2001": "off", "RDY2002": "error", "RDY1002": "loud" },
              "exclude": ["legacy/**"],
              "colour": "blue",
            }
            """, "readiness.json");
        var catalogue = ReadinessLsp.Engine.Catalogue.RuleCatalogue.Default;
        Assert.Null(settings.SeverityOf(catalogue["RDY2001"]));
        Assert.Equal(ReadinessLsp.Engine.Catalogue.Severity.Error, settings.SeverityOf(catalogue["RDY2002"]));
        Assert.Equal(catalogue["RDY1002"].DefaultSeverity, settings.SeverityOf(catalogue["RDY1002"]));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("rules.RDY1002", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("colour", StringComparison.Ordinal));
        Assert.True(settings.IsExcluded("/w", "/w/legacy/a/B.cs"));
        Assert.False(settings.IsExcluded("/w", "/w/src/B.cs"));
    }

    [Fact]
    public void Editor_settings_overlay_the_workspace_file()
    {
        var file = SettingsReader.Parse("""{ "rules": { "RDY2001": "off" }, "exclude": ["a/**"] }""", "file").Settings;
        var editor = SettingsReader.Parse("""{ "rules": { "RDY2001": "warning" }, "exclude": ["b/**"] }""", "editor").Settings;
        var merged = file.Overlay(editor);
        Assert.Equal(ReadinessLsp.Engine.Catalogue.Severity.Warning, merged.SeverityOf(ReadinessLsp.Engine.Catalogue.RuleCatalogue.Default["RDY2001"]));
        Assert.Equal(["a/**", "b/**"], merged.Exclude);
    }

    [Fact]
    public void Malformed_settings_are_reported_not_thrown()
    {
        var (settings, problems) = SettingsReader.Parse("{ \"rules\": ", "readiness.json");
        Assert.Same(ReadinessSettings.Default, settings);
        Assert.Single(problems);
    }
}
