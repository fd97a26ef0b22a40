using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Config.Facts;

namespace ReadinessLsp.Engine.Config.Keys;

/// <summary>A configuration read found in code: the key, the literal naming it, and whether the code has a fallback.</summary>
internal sealed record ConfigReadSite(string Key, TextSpan LiteralSpan, ConfigReadKind Kind, bool HasDefault);
