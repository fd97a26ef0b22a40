using ReadinessLsp.Engine.Catalogue;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Cli;

/// <summary>The parsed command line of <c>check</c>; <see cref="Parse"/> returns an error line instead of throwing.</summary>
internal sealed record CheckOptions(
    IReadOnlyList<string> Roots,
    OutputFormat Format,
    Severity? FailOn,
    string? OutputFile,
    long MaxFileBytes,
    IReadOnlyList<string> Exclude,
    bool Verbose)
{
    public static (CheckOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var roots = new List<string>();
        var exclude = new List<string>();
        var format = OutputFormat.Text;
        Severity? failOn = Severity.Error;
        string? output = null;
        var maxBytes = DocumentLoader.DefaultMaxFileBytes;
        var verbose = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--format" or "-f":
                    var formatText = Value();
                    if (!Enum.TryParse(formatText, ignoreCase: true, out format) || !Enum.IsDefined(format))
                    {
                        return (null, $"--format must be text, json, sarif or html (got '{formatText}')");
                    }

                    break;
                case "--fail-on":
                    var failText = Value();
                    if (failText == "never")
                    {
                        failOn = null;
                    }
                    else if (SeverityNames.TryParse(failText, out var severity))
                    {
                        failOn = severity;
                    }
                    else
                    {
                        return (null, $"--fail-on must be error, warning, info, hint or never (got '{failText}')");
                    }

                    break;
                case "--output" or "-o":
                    output = Value() ?? string.Empty;
                    if (output.Length == 0)
                    {
                        return (null, "--output needs a file name");
                    }

                    break;
                case "--max-file-size":
                    if (!long.TryParse(Value(), out var kb) || kb <= 0)
                    {
                        return (null, "--max-file-size needs a positive number of KB");
                    }

                    maxBytes = kb * 1024;
                    break;
                case "--exclude":
                    var glob = Value();
                    if (string.IsNullOrWhiteSpace(glob))
                    {
                        return (null, "--exclude needs a glob");
                    }

                    exclude.Add(glob);
                    break;
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case var unknown when unknown.StartsWith('-'):
                    return (null, $"unknown option '{unknown}' (see readiness --help)");
                default:
                    if (!Directory.Exists(arg))
                    {
                        return (null, File.Exists(arg) ? $"'{arg}' is a file; check takes a folder" : $"folder '{arg}' does not exist");
                    }

                    roots.Add(PathNormalizer.Normalize(arg));
                    break;
            }
        }

        return roots.Count == 0
            ? (null, "check needs a folder: readiness check DIR")
            : (new CheckOptions(roots, format, failOn, output, maxBytes, exclude, verbose), null);
    }
}

internal enum OutputFormat
{
    Text,
    Json,
    Sarif,
    Html,
}
