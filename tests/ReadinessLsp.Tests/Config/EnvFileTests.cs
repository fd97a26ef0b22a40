using ReadinessLsp.Engine.Config.Env;

namespace ReadinessLsp.Tests.Config;

public sealed class EnvFileTests
{
    [Fact]
    public void Reads_export_quotes_comments_multiline_and_references()
    {
        const string text = "# comment\nexport A=1\nB=\"two # not a comment\"\nC=three # comment\nD='multi\nline'\nE=\"${A}-x\"\nF='${A}'\nStripe__Key=\n";
        var env = EnvFile.Parse(text);

        Assert.Equal(["A", "B", "C", "D", "E", "F", "Stripe__Key"], env.Entries.Select(e => e.Name));
        Assert.Equal("two # not a comment", env.Find("B")!.Value);
        Assert.Equal("three", env.Find("C")!.Value);
        Assert.Equal("multi\nline", env.Find("D")!.Value);
        Assert.Equal(["A"], env.Find("E")!.References);
        Assert.Empty(env.Find("F")!.References);
        Assert.Equal("Stripe:Key", env.Find("Stripe__Key")!.ConfigKey);
        var c = env.Find("C")!;
        Assert.Equal("three", text[c.ValueSpan.Start..c.ValueSpan.End]);
    }

    [Fact]
    public void Skips_lines_it_cannot_read()
    {
        var env = EnvFile.Parse("not a variable\n=value\nOK=1\n");

        Assert.Equal("OK", Assert.Single(env.Entries).Name);
    }
}
