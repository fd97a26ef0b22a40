using ReadinessLsp.Engine.Config.Json;

namespace ReadinessLsp.Tests.Config;

public sealed class ConfigJsonDocumentTests
{
    [Fact]
    public void Reads_comments_trailing_commas_and_keeps_exact_offsets()
    {
        const string text = "// top\n{\n  \"A\": { \"B\": \"x\\\\y\", },\n  \"List\": [1, \"two\",],\n}";
        var doc = ConfigJsonDocument.Parse(text);

        Assert.Null(doc.Error);
        var b = doc.Find("a:b")!;
        Assert.Equal("A:B", b.Key);
        Assert.Equal("x\\y", b.Value.Text);
        Assert.Equal("\"x\\\\y\"", text[b.Value.Span.Start..b.Value.Span.End]);
        Assert.Equal("\"B\"", text[b.KeySpan.Start..b.KeySpan.End]);
        Assert.Equal("two", doc.Find("List:1")!.Value.Text);
    }

    [Fact]
    public void Maps_decoded_offsets_through_escapes()
    {
        const string text = "{ \"Db\": \"Server=(localdb)\\\\mssql;Pooling=false\" }";
        var value = ConfigJsonDocument.Parse(text).Find("Db")!.Value;
        var at = value.Text.IndexOf("false", StringComparison.Ordinal);

        var span = value.SourceSpanOf(at, 5);

        Assert.Equal("false", text[span.Start..span.End]);
    }

    [Theory]
    [InlineData("{ \"A\": 1 \"B\": 2 }", "a ',' is missing")]
    [InlineData("{ 'A': 1 }", "double quotes")]
    [InlineData("{ \"A\": 1", "'}' is missing")]
    [InlineData("{ \"A\": 1, \"a\": 2 }", "defined twice")]
    [InlineData("[1, 2]", "top level")]
    public void Reports_one_clear_error_and_never_throws(string text, string expected)
    {
        var doc = ConfigJsonDocument.Parse(text);

        Assert.NotNull(doc.Error);
        Assert.Contains(expected, doc.Error.Message, StringComparison.Ordinal);
    }
}
