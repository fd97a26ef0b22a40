using System.Globalization;
using ReadinessLsp.Benchmarks.Synthetic;

namespace ReadinessLsp.Benchmarks.Scan;

/// <summary>The command line of <c>scan</c>; <see cref="Parse"/> returns an error line instead of throwing.</summary>
/// <param name="Workspace">An existing folder (a real repository) measured in place instead of a generated one.</param>
internal sealed record ScanOptions(int Files, int Seed, string? OutputDirectory, bool Keep, int Runs, bool DevSkim, bool Check, bool Breakdown, string? Workspace = null)
{
    public static (ScanOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new ScanOptions(SyntheticWorkspaceGenerator.DefaultFileCount, SyntheticWorkspaceGenerator.DefaultSeed, null, false, 3, false, true, false);
        for (var i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--files" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var files) && files > 0:
                    options = options with { Files = files };
                    break;
                case "--seed" when int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--runs" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0:
                    options = options with { Runs = runs };
                    break;
                case "--out" when Value() is { Length: > 0 } dir:
                    options = options with { OutputDirectory = Path.GetFullPath(dir) };
                    break;
                case "--workspace" when Value() is { Length: > 0 } dir && Directory.Exists(dir):
                    options = options with { Workspace = Path.GetFullPath(dir) };
                    break;
                case "--keep":
                    options = options with { Keep = true };
                    break;
                case "--devskim":
                    options = options with { DevSkim = true };
                    break;
                case "--breakdown":
                    options = options with { Breakdown = true };
                    break;
                case "--no-check":
                    options = options with { Check = false };
                    break;
                case var arg:
                    return (null, $"Bad or incomplete option '{arg}'.");
            }
        }

        return (options, null);
    }
}
