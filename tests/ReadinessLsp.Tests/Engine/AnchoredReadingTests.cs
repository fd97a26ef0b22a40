using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Fixtures;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Engine;

/// <summary>
/// Anchored components find the same places from their anchors as from a walk of every node of
/// their kinds: the same detections and the same facts, for every file of the sample and of every
/// rule's fixtures.
/// </summary>
public sealed class AnchoredReadingTests
{
    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    private static readonly ReadinessEngine Walking = new(Engine.Catalogue, DetectorSet.WalkingEverything(), Logger.None);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var sample = Directory.GetFiles(Path.Combine(RepoPaths.Samples, "VibeShop"), "*.cs", SearchOption.AllDirectories);
        var fixtures = FixtureCase.All()
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
        var a = Engine.Analyze(SourceDocument.FromText("/w/File.cs", text));
        var w = Walking.Analyze(SourceDocument.FromText("/w/File.cs", text));

        Assert.Equal(Describe(w), Describe(a));
        Assert.Equal(AllFacts(w), AllFacts(a));
    }

    // Call sites are read from the text of a file nobody walks, by design not exactly as from its tree.
    private static string AllFacts(FileAnalysis analysis) =>
        string.Join("\n", analysis.Facts.All.Where(f => f is not (ReadinessLsp.Engine.Model.Scope.CallSites or ReadinessLsp.Engine.Model.AppConfig.QualifiedCallSites))
            .Select(f => f.ToString()).Order(StringComparer.Ordinal));

    private static string Describe(FileAnalysis analysis) =>
        string.Join("\n", analysis.Detections.Concat(analysis.Deferred.Select(d => d.Candidate))
            .Select(d => $"{d.RuleId} {d.Range}")
            .Concat(analysis.Deferred.Select(d => d.Data.ToString() ?? string.Empty))
            .Order(StringComparer.Ordinal));
}
