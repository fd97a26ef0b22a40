using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Runs the engine once on a tiny document while the client is still starting up, so the first
/// real document does not pay for loading the rule catalogue, discovering detectors and compiling
/// the parser: that cost is most of the time to the first diagnostics. Then it types into that
/// document once, as an editor does, so the first keystroke does not pay for compiling the
/// incremental reparse either (a third of a second on a busy two-core machine).
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

            var program = Path.Combine(root, "Program.cs");
            var tree = CSharpParsing.Parse(SourceDocument.FromText(program, Sample));
            var text = tree.GetText();
            var typed = text.WithChanges(new TextChange(new TextSpan(text.Length / 2, 0), " "));
            var document = new SourceDocument(program, typed, version: 2);
            document.SetParsed(tree.WithChangedText(typed));
            _ = engine.Analyze(document);
        }
        catch (Exception e)
        {
            log.Debug(e, "Engine warm-up failed; the first analysis will be slower");
        }
    });
}
