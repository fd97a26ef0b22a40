using ReadinessLsp.Server.Lsp.Conversion;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>Paths and URIs spelled as VS Code spells them, and parsed however a client spells them.</summary>
public sealed class DocumentUriTests
{
    [Theory]
    [InlineData("/home/me/src/Program.cs", "file:///home/me/src/Program.cs")]
    [InlineData("/home/me/my project/a b.cs", "file:///home/me/my%20project/a%20b.cs")]
    [InlineData("/home/me/c#/x+y@z.cs", "file:///home/me/c%23/x%2By%40z.cs")]
    [InlineData("/home/me/Übung/ß.cs", "file:///home/me/%C3%9Cbung/%C3%9F.cs")]
    [InlineData("/srv/[a]/.env.local", "file:///srv/%5Ba%5D/.env.local")]
    public void Paths_round_trip_through_uris(string path, string uri)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(uri, DocumentUri.FromPath(path));
        Assert.Equal(path, DocumentUri.ToPath(uri));
    }

    [Theory]
    [InlineData("file:///home/me/my%20project/a.cs", "/home/me/my project/a.cs")]
    [InlineData("file:///home/me/my project/a.cs", "/home/me/my project/a.cs")]
    [InlineData("file://localhost/home/me/a.cs", "/home/me/a.cs")]
    [InlineData("file:///home/me/c%23/x%2by.cs", "/home/me/c#/x+y.cs")]
    public void Any_client_spelling_parses(string uri, string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(path, DocumentUri.ToPath(uri));
        }
    }

    [Theory]
    [InlineData("untitled:Untitled-1")]
    [InlineData("git:/home/me/a.cs?ref=HEAD")]
    public void Non_file_schemes_have_no_path(string uri) => Assert.Null(DocumentUri.ToPath(uri));
}
