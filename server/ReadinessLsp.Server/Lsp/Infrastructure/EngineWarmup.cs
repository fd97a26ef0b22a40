using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Runs the engine once on a tiny document while the client is still starting up, so the first
/// real document does not pay for loading the rule catalogue, discovering detectors and compiling
/// the parser: that cost is most of the time to the first diagnostics.
/// </summary>
internal static class EngineWarmup
{
    private const string Sample = """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.UseDeveloperExceptionPage();
        app.Run();
        """;

    public static Task RunAsync(ReadinessEngine engine, ILogger log) => Task.Run(() =>
    {
        try
        {
            var root = Path.Combine(Path.GetTempPath(), "readiness-warmup");
            var analyses = new[] { "Program.cs", "appsettings.json", ".env" }.Select(name =>
            {
                var text = name.EndsWith(".cs", StringComparison.Ordinal) ? Sample : name == ".env" ? "KEY=value\n" : "{ \"Logging\": {} }";
                return engine.Analyze(SourceDocument.FromText(Path.Combine(root, name), text));
            });
            _ = WorkspaceState.Create(engine, [new WorkspaceRoot(root, ReadinessSettings.Default)], analyses).AllFindings.Count();
        }
        catch (Exception e)
        {
            log.Debug(e, "Engine warm-up failed; the first analysis will be slower");
        }
    });
}
