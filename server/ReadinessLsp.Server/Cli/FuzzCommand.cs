using System.Globalization;
using ReadinessLsp.Server.Fuzz;

namespace ReadinessLsp.Server.Cli;

/// <summary>
/// <c>readiness fuzz [--seconds N] [--seed S] [--in-process]</c>: sends malformed and hostile
/// protocol traffic to real servers (spawned processes by default) and checks after each batch
/// that a normal session still works. Prints what it sent and found; exits 0 when nothing
/// crashed, hung or answered wrongly, 1 otherwise, 2 for a bad option.
/// </summary>
internal static class FuzzCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var seconds = 60;
        var seed = 1;
        var inProcess = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seconds" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds > 0:
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed):
                    i++;
                    break;
                case "--in-process":
                    inProcess = true;
                    break;
                default:
                    stderr.WriteLine($"readiness: bad option '{args[i]}' for fuzz (--seconds N, --seed S, --in-process)");
                    return 2;
            }
        }

        var tally = await new FuzzRunner(seed, TimeSpan.FromSeconds(seconds), inProcess, stderr).RunAsync();
        tally.Write(stdout, seed, inProcess ? "servers in process" : "spawned server processes");
        return tally.Passed ? 0 : 1;
    }
}
