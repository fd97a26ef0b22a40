using ReadinessLsp.Engine.Catalogue;

namespace ReadinessLsp.Server.Cli;

/// <summary>Human output: findings grouped by file as <c>path:line:col</c>, then a summary by severity and category.</summary>
internal static class TextReportWriter
{
    public static void Write(CheckReport report, TextWriter output, bool color = false)
    {
        foreach (var file in report.Findings.GroupBy(f => f.Path))
        {
            var path = CheckReport.DisplayPath(file.Key);
            output.WriteLine(path);
            foreach (var finding in file)
            {
                var start = finding.Range.Start;
                var severity = Paint($"{finding.Severity.Name(),-7}", finding.Severity, color);
                output.WriteLine($"  {path}:{start.Line + 1}:{start.Character + 1}  {severity}  {finding.RuleId}  {finding.Message}");
            }

            output.WriteLine();
        }

        WriteSummary(report, output);
    }

    // Colour only for a person at a terminal that wants it (https://no-color.org).
    public static bool ShouldColor(TextWriter output) =>
        output == Console.Out && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null or "";

    private static string Paint(string text, Severity severity, bool color) => !color ? text : severity switch
    {
        Severity.Error => $"\u001b[31m{text}\u001b[0m",
        Severity.Warning => $"\u001b[33m{text}\u001b[0m",
        _ => $"\u001b[36m{text}\u001b[0m",
    };

    private static void WriteSummary(CheckReport report, TextWriter output)
    {
        var findings = report.Findings;
        var bySeverity = Enum.GetValues<Severity>()
            .Select(s => (Severity: s, Count: findings.Count(f => f.Severity == s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {x.Severity.Name()}{(x.Count == 1 ? string.Empty : "s")}");
        var files = findings.Select(f => f.Path).Distinct().Count();
        output.WriteLine(findings.Count == 0
            ? $"No findings in {report.Run.FilesAnalyzed} files ({report.Run.Elapsed.TotalSeconds:0.00} s)."
            : $"{findings.Count} finding{(findings.Count == 1 ? string.Empty : "s")} ({string.Join(", ", bySeverity)}) in {files} of {report.Run.FilesAnalyzed} files ({report.Run.Elapsed.TotalSeconds:0.00} s).");

        if (findings.Count > 0)
        {
            output.WriteLine("By category:");
            foreach (var category in findings.GroupBy(f => f.Rule.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var rules = string.Join(", ", category.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
                output.WriteLine($"  {category.Key,-15} {category.Count(),4}  ({rules})");
            }
        }

        foreach (var skipped in report.Run.Skipped)
        {
            output.WriteLine($"Skipped {CheckReport.DisplayPath(skipped.Path)}: {skipped.Reason}");
        }

        foreach (var note in report.Run.Notes)
        {
            output.WriteLine($"Not checked: {note.Message}");
        }
    }
}
