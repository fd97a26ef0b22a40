using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Tests.Engine;

/// <summary>One pass finds, for each component, every position where one of its anchors starts, as a search per component would.</summary>
public sealed class AnchorSearchTests
{
    private static readonly string[][] Anchors = [["Find", "FindAsync"], ["\""], ["log", "Log"], ["FindAsync"]];

    private static readonly AnchorSearch Search = new(Anchors);

    private const string Text = "var a = await db.Items.FindAsync(id);\n_logger.LogInformation(\"Found {Id}\", id); // Log\nFind(\"x\");\n";

    [Fact]
    public void Finds_each_components_anchors_in_order_and_each_position_once()
    {
        var positions = Search.PositionsIn(SourceDocument.FromText("/w/A.cs", Text), _ => true);

        for (var component = 0; component < Anchors.Length; component++)
        {
            Assert.Equal(Naive(Text, Anchors[component]), positions[component] ?? []);
        }
    }

    [Fact]
    public void Editor_text_and_long_lines_give_the_same_positions()
    {
        // A line longer than the search's window: anchors across a window's edge are still found once.
        var text = Text + new string(' ', 4090) + "FindAsync(\"x\") logLog\n" + Text;
        var edited = SourceText.From(text).WithChanges(new TextChange(new TextSpan(0, 0), "// edited\n"));
        var positions = Search.PositionsIn(new SourceDocument("/w/A.cs", edited, version: 2), _ => true);

        for (var component = 0; component < Anchors.Length; component++)
        {
            Assert.Equal(Naive(edited.ToString(), Anchors[component]), positions[component] ?? []);
        }
    }

    [Fact]
    public void Components_not_wanted_get_nothing()
    {
        var positions = Search.PositionsIn(SourceDocument.FromText("/w/A.cs", Text), component => component == 1);

        Assert.Null(positions[0]);
        Assert.NotNull(positions[1]);
        Assert.Null(positions[2]);
    }

    private static List<int> Naive(string text, string[] words) =>
        [.. Enumerable.Range(0, text.Length).Where(i => words.Any(w => string.CompareOrdinal(text, i, w, 0, w.Length) == 0))];
}
