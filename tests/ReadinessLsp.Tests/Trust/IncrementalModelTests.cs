using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Trust;

/// <summary>
/// A commit that touches a model's facts drops the model, and nothing may ask for it before the next
/// commit. That next change must still reach the files whose findings read it: the editor's
/// "define the key and the finding in code goes away" depends on it.
/// </summary>
public sealed class IncrementalModelTests
{
    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    [Fact]
    public void A_change_after_a_commit_that_dropped_a_model_still_re_resolves_the_files_that_read_it()
    {
        using var workspace = new TempWorkspace();
        var settings = PathNormalizer.Normalize(workspace.Write("appsettings.json", "{\n  \"Logging\": {}\n}\n"));
        var program = PathNormalizer.Normalize(workspace.Write("Program.cs", "var builder = WebApplication.CreateBuilder(args);\nvar secret = builder.Configuration[\"Stripe:WebhookSecret\"];\n"));
        var state = CheckRun.Check(Engine, [workspace.Root], Logger.None).State;
        Assert.Contains(state.FindingsOf(program), f => f.RuleId == "RDY2150");

        // The same text again (the editor opens the file): the models reading its facts are dropped and not rebuilt.
        state = state.With([Engine.Analyze(SourceDocument.FromText(settings, File.ReadAllText(settings), version: 1))], []).State;
        var change = state.With([Engine.Analyze(SourceDocument.FromText(settings, "{\n  \"Stripe\": { \"WebhookSecret\": \"\" }\n}\n", version: 2))], []);

        Assert.Contains(program, change.Affected);
        Assert.DoesNotContain(change.State.FindingsOf(program), f => f.RuleId == "RDY2150");
    }
}
