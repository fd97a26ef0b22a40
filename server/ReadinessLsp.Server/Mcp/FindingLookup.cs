using ModelContextProtocol;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// Finds a finding by its id (its stable fingerprint, or a unique prefix of at least 8 characters)
/// as the agent last saw it: in the answer that judged the agent's unsaved text, when that answer is
/// the newest to hold it, otherwise in the workspace as it is on disk now.
/// </summary>
internal sealed class FindingLookup(McpWorkspace workspace, CheckResults results)
{
    private const int MinPrefix = 8;

    public async Task<FoundFinding> FindAsync(string id, CancellationToken cancellationToken)
    {
        id ??= string.Empty;
        var key = id.Trim().ToLowerInvariant();
        if (key.Length < MinPrefix || key.Length > 32 || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new McpException($"'{id}' is not a finding id. Ids are the 32-character hex strings that check_workspace, check_files and list_findings return (a unique prefix of {MinPrefix} or more works too).");
        }

        foreach (var record in results.Newest())
        {
            if (Match(record.Findings, key, id) is { } held)
            {
                if (record.Texts is UnsavedTexts)
                {
                    return new FoundFinding(held, record.State, record.Texts);
                }

                break;
            }
        }

        var state = await workspace.ReadyAsync(cancellationToken, verify: []);
        if (Match(state.AllFindings, key, id) is { } found)
        {
            // Its file may have changed a moment ago: answer from the file as it is now.
            state = await workspace.ReadyAsync(cancellationToken, verify: [found.Path]);
        }

        return Match(state.AllFindings, key, id) is { } current
            ? new FoundFinding(current, state, DiskTextSource.Instance)
            : throw new McpException($"No finding has the id '{id}' now: it was fixed, or the code changed so that it is no longer the same finding. Call check_files on the file for its current findings and ids.");
    }

    private static Finding? Match(IEnumerable<Finding> findings, string key, string id)
    {
        var matches = findings.Where(f => f.Fingerprint.StartsWith(key, StringComparison.Ordinal)).DistinctBy(f => f.Fingerprint).Take(2).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new McpException($"The id prefix '{id}' matches more than one finding; give the full id."),
        };
    }
}

/// <summary>A finding with the state that judged it and the text it was judged on.</summary>
internal sealed record FoundFinding(Finding Finding, WorkspaceState State, ITextSource Texts);
