namespace ReadinessLsp.Server.Fuzz;

/// <summary>Where the session is in the LSP lifecycle: it decides which answer a request must get.</summary>
internal enum FuzzPhase
{
    BeforeInitialize,
    Initialized,
    AfterShutdown,
}

/// <summary>
/// Bytes to send and what kind of trouble they are. <paramref name="Filler"/> is sent
/// <paramref name="FillerRepeats"/> times after <paramref name="Bytes"/>, so that a message of
/// tens of megabytes need not be held in memory by the fuzzer either.
/// </summary>
/// <param name="Expected">The answer the server must give, when it is certain; null when any answer (or none) is acceptable.</param>
internal sealed record FuzzFrame(string Kind, byte[] Bytes, ExpectedAnswer? Expected = null, byte[]? Filler = null, int FillerRepeats = 0)
{
    public long Length => Bytes.LongLength + ((Filler?.LongLength ?? 0) * FillerRepeats);
}

/// <param name="Code">The JSON-RPC error code, or null for a successful result.</param>
internal sealed record ExpectedAnswer(long Id, int? Code);
