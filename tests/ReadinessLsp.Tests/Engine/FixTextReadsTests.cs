using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Tests.Engine;

/// <summary>A report's fixes read and parse each file they edit once between them, and a new text is read anew.</summary>
public sealed class FixTextReadsTests
{
    [Fact]
    public void A_report_reads_each_file_once_and_parses_each_text_once()
    {
        var counting = new CountingSource();
        var texts = new ReadOnceTextSource(counting);

        var first = texts.Read("/w/Data/AppDbContext.cs");
        Assert.Same(first, texts.Read("/w/Data/AppDbContext.cs"));
        Assert.Null(texts.Read("/w/missing.cs"));
        Assert.Null(texts.Read("/w/missing.cs"));
        Assert.Equal(2, counting.Reads); // the missing file is asked about once too

        Assert.Same(CSharpParsing.ParseForFix(first!, "/w/Data/AppDbContext.cs"), CSharpParsing.ParseForFix(first!, "/w/Data/AppDbContext.cs"));
        // Another text of the same file (an edit in the editor) is parsed from that text.
        var edited = first!.WithChanges(new TextChange(new TextSpan(0, 0), "// edited\n"));
        Assert.StartsWith("// edited", CSharpParsing.ParseForFix(edited, "/w/Data/AppDbContext.cs").GetRoot().ToFullString(), StringComparison.Ordinal);
        // The same text under another path keeps that path (diagnostics and edits name it).
        Assert.Equal("/w/Copy.cs", CSharpParsing.ParseForFix(first!, "/w/Copy.cs").FilePath);
    }

    private sealed class CountingSource : ITextSource
    {
        public int Reads { get; private set; }

        public SourceText? Read(string path)
        {
            Reads++;
            return path.EndsWith("missing.cs", StringComparison.Ordinal) ? null : SourceText.From("class AppDbContext { }\n");
        }
    }
}
