using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Report;

namespace ReadinessLsp.Tests.Report;

/// <summary>The report's parts on their own: Markdown without raw HTML or outside links, diffs of fixes, masking of shown lines.</summary>
public sealed class ReportPartsTests
{
    [Fact]
    public void Markdown_shows_raw_html_as_text_and_outside_links_as_their_address()
    {
        var html = MarkdownRenderer.ToHtml("**Bold** <script>alert(1)</script> [the docs](https://example.com/x) <https://example.org> ![i](https://example.com/i.png) [here](#f-1)");
        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("the docs (<code>https://example.com/x</code>)", html, StringComparison.Ordinal);
        Assert.Contains("<code>https://example.org</code>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#f-1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_shows_the_old_and_new_lines_with_context()
    {
        var texts = new Texts(("/w/Program.cs", "var app = b.Build();\napp.UseX();\napp.Run();\n"));
        var fix = new Fix("t", [new FileEdit("/w/Program.cs", new LinePositionSpan(new(1, 0), new(1, 11)), "if (dev)\n{\n    app.UseX();\n}")]);
        var lines = FixDiff.Of(fix, texts, s => s).Single().Lines;
        Assert.Equal(
            [" 1 var app = b.Build();", "-2 app.UseX();", "+2 if (dev)", "+3 {", "+4     app.UseX();", "+5 }", " 3 app.Run();"],
            lines.Select(l => $"{l.Kind}{l.Number} {l.Text}"));
    }

    [Fact]
    public void An_insertion_after_the_last_line_only_adds()
    {
        var texts = new Texts(("/w/.env.example", "A=\nB=\n"));
        var fix = new Fix("t", [FileEdit.Insert("/w/.env.example", new LinePosition(2, 0), "C=\n")]);
        var lines = FixDiff.Of(fix, texts, s => s).Single().Lines;
        Assert.Equal([" A=", " B=", "+C="], lines.Select(l => $"{l.Kind}{l.Text}"));
    }

    [Fact]
    public void A_new_file_is_all_additions()
    {
        var fix = new Fix("t", [new FileEdit("/w/.gitignore", default, ".env\n", CreateFile: true)]);
        var hunk = FixDiff.Of(fix, new Texts(), s => s).Single();
        Assert.True(hunk.CreatesFile);
        Assert.Equal(["+.env"], hunk.Lines.Select(l => $"{l.Kind}{l.Text}"));
    }

    [Theory]
    [InlineData("  \"ApiKey\": \"sk_live_51bi0WSiwtr2P42liFwrN8VGEvH4NorZJHJTG2E00MQpek8F\",", "sk_live_51bi0WSiwtr2P42liFwrN8VGEvH4NorZJHJTG2E00MQpek8F", "sk_live_****** (56 chars)")]
    [InlineData("STRIPE_KEY=sk_live_51ncO0vxg1x82YIsoceYGNalDKXzDtiGL5MdFzqbzy8XoAqG", "51ncO0vxg1x82", "sk_live_******")]
    [InlineData("export DATABASE_URL=\"postgres://vibe:SuperSecret123@db.shop-prod.net:5432/shop\"", "SuperSecret123", "Su****** (14 chars)")]
    [InlineData("  \"Reporting\": \"Host=h;Username=u;Password=Qm7#vR2pLx9!tW4e;SSL Mode=Disable\"", "Qm7#vR2pLx9!tW4e", "Password=")]
    [InlineData("var key = \"NLvoTHe6QqIwVZfKlH8wQw39QKfOmXEcNXbfr52vE7asWymJg0K+KarRdzyBtMnf\";", "NLvoTHe6QqIwVZfKlH8w", "******")]
    [InlineData("options.ClientSecret = \"q8Vf2LmZ0pXr7TbN4sWc9Kd1\";", "q8Vf2LmZ0pXr7TbN4sWc9Kd1", "******")]
    public void Shown_lines_have_their_secrets_masked(string line, string secret, string shown)
    {
        var redactor = SourceRedactor.For([], new Texts());
        var masked = redactor.Line(line);
        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        Assert.Contains(shown, masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_lines_are_left_as_they_are()
    {
        var redactor = SourceRedactor.For([], new Texts());
        foreach (var line in new[] { "app.UseDeveloperExceptionPage();", "  \"BaseUrl\": \"https://vibeshop.example\",", "PORT=8080", "ValidateLifetime = false," })
        {
            Assert.Equal(line, redactor.Line(line));
        }
    }

    private sealed class Texts(params (string Path, string Text)[] files) : ITextSource
    {
        public SourceText? Read(string path) => files.Where(f => f.Path == path).Select(f => SourceText.From(f.Text)).FirstOrDefault();
    }
}
