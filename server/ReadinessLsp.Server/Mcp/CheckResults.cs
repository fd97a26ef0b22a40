using System.Text;
using ModelContextProtocol;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// The last answers of the check tools and <c>list_endpoints</c>, held so that a cursor pages
/// through exactly the list an answer produced (the workspace may change between pages) and so that
/// a finding judged on unsaved text can still be explained and fixed against that text. Cursors
/// name a held answer and an offset; the oldest answers are dropped first.
/// </summary>
internal sealed class CheckResults
{
    private const int Held = 32;

    private readonly Lock _gate = new();
    private readonly LinkedList<CheckRecord> _records = new();
    private int _next;

    public CheckRecord Add(WorkspaceState state, ITextSource texts, IReadOnlyList<Finding> findings) => Hold(id => new CheckRecord(id, state, texts, findings));

    /// <summary>An endpoint list, held for its cursor like a check.</summary>
    public CheckRecord Add(WorkspaceState state, IReadOnlyList<Endpoint> endpoints) => Hold(id => new CheckRecord(id, state, DiskTextSource.Instance, [], endpoints));

    private CheckRecord Hold(Func<int, CheckRecord> create)
    {
        lock (_gate)
        {
            var record = create(++_next);
            _records.AddFirst(record);
            while (_records.Count > Held)
            {
                _records.RemoveLast();
            }

            return record;
        }
    }

    /// <summary>The held answers, newest first.</summary>
    public IReadOnlyList<CheckRecord> Newest()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    /// <summary>The answer and offset a cursor names, or a tool error the agent can act on.</summary>
    public (CheckRecord Record, int Offset) Resolve(string cursor)
    {
        if (!Cursor.TryDecode(cursor, out var id, out var offset))
        {
            throw new McpException($"'{cursor}' is not a cursor this server gave out. Pass the nextCursor of a previous result unchanged.");
        }

        lock (_gate)
        {
            var record = _records.FirstOrDefault(r => r.Id == id)
                ?? throw new McpException($"The check that cursor belongs to is no longer held (the server keeps its last {Held} answers). Run check_workspace or check_files again.");
            if (offset > record.Count)
            {
                throw new McpException($"The cursor points past the end of its answer ({record.Count} items). Run the check again.");
            }

            return (record, offset);
        }
    }
}

/// <summary>
/// One answer: the state it was judged on, the text it read (unsaved text first), and its findings
/// in the order shown, or, for <c>list_endpoints</c>, its endpoints.
/// </summary>
internal sealed record CheckRecord(int Id, WorkspaceState State, ITextSource Texts, IReadOnlyList<Finding> Findings, IReadOnlyList<Endpoint>? Endpoints = null)
{
    public int Count => Endpoints?.Count ?? Findings.Count;

    public string? CursorAfter(int offset, int count) => offset + count < Count ? Cursor.Encode(Id, offset + count) : null;
}

/// <summary>Opaque to the agent: the answer's number and an offset, base64url so it survives any client.</summary>
internal static class Cursor
{
    public static string Encode(int id, int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{id}:{offset}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out int id, out int offset)
    {
        id = offset = 0;
        try
        {
            var base64 = cursor.Trim().Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            return parts.Length == 2 && int.TryParse(parts[0], out id) && int.TryParse(parts[1], out offset) && id > 0 && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
