using ReadinessLsp.Engine.Rules.Configuration;

namespace ReadinessLsp.Engine.State;

/// <summary>Something a run could not check, said once for the workspace rather than once per finding.</summary>
internal sealed record WorkspaceNote(string Path, string Message);

/// <summary>The notes of a workspace state, for every face: a summary line in <c>check</c>, a message in the editor.</summary>
internal static class WorkspaceNotes
{
    public static IReadOnlyList<WorkspaceNote> Of(WorkspaceState state) => UncheckedSettings.Notes(state);
}
