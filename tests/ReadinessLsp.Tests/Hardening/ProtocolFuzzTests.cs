using ReadinessLsp.Server.Fuzz;
using ReadinessLsp.Tests.Lsp;
using Xunit.Abstractions;

namespace ReadinessLsp.Tests.Hardening;

/// <summary>
/// A few seconds of the fuzzer, seeded, against servers in this process: thousands of malformed
/// messages, and after every batch a normal session that must still work. The long run is
/// <c>readiness fuzz --seconds 600</c> against spawned servers.
/// </summary>
public sealed class ProtocolFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Seeded_malformed_traffic_never_crashes_wedges_or_misanswers_the_server()
    {
        var tally = await new FuzzRunner(seed: 20240601, TimeSpan.FromSeconds(4), inProcess: true, TextWriter.Null, LspTestClient.DefaultEngine, minMessages: 1000).RunAsync();

        var report = new StringWriter();
        tally.Write(report, 20240601, "in process");
        output.WriteLine(report.ToString());
        Assert.True(tally.Passed, report.ToString());
        Assert.True(tally.MessagesSent >= 1000, report.ToString());
        Assert.True(tally.SessionsVerified >= 2, report.ToString());
    }
}
