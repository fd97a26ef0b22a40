using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Tests.Engine;

/// <summary>Word searches over editor text (a chain of changes) find what a search of the plain string finds.</summary>
public sealed class TextSearchTests
{
    [Fact]
    public void Positions_within_a_span_of_edited_text_match_those_of_the_plain_string()
    {
        var original = "class C {\n  void A() => q.Take(5);\n  void B() { q.Skip(1).Take(n).Take(2); }\n  void D() => q.Take(9);\n}\n";
        var edited = SourceText.From(original).WithChanges(new TextChange(new TextSpan(0, 0), "// edited\n"));
        var plain = edited.ToString();
        var start = plain.IndexOf("void B", StringComparison.Ordinal);
        var span = TextSpan.FromBounds(start, plain.IndexOf("void D", StringComparison.Ordinal));

        var expected = new List<int>();
        for (var at = plain.IndexOf("Take(", start, StringComparison.Ordinal); at >= 0 && at + 5 <= span.End; at = plain.IndexOf("Take(", at + 1, StringComparison.Ordinal))
        {
            expected.Add(at);
        }

        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, TextSearch.PositionsOf(edited, span, "Take("));
        Assert.Empty(TextSearch.PositionsOf(edited, new TextSpan(span.Start, 0), "Take("));
        // A word cut by the span's end is not in the span.
        Assert.Single(TextSearch.PositionsOf(edited, TextSpan.FromBounds(span.Start, expected[1] + 4), "Take("));
    }
}
