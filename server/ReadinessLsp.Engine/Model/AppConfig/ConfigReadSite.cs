using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>A configuration read found in code: the key, the literal naming it, and whether the code has a fallback.</summary>
internal sealed record ConfigReadSite(string Key, TextSpan LiteralSpan, ConfigReadKind Kind, bool HasDefault);
