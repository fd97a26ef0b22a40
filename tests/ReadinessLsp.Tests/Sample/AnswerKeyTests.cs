using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Sample;

/// <summary>
/// The sample app as an executable answer key: the tool finds exactly what
/// <c>samples/VibeShop/expected-findings.txt</c> lists under [found], none of the correct code
/// under [must stay silent], and every rule of the catalogue is shown or its absence explained.
/// Set <c>READINESS_UPDATE_ANSWER_KEY=1</c> to rewrite [found] from what the tool reports now,
/// then read the diff: it is the change in what users see.
/// </summary>
public sealed class AnswerKeyTests
{
    private static readonly string Sample = Path.Combine(RepoPaths.Samples, "VibeShop");
    private static readonly string KeyFile = Path.Combine(Sample, "expected-findings.txt");

    [Fact]
    public void The_sample_shows_exactly_the_findings_of_its_answer_key()
    {
        var key = AnswerKey.Read(KeyFile);
        var actual = Actual();
        if (Environment.GetEnvironmentVariable("READINESS_UPDATE_ANSWER_KEY") == "1")
        {
            File.WriteAllText(KeyFile, key.WithFound(actual));
            key = AnswerKey.Read(KeyFile);
        }

        Assert.Equal(string.Join('\n', key["found"].Select(e => e.Key).Order(StringComparer.Ordinal)), string.Join('\n', actual.Select(e => e.Key).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Correct_code_in_the_sample_stays_silent()
    {
        var key = AnswerKey.Read(KeyFile);
        var noisy = Actual().Where(a => key["must stay silent"].Any(s => s.Matches(a))).Select(a => a.Key).ToList();
        Assert.True(noisy.Count == 0, "findings on code the answer key marks as correct:\n" + string.Join('\n', noisy));
    }

    [Fact]
    public void Every_rule_is_shown_by_the_sample_or_its_absence_is_explained()
    {
        var key = AnswerKey.Read(KeyFile);
        var shown = key["found"].Select(e => e.Rule).Concat(key["absent"].Select(e => e.Rule)).ToHashSet(StringComparer.Ordinal);
        var missing = ReadinessEngine.CreateDefault(Logger.None).Catalogue.Rules.Select(r => r.Id).Where(id => !shown.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "rules neither found in samples/VibeShop nor listed under [absent]: " + string.Join(", ", missing));
        Assert.All(key["absent"], e => Assert.False(string.IsNullOrWhiteSpace(e.Comment), $"say why {e.Rule} is absent"));
    }

    [Fact]
    public void Not_yet_entries_name_risks_no_rule_finds()
    {
        var key = AnswerKey.Read(KeyFile);
        var actual = Actual();
        var found = key["not yet"].Where(n => actual.Any(a => n.Path == a.Path && n.Where == a.Where && n.Rule == a.Rule)).Select(n => n.Key).ToList();
        Assert.True(found.Count == 0, "these are found now: move them to [found]:\n" + string.Join('\n', found));
    }

    // A copy outside any git repository: whether the sample's .env is committed depends on how this
    // repository was obtained (a clone tracks it, an exported tree has no index), not on the tool.
    private static List<AnswerKey.Entry> Actual()
    {
        using var copy = new TempWorkspace();
        foreach (var file in Directory.GetFiles(Sample, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Sample, file);
            if (!relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            {
                copy.Write(relative, File.ReadAllText(file));
            }
        }

        var run = CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [copy.Root], Logger.None);
        return [.. run.Findings.Select(f => new AnswerKey.Entry(f.RuleId, run.State.RelativePath(f.Path), Where(f))).OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    // The C# member, or the setting a configuration finding is about.
    private static string Where(Finding finding) =>
        finding.Member ??
        new[] { "key", "name", "setting", "file" }.Select(a => finding.Arguments.GetValueOrDefault(a)).FirstOrDefault(v => !string.IsNullOrEmpty(v))?.Replace(' ', '_') ??
        $"line{finding.Range.Start.Line + 1}";
}
