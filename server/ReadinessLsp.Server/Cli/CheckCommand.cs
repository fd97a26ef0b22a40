namespace ReadinessLsp.Server.Cli;

/// <summary>The <c>check</c> command.</summary>
internal static class CheckCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => 2;
}
