using System.Runtime;
using System.Text;
using System.Text.Json;

namespace ReadinessLsp.Server.Fuzz;

/// <summary>Knobs of a fuzz run.</summary>
/// <param name="DocumentPath">A Program.cs in the workspace; the session opens it with <see cref="FuzzSession.RiskyProgram"/>.</param>
/// <param name="CompactEachRound">For a fuzzer running as its own process: its megabyte messages are garbage once sent.</param>
internal sealed record FuzzSettings(string Root, string DocumentPath, int LargeBytes, bool AllowHugeStreams, int MinRounds, int MaxRounds, int MinBatch, int MaxBatch, TimeSpan Timeout, bool CompactEachRound)
{
    public string RootUri => new Uri(Root + Path.DirectorySeparatorChar).AbsoluteUri;

    public string DocumentUri => new Uri(DocumentPath).AbsoluteUri;
}

/// <summary>
/// One server's life under fuzzing: a batch of malformed frames before initialize, initialize,
/// then rounds of (batch, normal session) where the normal session must still work (the
/// document's RDY2001 finding is published for the newest version, hover explains it, the code
/// action offers the quick fix), then an ending: shutdown and exit (code 0), exit without
/// shutdown or closed input (code 1). Answers the specification fixes are checked as they come.
/// </summary>
internal sealed class FuzzSession(IFuzzServer server, FuzzSettings settings, FuzzTally tally, Random random, string label)
{
    public const string RiskyProgram = "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.UseDeveloperExceptionPage();\napp.Run();\n";

    // The frame's kind and first bytes, not the frame: some are megabytes.
    private readonly List<(ExpectedAnswer Expected, string Kind, string Sample)> _expected = [];
    private long _nextId = 1000;
    private bool _exitRequested;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var client = new FuzzClient(server.ToServer, server.FromServer);
        var frames = new MalformedFrames(random, settings.DocumentUri, () => ++_nextId, settings.LargeBytes, settings.AllowHugeStreams);
        var step = "before initialize";
        try
        {
            await SendBatchAsync(client, frames, FuzzPhase.BeforeInitialize, cancellationToken);
            step = "initialize";
            var initialize = await client.RequestAsync(++_nextId, "initialize", $"{{\"processId\":null,\"rootUri\":{Quote(settings.RootUri)},\"capabilities\":{{}}}}", settings.Timeout, cancellationToken);
            Require(initialize.TryGetProperty("result", out _), $"initialize failed: {Shorten(initialize.GetRawText())}");
            await SendAsync(client, MalformedFrames.Notification("initialized", "{}"), cancellationToken);

            var rounds = random.Next(settings.MinRounds, settings.MaxRounds + 1);
            for (var round = 1; round <= rounds; round++)
            {
                step = $"round {round}";
                await SendBatchAsync(client, frames, FuzzPhase.Initialized, cancellationToken);
                await VerifyAsync(client, round, cancellationToken);
                await CheckAnswersAsync(client);
                tally.SessionsVerified++;

                if (settings.CompactEachRound)
                {
                    // Compacted after each round, the batch's megabyte messages do not hold the
                    // fuzzer at gigabytes on a shared machine.
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect();
                }
                tally.PeakResidentBytes = Math.Max(tally.PeakResidentBytes, server.PeakResidentBytes());
            }

            step = "ending";
            await EndAsync(client, frames, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or EndOfStreamException or IOException or ObjectDisposedException or SessionFailure)
        {
            var died = server.Exited.IsCompleted && !_exitRequested;
            if (died)
            {
                tally.Crashes++;
                var how = server.Exited.IsFaulted ? server.Exited.Exception!.GetBaseException().ToString() : $"exit code {server.Exited.Result}";
                tally.Problem($"{label}: the server stopped during {step} ({Shorten(how)}): {e.Message}");
            }
            else if (e is SessionFailure failure && !failure.Hang)
            {
                tally.WrongAnswers++;
                tally.Problem($"{label}: {step}: {e.Message}");
            }
            else
            {
                tally.Hangs++;
                tally.Problem($"{label}: no progress during {step}: {e.Message}");
            }
        }
        finally
        {
            tally.NullIdErrors += client.NullIdErrors;
            tally.PeakResidentBytes = Math.Max(tally.PeakResidentBytes, server.PeakResidentBytes());
            if (client.Reading.IsFaulted)
            {
                tally.Crashes++;
                tally.Problem($"{label}: the server wrote something that is not a well-formed message: {client.Reading.Exception?.GetBaseException().Message}");
            }

            foreach (var error in server.Errors)
            {
                tally.ErrorsLogged++;
                tally.Problem($"{label}: logged: {Shorten(error)}");
            }
        }
    }

    private async Task SendBatchAsync(FuzzClient client, MalformedFrames frames, FuzzPhase phase, CancellationToken cancellationToken)
    {
        var count = random.Next(settings.MinBatch, settings.MaxBatch + 1);
        for (var i = 0; i < count; i++)
        {
            var frame = frames.Next(phase);
            if (frame.Expected is { } expected)
            {
                _expected.Add((expected, frame.Kind, Sample(frame)));
            }

            await client.WriteAsync(frame, cancellationToken).WaitAsync(settings.Timeout, cancellationToken);
            tally.Sent(frame);
        }
    }

    private async Task VerifyAsync(FuzzClient client, int round, CancellationToken cancellationToken)
    {
        // Each round moves the finding down a line, so stale results cannot pass for fresh ones.
        var line = 2 + round - 1;
        var text = string.Concat(Enumerable.Range(1, round - 1).Select(i => $"// edit {i}\n")) + RiskyProgram;
        var uri = settings.DocumentUri;
        await SendAsync(client, round == 1
            ? MalformedFrames.Notification("textDocument/didOpen", $"{{\"textDocument\":{{\"uri\":{Quote(uri)},\"languageId\":\"csharp\",\"version\":1,\"text\":{Quote(text)}}}}}")
            : MalformedFrames.Notification("textDocument/didChange", $"{{\"textDocument\":{{\"uri\":{Quote(uri)},\"version\":{round}}},\"contentChanges\":[{{\"text\":{Quote(text)}}}]}}"), cancellationToken);

        var published = await client.DiagnosticsAsync(uri, round, p => FindingOnLine(p, line) is not null, settings.Timeout, cancellationToken);
        var diagnostic = FindingOnLine(published, line)!.Value;

        var hover = await client.RequestAsync(++_nextId, "textDocument/hover", $"{{\"textDocument\":{{\"uri\":{Quote(uri)}}},\"position\":{{\"line\":{line},\"character\":8}}}}", settings.Timeout, cancellationToken);
        Require(hover.TryGetProperty("result", out var hoverResult) && hoverResult.ValueKind == JsonValueKind.Object && hoverResult.TryGetProperty("contents", out _), $"hover did not explain the finding: {Shorten(hover.GetRawText())}");

        var range = diagnostic.GetProperty("range").GetRawText();
        var actions = await client.RequestAsync(++_nextId, "textDocument/codeAction", $"{{\"textDocument\":{{\"uri\":{Quote(uri)}}},\"range\":{range},\"context\":{{\"diagnostics\":[{diagnostic.GetRawText()}]}}}}", settings.Timeout, cancellationToken);
        Require(
            actions.TryGetProperty("result", out var list) && list.ValueKind == JsonValueKind.Array && list.EnumerateArray().Any(a => a.GetProperty("title").GetString() == "Only use it in Development"),
            $"the quick fix was not offered: {Shorten(actions.GetRawText())}");
    }

    private async Task EndAsync(FuzzClient client, MalformedFrames frames, CancellationToken cancellationToken)
    {
        var ending = random.Next(3);
        int expectedCode;
        if (ending == 0)
        {
            var shutdown = await client.RequestAsync(++_nextId, "shutdown", "null", settings.Timeout, cancellationToken);
            Require(shutdown.TryGetProperty("result", out _), $"shutdown failed: {Shorten(shutdown.GetRawText())}");
            await SendBatchAsync(client, frames, FuzzPhase.AfterShutdown, cancellationToken);

            // An unknown method is answered in every state: once it is, everything sent before it was read.
            var ping = await client.RequestAsync(++_nextId, "readiness/ping", "{}", settings.Timeout, cancellationToken);
            Require(ping.TryGetProperty("error", out _), "the ping after shutdown was not answered with an error");
            await CheckAnswersAsync(client);
            _exitRequested = true;
            await SendAsync(client, MalformedFrames.Notification("exit", "{}"), cancellationToken);
            expectedCode = 0;
        }
        else if (ending == 1)
        {
            _exitRequested = true;
            await SendAsync(client, MalformedFrames.Notification("exit", "{}"), cancellationToken);
            expectedCode = 1;
        }
        else
        {
            _exitRequested = true;
            client.ExpectEnd();
            server.CloseInput();
            expectedCode = 1;
        }

        var code = await server.Exited.WaitAsync(settings.Timeout, cancellationToken);
        tally.AnswersChecked++;
        if (code != expectedCode)
        {
            tally.WrongAnswers++;
            tally.Problem($"{label}: exit code {code}, expected {expectedCode} ({(ending == 0 ? "shutdown, then exit" : ending == 1 ? "exit without shutdown" : "input closed")})");
        }
    }

    private async Task CheckAnswersAsync(FuzzClient client)
    {
        using var deadline = new CancellationTokenSource(settings.Timeout);
        foreach (var (expected, kind, sample) in _expected)
        {
            tally.AnswersChecked++;
            JsonElement answer;
            try
            {
                answer = await client.AnswerTo(expected.Id).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                tally.MissingAnswers++;
                tally.Problem($"{label}: no answer to {kind} request {expected.Id}: {sample}");
                continue;
            }

            int? code = answer.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : null;
            if (code != expected.Code)
            {
                tally.WrongAnswers++;
                tally.Problem($"{label}: {kind} request {expected.Id} got {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a result"}, expected {expected.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a result"}: {sample} -> {Shorten(answer.GetRawText())}");
            }
        }

        _expected.Clear();
    }

    private async Task SendAsync(FuzzClient client, string json, CancellationToken cancellationToken)
    {
        var frame = new FuzzFrame("session", MalformedFrames.Framed(json));
        await client.WriteAsync(frame, cancellationToken).WaitAsync(settings.Timeout, cancellationToken);
        tally.Sent(frame);
    }

    private static JsonElement? FindingOnLine(JsonElement published, int line)
    {
        foreach (var diagnostic in published.GetProperty("diagnostics").EnumerateArray())
        {
            if (diagnostic.GetProperty("code").GetString() == "RDY2001" && diagnostic.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() == line)
            {
                return diagnostic;
            }
        }

        return null;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new SessionFailure(problem, hang: false);
        }
    }

    private static string Sample(FuzzFrame frame)
    {
        var text = Encoding.UTF8.GetString(frame.Bytes, 0, Math.Min(frame.Bytes.Length, 160));
        return Shorten(text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));
    }

    private static string Shorten(string text) => text.Length <= 240 ? text : text[..240] + "…";

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private sealed class SessionFailure(string message, bool hang) : Exception(message)
    {
        public bool Hang { get; } = hang;
    }
}
