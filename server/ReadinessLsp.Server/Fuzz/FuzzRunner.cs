using System.Diagnostics;
using System.Globalization;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Server.Lsp;

namespace ReadinessLsp.Server.Fuzz;

/// <summary>
/// Starts servers one after another and runs a <see cref="FuzzSession"/> on each until the time
/// is up. Session <c>n</c> of seed <c>s</c> always sends the same bytes, so a problem it reports
/// can be replayed.
/// </summary>
/// <param name="engine">For servers in process; by default one is created.</param>
/// <param name="minMessages">Keeps going past the duration until this many messages were sent, so a
/// short run on a busy machine still covers as much as on an idle one.</param>
internal sealed class FuzzRunner(int seed, TimeSpan duration, bool inProcess, TextWriter progress, ReadinessEngine? engine = null, int minMessages = 0)
{
    public async Task<FuzzTally> RunAsync(CancellationToken cancellationToken = default)
    {
        var root = Path.Combine(Path.GetTempPath(), "readiness-fuzz", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var document = Path.Combine(root, "Program.cs");
        await File.WriteAllTextAsync(document, FuzzSession.RiskyProgram, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }\n", cancellationToken);

        // Spawned servers start slowly, so each lives for more rounds; only they get the really
        // huge messages, which would crowd the short in-process run.
        var settings = inProcess
            ? new FuzzSettings(root, document, LargeBytes: 200_000, AllowHugeStreams: false, MinRounds: 1, MaxRounds: 3, MinBatch: 100, MaxBatch: 400, Timeout: TimeSpan.FromSeconds(30), CompactEachRound: false)
            : new FuzzSettings(root, document, LargeBytes: 2_000_000, AllowHugeStreams: true, MinRounds: 5, MaxRounds: 25, MinBatch: 20, MaxBatch: 200, Timeout: TimeSpan.FromSeconds(60), CompactEachRound: true);
        var serverEngine = inProcess ? engine ?? ReadinessEngine.CreateDefault(Serilog.Core.Logger.None) : null;
        var tally = new FuzzTally();
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        try
        {
            for (var session = 0; (clock.Elapsed < duration || tally.MessagesSent < minMessages) && !cancellationToken.IsCancellationRequested; session++)
            {
                var sessionSeed = unchecked((seed * 1_000_003) + session);
                IFuzzServer server = inProcess
                    ? new InProcessFuzzServer(serverEngine!, new ServerOptions { Debounce = TimeSpan.FromMilliseconds(20) })
                    : new ProcessFuzzServer(root);
                tally.ServersStarted++;
                await using (server)
                {
                    await new FuzzSession(server, settings, tally, new Random(sessionSeed), $"session {session} (seed {sessionSeed})").RunAsync(cancellationToken);
                }

                if (clock.Elapsed - reported >= TimeSpan.FromSeconds(30))
                {
                    reported = clock.Elapsed;
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz: {clock.Elapsed.TotalSeconds:0} s, {tally.MessagesSent:N0} messages, {tally.SessionsVerified:N0} sessions verified, {tally.Crashes} crashes, {tally.Hangs} hangs"));
                }
            }
        }
        finally
        {
            tally.Elapsed = clock.Elapsed;
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return tally;
    }
}
