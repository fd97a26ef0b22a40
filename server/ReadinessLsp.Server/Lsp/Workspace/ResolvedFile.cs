using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>A file's latest analysis and the findings resolved from it: what hover and code actions read.</summary>
internal sealed record ResolvedFile(FileAnalysis Analysis, IReadOnlyList<Finding> Findings);
