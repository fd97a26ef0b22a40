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
    public void Silenced_participants_stay_inactive_and_make_no_parse_on_their_own()
    {
        var silenced = new[] { true, true, false, false, false };
        var words = new WordActivation([["Async("], ["FromBody"], ["ExecuteSqlRaw"], [], []], [false, false, false, false, false]);

        // Only the silenced ones' words: no one may act, the file is not parsed.
        Assert.Null(words.Activate(SourceDocument.FromText("/w/A.Designer.cs", "await db.SaveAsync([FromBody] x);"), silenced));

        // Another's word: it acts, those reading files parsed for others come along, the silenced stay out.
        Assert.Equal<bool[]>(
            [false, false, true, true, true],
            words.Activate(SourceDocument.FromText("/w/A.Designer.cs", "await db.SaveAsync([FromBody] x); db.ExecuteSqlRaw(s);"), silenced));
    }

    [Fact]
    public void A_file_without_any_word_activates_only_those_that_act_anywhere()
    {
        Assert.Equal<bool[]>([false, false, false, true, true], Activation.Activate(SourceDocument.FromText("/w/A.cs", "class C { }")));
    }

    [Fact]
    public void Files_that_narrow_each_their_own_way_still_find_every_word_once_searches_are_reused()
    {
        // Twelve participants, one word each: a file's first words decide which are still wanted when
        // its search narrows, so 300 files narrow in hundreds of ways, more than the searches kept.
        var words = Enumerable.Range(0, 12).Select(i => $"Word{(char)('A' + i)}x").ToArray();
        var activation = new WordActivation([.. words.Select(w => (IReadOnlyCollection<string>?)[w])], [.. words.Select(_ => false)]);
        var random = new Random(7);
        for (var file = 0; file < 300; file++)
        {
            var early = Enumerable.Range(1, 11).Where(_ => random.Next(2) == 0).ToList();
            var late = Enumerable.Range(1, 11).Except(early).ToList() is { Count: > 0 } rest ? rest[random.Next(rest.Count)] : -1;
            var text = string.Concat(early.Select(i => words[i] + ";\n")) + string.Concat(Enumerable.Repeat(words[0] + "();\n", 40))
                + (late >= 0 ? words[late] + ";\n" : string.Empty);

            var expected = Enumerable.Range(0, 12).Select(i => i == 0 || early.Contains(i) || i == late).ToArray();
            Assert.Equal(expected, activation.Activate(SourceDocument.FromText($"/w/F{file}.cs", text)));
        }
    }
}
