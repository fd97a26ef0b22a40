using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Mcp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Mcp;

/// <summary>get_fix's diffs must apply with git exactly as the edits would: line breaks, file ends, new files, distant edits.</summary>
public sealed class UnifiedDiffTests
{
    [Theory]
    [InlineData("a\nb\nc\nd\n", 1, 0, 1, 1, "B")]
    [InlineData("a\r\nb\r\nc\r\n", 1, 0, 1, 1, "B")]
    [InlineData("a\nb\nc", 2, 0, 2, 1, "C")]
    [InlineData("a\nb\nc", 2, 1, 2, 1, "\nd\n")]
    [InlineData("a\nb\nc\n", 1, 0, 2, 0, "")]
    [InlineData("", 0, 0, 0, 0, "first\n")]
    public void A_single_edit_applies_with_git(string before, int startLine, int startColumn, int endLine, int endColumn, string newText)
    {
        AssertApplies(before, [new FileEdit("F.cs", new LinePositionSpan(new(startLine, startColumn), new(endLine, endColumn)), newText)]);
    }

    [Fact]
    public void Distant_edits_make_separate_hunks_and_near_ones_share_one()
    {
        var before = string.Concat(Enumerable.Range(1, 40).Select(i => $"line {i}\n"));
        var (diff, _) = AssertApplies(before,
        [
            new FileEdit("F.cs", new LinePositionSpan(new(2, 0), new(2, 4)), "LINE"),
            new FileEdit("F.cs", new LinePositionSpan(new(5, 0), new(5, 4)), "LINE"),
            new FileEdit("F.cs", new LinePositionSpan(new(30, 0), new(30, 4)), "LINE"),
        ]);
        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_created_file_is_diffed_from_dev_null()
    {
        using var workspace = new TempWorkspace();
        var path = Path.Combine(workspace.Root, ".gitignore");
        var (diff, redacted) = UnifiedDiff.Create([new FileEdit(path, new LinePositionSpan(new(0, 0), new(0, 0)), ".env\n", CreateFile: true)], DiskTextSource.Instance, p => Path.GetFileName(p), _ => []);
        Assert.False(redacted);
        Assert.Equal("--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1,1 @@\n+.env\n", diff);
        McpStdioTests.GitApply(workspace.Root, diff);
        Assert.Equal(".env\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_line_holding_a_secret_is_masked_and_the_diff_says_it_will_not_apply()
    {
        const string secret = "sk_live_51bi0WSiwtr2P42liFwrN8VGEvH4NorZJHJTG2E00MQpek8F";
        var text = $"{{\n  \"Stripe\": {{\n    \"ApiKey\": \"{secret}\"\n  }}\n}}\n";
        var texts = new Texts(new Dictionary<string, string> { ["/w/appsettings.json"] = text });
        var at = text.Split('\n')[2].IndexOf(secret, StringComparison.Ordinal);
        var (diff, redacted) = UnifiedDiff.Create(
            [new FileEdit("/w/appsettings.json", new LinePositionSpan(new(2, at - 1), new(2, at + secret.Length + 1)), "\"\"")],
            texts,
            p => Path.GetFileName(p),
            _ => []);
        Assert.True(redacted);
        Assert.DoesNotContain(secret, diff, StringComparison.Ordinal);
        Assert.Contains("sk_live_******", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_stops_short_of_a_secret_so_a_fix_next_to_one_still_applies()
    {
        const string secret = "sk_live_51bi0WSiwtr2P42liFwrN8VGEvH4NorZJHJTG2E00MQpek8F";
        using var workspace = new TempWorkspace();
        var path = workspace.Write("appsettings.json", $"{{\n  \"Logging\": {{ \"LogLevel\": {{ \"Default\": \"Information\" }} }},\n  \"Stripe\": {{\n    \"ApiKey\": \"{secret}\",\n    \"Currency\": \"eur\"\n  }}\n}}\n");
        var (diff, redacted) = UnifiedDiff.Create(
            [FileEdit.Insert(path, new LinePosition(4, 0), "    \"WebhookSecret\": \"\",\n")],
            DiskTextSource.Instance,
            p => Path.GetFileName(p),
            _ => []);

        Assert.False(redacted, diff);
        Assert.DoesNotContain(secret, diff, StringComparison.Ordinal);
        McpStdioTests.GitApply(workspace.Root, diff);
        Assert.Contains($"\"ApiKey\": \"{secret}\",\n    \"WebhookSecret\": \"\",\n    \"Currency\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    private static (string Diff, string After) AssertApplies(string before, IReadOnlyList<FileEdit> edits)
    {
        using var workspace = new TempWorkspace();
        var path = workspace.Write("F.cs", before);
        var absolute = edits.Select(e => e with { Path = path }).ToList();
        var source = SourceText.From(before);
        var expected = source.WithChanges(absolute.OrderBy(e => e.Range.Start).Select(e => new TextChange(source.Lines.GetTextSpan(e.Range), e.NewText))).ToString();

        var (diff, redacted) = UnifiedDiff.Create(absolute, DiskTextSource.Instance, p => Path.GetFileName(p), _ => []);
        Assert.False(redacted);
        McpStdioTests.GitApply(workspace.Root, diff);
        Assert.Equal(expected, File.ReadAllText(path));
        return (diff, expected);
    }

    private sealed class Texts(IReadOnlyDictionary<string, string> files) : ITextSource
    {
        public SourceText? Read(string path) => files.TryGetValue(path, out var text) ? SourceText.From(text) : null;
    }
}
