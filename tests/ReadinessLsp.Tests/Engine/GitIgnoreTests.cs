using ReadinessLsp.Engine.Workspace;
using Xunit;

namespace ReadinessLsp.Tests.Engine;

public sealed class GitIgnoreTests
{
    // Each pattern is checked for plain text before its regex runs; these pin the shapes where that
    // text is easy to get wrong: "**/" that matches nothing, sets, escapes, anchors.
    [Theory]
    [InlineData("**/foo", "foo", true)]
    [InlineData("**/foo", "a/b/foo", true)]
    [InlineData("**/foo/bar", "foo/bar", true)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("*.user", "src/App.csproj.user", true)]
    [InlineData("*.user", "src/App.cs", false)]
    [InlineData("[Bb]in", "src/Bin", true)]
    [InlineData("[Bb]in", "src/bin/x.cs", true)]
    [InlineData("[Bb]in", "src/cabin", false)]
    [InlineData("\\#notes", "#notes", true)]
    [InlineData("fo\\*o", "fo*o", true)]
    [InlineData("fo\\*o", "foxo", false)]
    [InlineData("/Root.cs", "Root.cs", true)]
    [InlineData("/Root.cs", "src/Root.cs", false)]
    [InlineData("?.cs", "a.cs", true)]
    [InlineData("*", "anything", true)]
    public void Matches_as_git_does(string pattern, string path, bool ignored)
    {
        var file = new GitIgnore("/ws", pattern + "\n");
        Assert.Equal(ignored, file.Match(path, isDirectory: false) ?? false);
    }
}
