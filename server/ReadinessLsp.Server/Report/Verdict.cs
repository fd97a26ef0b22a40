using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Server.Report;

/// <summary>What a reader sees first: ready or not, in plain words, and why.</summary>
internal sealed record Verdict(string Level, string Headline, string Detail)
{
    public static Verdict Of(IReadOnlyList<Finding> findings)
    {
        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        var minor = findings.Count - errors.Count - warnings;
        if (errors.Count > 0)
        {
            // Errors in access control and secrets let someone in or leak data; the rest stop the app or expose it.
            var leaks = errors.Count(f => RiskFamilies.Of(f.Rule.Category) == RiskFamilies.AccessControl || f.Rule.Category == "secrets");
            var other = errors.Count - leaks;
            var parts = new List<string>();
            if (leaks > 0)
            {
                parts.Add($"{Count(leaks, "problem")} {(leaks == 1 ? "lets" : "let")} someone in or {(leaks == 1 ? "leaks" : "leak")} data");
            }

            if (other > 0)
            {
                parts.Add($"{Count(other, leaks > 0 ? "more" : "problem")} {(other == 1 ? "breaks or exposes" : "break or expose")} the app in production");
            }

            return new Verdict("not-ready", $"Not ready: {string.Join(", and ", parts)}", Then(warnings, minor, "Fix these before launch."));
        }

        if (warnings > 0)
        {
            return new Verdict("nearly", $"Nearly ready: {Count(warnings, "problem")} will hurt once real users arrive", Then(0, minor, "Nothing found lets someone in or leaks data; these break under load, lose or corrupt data, or behave differently in production."));
        }

        return minor > 0
            ? new Verdict("ready", $"Ready, with {Count(minor, "thing")} to tidy", "Nothing found lets someone in, leaks data or breaks under load.")
            : new Verdict("ready", "Ready, as far as reading the code can tell", "No finding. Go through the checklist below: some risks only show in the running system.");
    }

    private static string Then(int warnings, int minor, string lead)
    {
        var rest = new List<string>();
        if (warnings > 0)
        {
            rest.Add($"{Count(warnings, "more")} will hurt under real traffic or in production");
        }

        if (minor > 0)
        {
            rest.Add($"{Count(minor, "smaller thing")} to tidy");
        }

        return rest.Count == 0 ? lead : $"{lead} Then: {string.Join("; ", rest)}.";
    }

    private static string Count(int n, string noun) => noun == "more" ? $"{n} more" : $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
}
