using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Handlers;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Client;

/// <summary>
/// Every file kind the engine reads reaches it from the editor: the extension sends the unsaved
/// text of those documents and watches those files on disk, and the server registers the same
/// watchers with clients that let it. A kind added to the engine and forgotten here would go stale
/// in the editor without anyone noticing.
/// </summary>
public sealed partial class ExtensionFilesAgreementTests
{
    // One path per file kind the engine classifies.
    private static readonly Dictionary<FileKind, string> Samples = new()
    {
        [FileKind.CSharp] = "src/Api/Program.cs",
        [FileKind.AppSettings] = "src/Api/appsettings.Production.json",
        [FileKind.LaunchSettings] = "src/Api/Properties/launchSettings.json",
        [FileKind.EnvFile] = "src/Api/.env.local",
        [FileKind.ComposeFile] = "docker-compose.override.yml",
        [FileKind.GitIgnore] = "src/.gitignore",
        [FileKind.ProjectFile] = "src/Api/Api.csproj",
        [FileKind.Solution] = "Shop.slnx",
        [FileKind.PackageJson] = "web/package.json",
        [FileKind.WorkspaceSettings] = "readiness.json",
    };

    private static readonly Lazy<string> FilesTs = new(() => File.ReadAllText(Path.Combine(RepoPaths.Root, "client-vscode", "src", "files.ts")));

    [Fact]
    public void Every_file_kind_has_a_sample_here()
    {
        // The git index is read by the loader from the repository's .git folder, never listed, opened or watched.
        var missing = Enum.GetValues<FileKind>().Where(k => k is not (FileKind.Other or FileKind.GitIndex) && !Samples.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "add a sample path for: " + string.Join(", ", missing));
        Assert.All(Samples, s => Assert.Equal(s.Key, FileClassifier.Classify("/w/" + s.Value)));
    }

    [Fact]
    public void The_extension_watches_every_file_kind_and_syncs_every_analysed_document()
    {
        var watched = Patterns("DOCUMENT_PATTERNS").Concat(Patterns("WATCHED_PATTERNS", skipSpread: true)).ToList();
        var documents = Patterns("DOCUMENT_PATTERNS");
        foreach (var (kind, path) in Samples)
        {
            Assert.True(Matches(watched, path), $"client-vscode/src/files.ts watches no {kind} file such as {path}");
            if (kind is not FileKind.PackageJson and not FileKind.WorkspaceSettings)
            {
                Assert.True(Matches(documents, path), $"client-vscode/src/files.ts does not send the unsaved text of {kind} documents such as {path}");
            }
        }
    }

    [Fact]
    public void The_server_registers_the_same_watchers_as_the_extension()
    {
        var client = Patterns("DOCUMENT_PATTERNS").Concat(Patterns("WATCHED_PATTERNS", skipSpread: true)).Order(StringComparer.Ordinal);
        Assert.Equal(client, InitializedHandler.WatchedGlobs.Order(StringComparer.Ordinal));
    }

    private static List<string> Patterns(string constant, bool skipSpread = false)
    {
        var body = Regex.Match(FilesTs.Value, constant + @"[^=]*=\s*\[(?<body>.*?)\];", RegexOptions.Singleline).Groups["body"].Value;
        Assert.False(string.IsNullOrWhiteSpace(body), $"{constant} not found in files.ts");
        return [.. Quoted().Matches(body).Select(m => m.Groups[1].Value)];
    }

    private static bool Matches(IEnumerable<string> globs, string path)
    {
        var matcher = new Matcher();
        foreach (var glob in globs.SelectMany(Expand))
        {
            matcher.AddInclude(glob);
        }

        return matcher.Match(path).HasMatches;
    }

    // VS Code and LSP globs group alternatives with braces; the .NET matcher does not, so expand them.
    private static IEnumerable<string> Expand(string glob)
    {
        var open = glob.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return [glob];
        }

        var close = glob.IndexOf('}', open);
        return glob[(open + 1)..close].Split(',').SelectMany(option => Expand(glob[..open] + option + glob[(close + 1)..]));
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
