using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Model.Facts;

/// <summary>
/// Where a fact was found, kept beside the fact's identity rather than in it: two facts that differ
/// only in their span are equal. Inserting a blank line above a configuration read moves the read,
/// but it is still the same read, so nothing that depends on it needs re-resolving. Models that
/// show positions (hovers, related locations) are rebuilt whenever the file that holds the fact
/// changes, so the span they show is always current.
/// </summary>
internal readonly struct FactSpan(LinePositionSpan span) : IEquatable<FactSpan>
{
    public LinePositionSpan Span { get; } = span;

    public LinePosition Start => Span.Start;

    public LinePosition End => Span.End;

    public static implicit operator FactSpan(LinePositionSpan span) => new(span);

    public static implicit operator LinePositionSpan(FactSpan span) => span.Span;

    public static bool operator ==(FactSpan left, FactSpan right) => true;

    public static bool operator !=(FactSpan left, FactSpan right) => false;

    public bool Equals(FactSpan other) => true;

    public override bool Equals(object? obj) => obj is FactSpan;

    public override int GetHashCode() => 0;

    public override string ToString() => Span.ToString();
}
