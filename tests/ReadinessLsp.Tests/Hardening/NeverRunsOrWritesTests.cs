using System.Security.Cryptography;
using System.Text.Json;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Tests.Lsp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>
/// A repository built to run code the moment something builds, restores, evaluates or asks git
/// about it, scanned by check and served through an editor session: afterwards every file is
/// byte for byte and timestamp for timestamp what it was, nothing appeared, and none of the
/// tools that would run its code (git, dotnet, msbuild, make, npm, node, a shell), put first on
/// the PATH as fakes that leave a mark, was started.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc, executable scripts, Unix file modes
public sealed class NeverRunsOrWritesTests
{
    private const string Program = """
        using System.IO;
        var builder = WebApplication.CreateBuilder(args);
        File.WriteAllText("pwned-by-program", "ran");
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        app.Run();
        """;

    [Fact]
    public async Task Check_and_a_server_session_leave_a_booby_trapped_repository_untouched_and_start_no_tool()
    {
        using var workspace = BoobyTrappedRepository();
        using var tools = new TempWorkspace();
        var marks = Path.Combine(tools.Root, "marks");
        Directory.CreateDirectory(marks);
        foreach (var tool in new[] { "git", "dotnet", "msbuild", "make", "npm", "node", "sh", "bash", "nuget" })
        {
            var fake = tools.Write($"bin/{tool}", $"#!/bin/sh\necho \"$0 $*\" > \"{marks}/{tool}-$$\"\nexit 1\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var environment = new Dictionary<string, string> { ["PATH"] = Path.Combine(tools.Root, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };
        var before = Snapshot(workspace.Root);

        var sarif = Path.Combine(tools.Root, "report.sarif");
        var check = await SpawnedProcess.RunAsync(["check", workspace.Root, "--format", "sarif", "--output", sarif, "--verbose"], TimeSpan.FromSeconds(60), workspace.Root, environment);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("RDY2001", File.ReadAllText(sarif), StringComparison.Ordinal);

        await RunEditorSessionAsync(workspace.Root, environment);

        Assert.Empty(Directory.GetFiles(marks));
        var after = Snapshot(workspace.Root);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, state) in before)
        {
            Assert.True(state == after[path], $"{path} changed: {state} -> {after[path]}");
        }
    }

    /// <summary>Open, edit, hover, ask for fixes, save, rescan, close: everything an editor does to a file.</summary>
    private static async Task RunEditorSessionAsync(string root, IReadOnlyDictionary<string, string> environment)
    {
        await using var server = SpawnedProcess.Start(["--stdio", "--debounce-ms", "20"], readStdout: false, root, environment);
        var wire = new LspWire(server.Process.StandardInput.BaseStream, server.Process.StandardOutput.BaseStream);
        var path = Path.Combine(root, "src", "App", "Program.cs");
        var uri = DocumentUri.FromPath(path);
        var children = new List<string>();
        var watching = WatchForChildProcessesAsync(server, children);

        await Send(wire, new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = (int?)null, rootUri = DocumentUri.FromPath(root), capabilities = new { workspace = new { workspaceEdit = new { documentChanges = true, resourceOperations = new[] { "create" } } } } } });
        await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 1), 60_000);
        await Send(wire, new { jsonrpc = "2.0", method = "initialized", @params = new { } });
        await Send(wire, new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri, languageId = "csharp", version = 1, text = Program } } });
        await Send(wire, new { jsonrpc = "2.0", method = "textDocument/didChange", @params = new { textDocument = new { uri, version = 2 }, contentChanges = new[] { new { text = "// edited\n" + Program } } } });
        var published = await wire.ReadUntilAsync(m =>
            LspWire.IsNotification(m, "textDocument/publishDiagnostics") && m.GetProperty("params").GetProperty("uri").GetString() == uri &&
            m.GetProperty("params").TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 2, 60_000);
        var diagnostic = published.GetProperty("params").GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("code").GetString() == "RDY2001");

        await Send(wire, new { jsonrpc = "2.0", id = 2, method = "textDocument/hover", @params = new { textDocument = new { uri }, position = diagnostic.GetProperty("range").GetProperty("start") } });
        await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 2), 60_000);
        await Send(wire, new { jsonrpc = "2.0", id = 3, method = "textDocument/codeAction", @params = new { textDocument = new { uri }, range = diagnostic.GetProperty("range"), context = new { diagnostics = new[] { diagnostic } } } });
        var actions = await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 3), 60_000);
        Assert.NotEmpty(actions.GetProperty("result").EnumerateArray());
        await Send(wire, new { jsonrpc = "2.0", method = "textDocument/didSave", @params = new { textDocument = new { uri } } });
        await Send(wire, new { jsonrpc = "2.0", id = 4, method = "workspace/executeCommand", @params = new { command = "readiness.server.rescan" } });
        await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 4), 60_000);
        await Send(wire, new { jsonrpc = "2.0", method = "textDocument/didClose", @params = new { textDocument = new { uri } } });
        await Send(wire, new { jsonrpc = "2.0", id = 5, method = "shutdown" });
        await wire.ReadUntilAsync(m => LspWire.IsResponse(m, 5), 60_000);
        await Send(wire, new { jsonrpc = "2.0", method = "exit" });

        Assert.Equal(0, (await server.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        await watching;
        Assert.Empty(children);
    }

    /// <summary>
    /// Samples the server's children from /proc while it runs: a second look besides the fake
    /// tools, for a program started by its full path. A sample can miss a very short-lived child.
    /// </summary>
    private static async Task WatchForChildProcessesAsync(SpawnedProcess server, List<string> children)
    {
        var pid = server.Process.Id;
        while (!server.Process.HasExited)
        {
            try
            {
                foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
                {
                    var listed = File.ReadAllText(Path.Combine(task, "children")).Trim();
                    if (listed.Length > 0)
                    {
                        children.Add(listed);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process or one of its threads ended between two reads.
            }

            await Task.Delay(10);
        }
    }

    private static Task Send(LspWire wire, object message) => wire.WriteAsync(JsonSerializer.Serialize(message));

    /// <summary>Every entry under the root: content hash, size, mode and modification time; link targets for symlinks.</summary>
    private static Dictionary<string, string> Snapshot(string root)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            state[relative] = entry switch
            {
                _ when entry.LinkTarget is { } target => $"link -> {target}",
                FileInfo file => $"{file.Length} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))} {file.UnixFileMode} {file.LastWriteTimeUtc.Ticks}",
                _ => $"dir {entry.UnixFileMode} {entry.LastWriteTimeUtc.Ticks}",
            };
        }

        state["."] = $"dir {new DirectoryInfo(root).LastWriteTimeUtc.Ticks}";
        return state;
    }

    private static TempWorkspace BoobyTrappedRepository()
    {
        var workspace = new TempWorkspace();
        workspace.Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <Import Project="../../build/evil.targets" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Evaluated>$([System.IO.File]::WriteAllText('pwned-by-evaluation', 'ran'))</Evaluated>
              </PropertyGroup>
              <Target Name="Pwn" BeforeTargets="Build;Restore;CollectPackageReferences">
                <Exec Command="touch pwned-by-build" />
              </Target>
              <ItemGroup>
                <Analyzer Include="../../build/Evil.Analyzer.dll" />
              </ItemGroup>
            </Project>
            """);
        workspace.Write("Directory.Build.props", """
            <Project>
              <Import Project="build/evil.props" />
              <PropertyGroup>
                <Side>$([System.IO.File]::WriteAllText('pwned-by-props', 'ran'))</Side>
              </PropertyGroup>
            </Project>
            """);
        workspace.Write("Directory.Build.targets", """<Project><Target Name="AfterPwn" AfterTargets="Build"><Exec Command="touch pwned-by-targets" /></Target></Project>""");
        workspace.Write("build/evil.props", """<Project><Target Name="Evil" BeforeTargets="Build"><Exec Command="touch pwned-by-import" /></Target></Project>""");
        workspace.Write("build/evil.targets", """<Project><Target Name="Evil2" BeforeTargets="Build"><Exec Command="touch pwned-by-import2" /></Target></Project>""");
        workspace.Write("src/App/Program.cs", Program);
        workspace.Write("src/App/appsettings.json", "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }\n");
        workspace.Write("App.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"src\\App\\App.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\nEndProject\n");
        workspace.Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\" } }\n");
        workspace.Write("NuGet.config", "<configuration><packageSources><add key=\"evil\" value=\"https://packages.invalid/v3/index.json\" /></packageSources></configuration>\n");
        workspace.Write("package.json", "{ \"name\": \"trap\", \"scripts\": { \"postinstall\": \"touch pwned-by-npm\" } }\n");
        workspace.Write("Makefile", "all:\n\ttouch pwned-by-make\n");
        workspace.Write(".git/config", "[core]\n\tfsmonitor = touch pwned-by-git-fsmonitor\n\thooksPath = .githooks\n");
        workspace.Write(".git/HEAD", "ref: refs/heads/main\n");
        workspace.Write(".githooks/post-checkout", "#!/bin/sh\ntouch pwned-by-hook\n");
        workspace.Write(".gitignore", "bin/\nobj/\n");
        return workspace;
    }
}
