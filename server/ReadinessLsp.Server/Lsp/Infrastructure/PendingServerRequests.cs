using System.Collections.Concurrent;
using StreamJsonRpc;

namespace ReadinessLsp.Server.Lsp.Infrastructure;

/// <summary>
/// Ids of the requests the server sent to the client and is still waiting on. The JSON-RPC
/// library closes the connection when an answer arrives for a request it never sent, so the
/// input filter passes on only answers whose id is here.
/// </summary>
internal sealed class PendingServerRequests
{
    private readonly ConcurrentDictionary<RequestId, byte> _ids = new();

    public void Add(RequestId id) => _ids.TryAdd(id, 0);

    /// <returns>true once per id the server is waiting on; a second answer to it is not passed on.</returns>
    public bool TryComplete(RequestId id) => _ids.TryRemove(id, out _);
}
