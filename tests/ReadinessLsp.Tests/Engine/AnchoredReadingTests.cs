using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Fixtures;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Engine;

/// <summary>
/// Anchored components see a file the same way whether it is walked whole (another rule needs it)
/// or only around their anchors: the same detections and the same facts.
/// </summary>
public sealed class AnchoredReadingTests
{
    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    // A word of a walked rule, in a comment: it makes the engine walk the file without changing what it says.
    private const string WalkWord = "\n// UseDeveloperExceptionPage\n";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var sample = Directory.GetFiles(Path.Combine(RepoPaths.Samples, "VibeShop"), "*.cs", SearchOption.AllDirectories);
        var fixtures = FixtureCase.All().Where(f => f.Rule.StartsWith("RDY3", StringComparison.Ordinal) || f.Rule.StartsWith("RDY4", StringComparison.Ordinal))
            .SelectMany(f => f.Files.Keys.Where(k => k.EndsWith(".cs", StringComparison.Ordinal)).Select(k => Path.Combine(f.Folder, k)));
        foreach (var file in sample.Concat(fixtures).Where(File.Exists))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Anchored_and_walked_readings_agree(string path)
    {
        var text = MarkedText.Parse(File.ReadAllText(path)).Text;
        var anchored = SourceDocument.FromText("/w/File.cs", text);
        var walked = SourceDocument.FromText("/w/File.cs", text + WalkWord);
        Assert.True(Engine.Detectors.Walks(Engine.Detectors.Activate(walked)!, walked));

        var a = Engine.Analyze(anchored);
        var w = Engine.Analyze(walked);

        Assert.Equal(Describe(a), Describe(w));
        Assert.Equal(AnchoredFacts(a), AnchoredFacts(w));
    }

    // The facts of the anchored collectors (walked ones, such as call sites, only read walked files).
    private static string AnchoredFacts(FileAnalysis analysis) =>
        string.Join("\n", new[]
        {
            Facts<ReadinessLsp.Engine.Model.Data.EfTypeFact>(analysis), Facts<ReadinessLsp.Engine.Model.Data.EfConfigFact>(analysis),
            Facts<ReadinessLsp.Engine.Model.Data.EfProviderFact>(analysis), Facts<ReadinessLsp.Engine.Model.Data.EfRegistrationFact>(analysis),
            Facts<ReadinessLsp.Engine.Model.Data.EfLazyLoadingFact>(analysis), Facts<ReadinessLsp.Engine.Model.Data.DataAccessMethod>(analysis),
            Facts<ReadinessLsp.Engine.Model.Data.RawSqlAccess>(analysis),
        });

    private static string Facts<T>(FileAnalysis analysis) => string.Join("\n", analysis.Facts.OfType<T>().Select(f => f!.ToString()));

    private static string Describe(FileAnalysis analysis) =>
        string.Join("\n", analysis.Detections.Concat(analysis.Deferred.Select(d => d.Candidate))
            .Where(d => d.RuleId != "RDY2001")
            .Select(d => $"{d.RuleId} {d.Range}")
            .Concat(analysis.Deferred.Select(d => d.Data.ToString() ?? string.Empty))
            .Order(StringComparer.Ordinal));
}
