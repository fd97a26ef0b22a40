using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Fixtures;

/// <summary>
/// Runs every fixture under <c>tests/fixtures</c> through the same path as <c>check</c>: the
/// findings of the case's rule must match the markers exactly, and applying the rule's fixes must
/// produce the <c>.fixed</c> files (and change nothing else). Adding a case needs no C# code.
/// </summary>
public sealed class FixtureTests
{
    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in FixtureCase.All())
        {
            data.Add(fixture.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Findings_match_markers_and_fixes_match_fixed_files(string id)
    {
        var fixture = FixtureCase.Load(id);
        using var workspace = new TempWorkspace();
        fixture.Materialise(workspace.Root);
        var run = CheckRun.Check(Engine, [workspace.Root], Logger.None);
        var findings = run.Findings.Where(f => f.RuleId == fixture.Rule).ToList();
        string Relative(string path) => PathNormalizer.Relative(PathNormalizer.Normalize(workspace.Root), path);

        Assert.Equal(Render(fixture, fixture.Files.ToDictionary(f => f.Key, f => f.Value.Markers.Where(m => m.Rule == fixture.Rule))), Render(fixture, Actual(fixture, findings, Relative)));

        var originals = fixture.Files.ToDictionary(f => f.Key, f => f.Value.Text, StringComparer.Ordinal);
        var fixedFiles = FixApplier.Apply(originals, findings.Select(f => run.FixesOf(f).FirstOrDefault()).OfType<Fix>(), Relative);
        foreach (var (path, text) in fixedFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var expected = fixture.Expected.TryGetValue(path, out var e) ? e : originals.GetValueOrDefault(path);
            Assert.True(expected is not null, $"a fix created {path}, but the fixture has no {path}.fixed");
            Assert.Equal(Normalize(expected!), Normalize(text));
        }

        foreach (var path in fixture.Expected.Keys)
        {
            Assert.True(fixedFiles.ContainsKey(path), $"{path}.fixed exists but no fix touched {path}");
        }
    }

    private static Dictionary<string, IEnumerable<Marker>> Actual(FixtureCase fixture, IEnumerable<Finding> findings, Func<string, string> relative)
    {
        var actual = fixture.Files.Keys.ToDictionary(k => k, _ => Enumerable.Empty<Marker>(), StringComparer.Ordinal);
        foreach (var group in findings.GroupBy(f => relative(f.Path)))
        {
            var text = Microsoft.CodeAnalysis.Text.SourceText.From(fixture.Files[group.Key].Text);
            actual[group.Key] = group.Select(f => text.Lines.GetTextSpan(f.Range)).Select(s => new Marker(fixture.Rule, s.Start, s.End)).ToList();
        }

        return actual;
    }

    // One string for the whole case, so a failure shows every file with expected vs actual markers.
    private static string Render(FixtureCase fixture, IReadOnlyDictionary<string, IEnumerable<Marker>> markers) =>
        string.Join("\n", fixture.Files.Select(f => $"=== {f.Key}\n{MarkedText.Render(f.Value.Text, markers[f.Key].OrderBy(m => m.Start))}"));

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
