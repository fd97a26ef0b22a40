using System.Collections.Concurrent;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp;
using ReadinessLsp.Server.Protocol;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>
/// Open documents come before the background scan: the scan is held on a file (a stand-in for a
/// scan of thousands of files), and the order of events is checked, not how long anything took.
/// </summary>
public sealed class EditorPriorityTests
{
    private const string RiskyProgram = """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        """;

    [Fact]
    public async Task An_edit_during_a_long_scan_is_answered_before_the_scan_ends_and_the_scan_waits_for_it()
    {
        using var workspace = new TempWorkspace();
        var edited = PathNormalizer.Normalize(workspace.Write("src/Api/Program.cs", "class Clean { }"));
        for (var i = 0; i < 20; i++)
        {
            workspace.Write($"src/Lib/File{i}.cs", $"class C{i} {{ }}");
        }

        using var release = new ManualResetEventSlim();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        var editedVersionAtLoad = new ConcurrentQueue<int?>();
        ServerContext? context = null;
        var options = new ServerOptions
        {
            // Long enough that, without the scan yielding, it would read on while the edit waits.
            Debounce = TimeSpan.FromSeconds(1),
            ScanParallelism = 1,
            BeforeScanLoad = _ =>
            {
                if (Interlocked.Increment(ref loads) == 1)
                {
                    held.TrySetResult();
                    release.Wait(TimeSpan.FromSeconds(30));
                }
                else
                {
                    editedVersionAtLoad.Enqueue(context!.Workspace.Current.File(edited)?.Version);
                }
            },
        };

        await using var client = LspTestClient.Start(options: options);
        context = client.Server.Context;
        await client.InitializeAsync(workspace.Root);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The scan cannot end while it is held, so these answers came first.
        await client.OpenAsync(edited, "class Clean { }");
        await client.WaitForDiagnosticsAsync(edited, p => p.Version == 1);
        await client.ChangeAsync(edited, 2, new TextDocumentContentChangeEvent(null, null, RiskyProgram));
        await WaitUntilAsync(() => context.Scheduler.HasUrgentWork || context.Workspace.Current.File(edited)?.Version == 2);
        Assert.DoesNotContain("end", client.ProgressKinds);

        // Released while the edit waits out its debounce: the scan reads no further file until the edit is in.
        release.Set();
        var published = await client.WaitForDiagnosticsAsync(edited, p => p.Version == 2);
        Assert.Single(published.Diagnostics);
        await client.WaitForProgressEndAsync();

        Assert.Equal(20, editedVersionAtLoad.Count); // every other file of the workspace, each loaded after the hold
        Assert.All(editedVersionAtLoad, version => Assert.Equal(2, version));
        Assert.Equal(2, client.Latest(edited)!.Version); // the scan's commit did not bring back older text
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
