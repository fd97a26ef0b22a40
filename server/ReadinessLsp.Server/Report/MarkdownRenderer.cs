using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ReadinessLsp.Server.Report;

/// <summary>
/// Hover Markdown as report HTML. Raw HTML in the Markdown is shown as text (arguments come from
/// the analysed workspace), and links leave the page only as text: the report makes no request and
/// links nowhere outside itself, so a link's text is followed by its address in plain words.
/// </summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            Unlink(link);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            autolink.ReplaceBy(new CodeInline(autolink.Url));
        }

        return Markdown.ToHtml(document, Pipeline);
    }

    private static void Unlink(LinkInline link)
    {
        var url = link.Url ?? string.Empty;
        if (url.StartsWith('#') && !link.IsImage)
        {
            return; // a link within the page
        }

        if (link.IsImage)
        {
            link.Remove();
            return;
        }

        if (link.IsAutoLink)
        {
            link.ReplaceBy(new CodeInline(url));
            return;
        }

        foreach (var child in link.ToList())
        {
            child.Remove();
            link.InsertBefore(child);
        }

        link.InsertBefore(new LiteralInline(" ("));
        link.InsertBefore(new CodeInline(url));
        link.ReplaceBy(new LiteralInline(")"));
    }
}
