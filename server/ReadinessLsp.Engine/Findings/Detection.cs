using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// What a detector reports: a rule fired at a place. Severity, message and suppression are applied
/// later, when the detection becomes a <see cref="Finding"/>, so a settings change needs no re-analysis.
/// </summary>
/// <param name="Snippet">The flagged source text, whitespace-normalised: the stable part of the fingerprint.</param>
/// <param name="Member">The C# member the detection is in ("OrdersController.Get"), for scope decisions and reports.</param>
internal sealed record Detection(
    string RuleId,
    string Path,
    LinePositionSpan Range,
    IReadOnlyDictionary<string, string> Arguments,
    IReadOnlyList<Fix> Fixes,
    IReadOnlyList<RelatedLocation> Related,
    string Snippet,
    string? Member = null);

/// <summary>Another place that explains a finding (where a key is defined, where the index is missing).</summary>
internal sealed record RelatedLocation(string Path, LinePositionSpan Range, string Message);
