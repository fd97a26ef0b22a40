using ReadinessLsp.Engine.Model.Git;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Git;

public sealed class GitIndexReaderTests
{
    private static readonly string[] Paths =
    [
        ".env", ".gitignore", "src/Api/.env.local", "src/Api/Program.cs", "src/Api/appsettings.json",
        "src/Api/Controllers/OrdersController.cs", "src/Api/Controllers/" + new string('x', 5000) + ".cs",
    ];

    [Theory]
    [InlineData(2, 20, false)]
    [InlineData(3, 20, true)]
    [InlineData(4, 20, false)]
    [InlineData(4, 20, true)]
    [InlineData(2, 32, false)]
    [InlineData(4, 32, false)]
    public void Reads_every_path_of_every_version(int version, int hashBytes, bool extended)
    {
        var contents = GitIndexReader.Read(GitIndexWriter.Write(Paths, version, hashBytes, extended));

        Assert.Null(contents.Problem);
        Assert.Equal(Paths.Order(StringComparer.Ordinal), contents.Paths!);
    }

    [Fact]
    public void Sparse_folders_are_kept_as_folders()
    {
        var contents = GitIndexReader.Read(GitIndexWriter.Write([".env"], version: 4, sparseFolders: ["web/"]));

        Assert.Equal([".env", "web/"], contents.Paths!);
    }

    [Fact]
    public void Extensions_after_the_entries_are_skipped()
    {
        var contents = GitIndexReader.Read(GitIndexWriter.Write(Paths, extension: "TREE"));

        Assert.Equal(Paths.Length, contents.Paths!.Count);
    }

    [Fact]
    public void A_split_index_is_refused_rather_than_read_halfway()
    {
        var contents = GitIndexReader.Read(GitIndexWriter.Write(Paths, extension: "link"));

        Assert.Null(contents.Paths);
        Assert.Contains("split index", contents.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'D', (byte)'I', (byte)'R', (byte)'C', 0, 0, 0, 9, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'D', (byte)'I', (byte)'R', (byte)'C', 0, 0, 0, 2, 0, 0, 0, 5, 0, 0 })]
    public void Anything_else_is_unreadable_with_a_reason(byte[] data)
    {
        var contents = GitIndexReader.Read(data);

        Assert.Null(contents.Paths);
        Assert.False(string.IsNullOrEmpty(contents.Problem));
    }

    [Fact]
    public void The_repository_of_a_folder_is_found_through_a_gitdir_file()
    {
        using var workspace = new TempWorkspace();
        var gitDir = Path.Combine(workspace.Root, "elsewhere", "worktrees", "app");
        Directory.CreateDirectory(gitDir);
        File.WriteAllBytes(Path.Combine(gitDir, "index"), GitIndexWriter.Write([".env"]));
        workspace.Write("app/.git", "gitdir: ../elsewhere/worktrees/app\n");
        Directory.CreateDirectory(Path.Combine(workspace.Root, "app", "src"));

        var repository = GitRepository.Containing(Path.Combine(workspace.Root, "app", "src"));

        Assert.NotNull(repository);
        Assert.Equal(Path.Combine(workspace.Root, "app"), repository.WorkTree);
        Assert.Equal(Path.Combine(gitDir, "index"), repository.IndexPath);
        Assert.Contains(".env", repository.LoadTrackedPaths(Serilog.Core.Logger.None)!.Text.ToString(), StringComparison.Ordinal);
    }
}
