using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Hardening;
using ReadinessLsp.Tests.Lsp;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Engine;

/// <summary>
/// The background scan stops inside a file, not only between files, while the editor has work,
/// and a paused analysis ends as an unpaused one does. Counted, not timed: the machines are noisy.
/// </summary>
public sealed class AnalysisPauseTests
{
    [Fact]
    public async Task A_file_whose_analysis_began_waits_inside_it_while_the_editor_is_busy()
    {
        using var workspace = new TempWorkspace();
        var program = workspace.Write("Program.cs", HostileWorkspace.RiskyProgram);
        var engine = LspTestClient.DefaultEngine;

        // The editor gets busy just as the scan starts reading the file (after the loader's poll
        // between files), and stays busy for three more polls: the analysis must be the one asking.
        var busy = false;
        var pollsWhileBusy = 0;
        var loaded = await new WorkspaceLoader(engine, DocumentLoader.DefaultMaxFileBytes, Serilog.Core.Logger.None).LoadAsync(
            [(workspace.Root, [])],
            skip: _ =>
            {
                busy = true;
                return false;
            },
            urgent: () =>
            {
                if (busy && ++pollsWhileBusy >= 3)
                {
                    busy = false;
                }

                return busy;
            },
            parallelism: 1);

        Assert.Equal(3, pollsWhileBusy);
        var paused = Assert.Single(loaded.Analyses, a => a.Path == program);
        var unpaused = engine.Analyze(new DocumentLoader(DocumentLoader.DefaultMaxFileBytes, Serilog.Core.Logger.None).Load(program).Document!);
        Assert.Equal(unpaused.Detections.Select(d => (d.RuleId, d.Range)), paused.Detections.Select(d => (d.RuleId, d.Range)));
        Assert.NotEmpty(paused.Detections);
    }

    [Fact]
    public void A_thread_that_registered_nothing_never_waits_and_the_scope_restores_the_previous_rule()
    {
        AnalysisPause.Checkpoint(CancellationToken.None);

        var asked = 0;
        using (AnalysisPause.Enter(() => ++asked < 2))
        {
            AnalysisPause.Checkpoint(CancellationToken.None);
        }

        Assert.Equal(2, asked);
        AnalysisPause.Checkpoint(CancellationToken.None);
        Assert.Equal(2, asked);
    }

    [Fact]
    public void A_cancelled_scan_stops_waiting()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using (AnalysisPause.Enter(() => true))
        {
            Assert.Throws<OperationCanceledException>(() => AnalysisPause.Checkpoint(cancelled.Token));
        }
    }
}
