using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Fixtures;

/// <summary>
/// A fix must leave a working app. For every fixture whose findings carry fixes, the workspace with
/// all of them applied is checked again: every settings file still parses (no RDY2140), every C#
/// file a fix edited still parses, and nothing a fix added refers to a setting defined nowhere (no
/// RDY2150 that the original workspace did not have) — a fix that points at a key no file defines
/// would break the feature it meant to protect.
/// </summary>
public sealed class FixedWorkspaceTests
{
    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    public static TheoryData<string> CasesWithFixes()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in FixtureCase.All().Where(f => f.Expected.Count > 0))
        {
            data.Add(fixture.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesWithFixes))]
    public void The_fixed_workspace_still_parses_and_refers_only_to_settings_that_exist(string id)
    {
        var fixture = FixtureCase.Load(id);
        using var original = new TempWorkspace();
        fixture.Materialise(original.Root);
        var before = CheckRun.Check(Engine, [original.Root], Logger.None);
        string Relative(string path) => PathNormalizer.Relative(PathNormalizer.Normalize(original.Root), path);
        var fixes = before.Findings.Where(f => f.RuleId == fixture.Rule).Select(f => before.FixesOf(f).FirstOrDefault()).OfType<Fix>().ToList();
        var texts = fixture.Files.ToDictionary(f => f.Key, f => f.Value.Text, StringComparer.Ordinal);
        var fixedFiles = FixApplier.Apply(texts, fixes, Relative);
        var edited = fixes.SelectMany(f => f.Edits).Select(e => Relative(e.Path)).ToHashSet(StringComparer.Ordinal);

        using var repaired = new TempWorkspace();
        foreach (var (path, text) in fixedFiles)
        {
            if (path == FixtureCase.GitIndex)
            {
                continue; // the tracked-files list is not a file an app reads
            }

            repaired.Write(path, text);
        }

        var after = CheckRun.Check(Engine, [repaired.Root], Logger.None);
        string RelativeAfter(string path) => PathNormalizer.Relative(PathNormalizer.Normalize(repaired.Root), path);

        var unreadable = after.Findings.Where(f => f.RuleId == "RDY2140" && edited.Contains(RelativeAfter(f.Path))).Select(f => $"{RelativeAfter(f.Path)}: {f.Message}").ToList();
        Assert.True(unreadable.Count == 0, "a fix left a settings file .NET cannot read:\n" + string.Join('\n', unreadable));

        foreach (var path in edited.Where(p => p.EndsWith(".cs", StringComparison.Ordinal)))
        {
            var errors = CSharpSyntaxTree.ParseText(fixedFiles[path]).GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"a fix left {path} with syntax errors:\n" + string.Join('\n', errors));
        }

        var undefinedBefore = before.Findings.Where(f => f.RuleId == "RDY2150").Select(f => f.Arguments["key"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var undefinedAfter = after.Findings.Where(f => f.RuleId == "RDY2150" && !undefinedBefore.Contains(f.Arguments["key"])).Select(f => $"{RelativeAfter(f.Path)}: {f.Message}").ToList();
        Assert.True(undefinedAfter.Count == 0, "a fix refers to settings no file defines:\n" + string.Join('\n', undefinedAfter));
    }
}
