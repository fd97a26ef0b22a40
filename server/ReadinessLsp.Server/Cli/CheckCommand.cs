using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Server.Report;
using Serilog;
using Serilog.Events;

namespace ReadinessLsp.Server.Cli;

/// <summary>
/// <c>readiness check DIR</c>: the engine over whole folders, for terminals and CI. Exit 0 when no
/// finding reaches <c>--fail-on</c>, 1 when one does, 2 for a bad path or option (one line on stderr).
/// </summary>
internal static class CheckCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (options, error) = CheckOptions.Parse(args);
        if (options is null)
        {
            stderr.WriteLine($"readiness: {error}");
            return 2;
        }

        using var log = new LoggerConfiguration()
            .MinimumLevel.Is(options.Verbose ? LogEventLevel.Information : LogEventLevel.Warning)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();

        ReadinessEngine engine;
        try
        {
            engine = ReadinessEngine.CreateDefault(log);
            _ = engine.Catalogue.Rules;
        }
        catch (RuleCatalogueException e)
        {
            stderr.WriteLine($"readiness: invalid rule catalogue: {e.Message}");
            return 2;
        }

        // Each folder is checked with its own readiness.json, overlaid by the command line's options.
        var overlay = new ReadinessSettings(new Dictionary<string, RuleSetting>(), options.Exclude);
        var roots = new List<WorkspaceRoot>();
        foreach (var path in options.Roots)
        {
            var (root, problems) = WorkspaceRoot.Load(path, overlay);
            if (problems.FirstOrDefault(p => p.Contains("not valid JSON", StringComparison.Ordinal)) is { } broken)
            {
                // A broken settings file must not quietly turn into "no settings" in CI.
                stderr.WriteLine($"readiness: {broken}");
                return 2;
            }

            foreach (var problem in problems.Concat(UnknownRules(root.Settings, engine.Catalogue)))
            {
                stderr.WriteLine($"readiness: warning: {problem}");
            }

            roots.Add(root);
        }

        log.Information("Checking {Roots} with {Rules} rules", options.Roots, engine.Catalogue.Rules.Count);
        var run = CheckRun.Check(engine, roots, log, options.MaxFileBytes);
        log.Information("Analysed {Files} files in {Seconds:0.00} s: {Findings} findings, {Skipped} skipped", run.FilesAnalyzed, run.Elapsed.TotalSeconds, run.Findings.Count, run.Skipped.Count);
        var report = new CheckReport(run, options.Roots, engine.Catalogue);

        TextWriter? file = null;
        try
        {
            file = options.OutputFile is null ? null : new StreamWriter(options.OutputFile);
            var writer = file ?? stdout;
            switch (options.Format)
            {
                case OutputFormat.Json:
                    JsonReportWriter.Write(report, writer);
                    break;
                case OutputFormat.Sarif:
                    SarifReportWriter.Write(report, writer);
                    break;
                case OutputFormat.Html:
                    HtmlReportWriter.Write(ReportInput.From(report), engine.Catalogue, writer);
                    break;
                default:
                    TextReportWriter.Write(report, writer, TextReportWriter.ShouldColor(writer));
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"readiness: cannot write {options.OutputFile}: {e.Message}");
            return 2;
        }
        finally
        {
            file?.Dispose();
        }

        return options.FailOn is { } threshold && run.Findings.Any(f => f.Severity <= threshold) ? 1 : 0;
    }

    private static IEnumerable<string> UnknownRules(ReadinessSettings settings, RuleCatalogue catalogue) =>
        settings.Rules.Keys.Where(id => !catalogue.TryGet(id, out _)).Select(id => $"{SettingsReader.FileName}: rules.{id}: no such rule (readiness rules lists them)");
}
