using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Catalogue;

namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// A finding as every face shows it (terminal, SARIF, editor): the detection with its rule,
/// effective severity and rendered message. Identical wherever it is shown.
/// </summary>
internal sealed record Finding(
    RuleDescriptor Rule,
    string Path,
    LinePositionSpan Range,
    Severity Severity,
    string Message,
    IReadOnlyDictionary<string, string> Arguments,
    IReadOnlyList<Fix> Fixes,
    IReadOnlyList<RelatedLocation> Related,
    string Fingerprint,
    string? Member = null)
{
    public string RuleId => Rule.Id;

    /// <summary>The explanation shown on hover: plain words first, then the detail.</summary>
    public string HoverMarkdown => Rule.FormatHover(Arguments);

    public string FixTitle(Fix fix) => fix.Title ?? Rule.Fix?.Title ?? $"Fix {Rule.Id}";
}
