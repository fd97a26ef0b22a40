using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Tests.Engine;

/// <summary>Which participants a file's words activate, also after the search narrows to the words still useful.</summary>
public sealed class WordActivationTests
{
    private static readonly WordActivation Activation = new(
        [["Async("], ["Async(", "FromBody"], ["ExecuteSqlRaw"], null, []],
        [false, false, false, false, false]);

    [Fact]
    public void A_word_late_in_a_file_full_of_words_already_seen_still_activates_its_participant()
    {
        // Hundreds of matches that activate no one come first: the search narrows, and must still find the last word.
        var text = string.Concat(Enumerable.Repeat("await db.SaveAsync(); [FromBody] x;\n", 300)) + "db.Database.executesqlraw(sql);\n";

        Assert.Equal<bool[]>([true, true, true, true, true], Activation.Activate(SourceDocument.FromText("/w/A.cs", text)));
    }

    [Fact]
    public void Editor_text_is_read_the_same_way()
    {
        var text = string.Concat(Enumerable.Repeat("await db.SaveAsync();\n", 300)) + "var s = \"FromBody\";\n";
        var edited = SourceText.From(text).WithChanges(new TextChange(new TextSpan(0, 0), "// edited\n"));

        Assert.Equal<bool[]>([true, true, false, true, true], Activation.Activate(new SourceDocument("/w/A.cs", edited, version: 2)));
    }

    [Fact]
    public void A_file_without_any_word_activates_only_those_that_act_anywhere()
    {
        Assert.Equal<bool[]>([false, false, false, true, true], Activation.Activate(SourceDocument.FromText("/w/A.cs", "class C { }")));
    }
}
