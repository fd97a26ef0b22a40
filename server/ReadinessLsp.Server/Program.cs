using ReadinessLsp.Server.Cli;
using ReadinessLsp.Server.Lsp;

namespace ReadinessLsp.Server;

/// <summary>
/// One executable, two faces of the engine: <c>check DIR</c> for terminals and CI, and (with no
/// command, or <c>--stdio</c>) the language server for editors.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "check")
        {
            return CheckCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] == "rules")
        {
            return RulesCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] is "mcp" or "hook")
        {
            return await Mcp.AgentCommands.RunAsync(args);
        }

        if (args.Length > 0 && args[0] == "fuzz")
        {
            return await FuzzCommand.RunAsync(args[1..], Console.Out, Console.Error);
        }

        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            Console.Out.WriteLine(Usage.Text);
            return 0;
        }

        if (args.Length > 0 && args[0] is "--version" or "version")
        {
            Console.Out.WriteLine(typeof(Program).Assembly.GetName().Version?.ToString(3));
            return 0;
        }

        return await LanguageServerEntry.RunAsync(args);
    }
}
