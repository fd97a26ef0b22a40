namespace ReadinessLsp.Server.Cli;

internal static class Usage
{
    public const string Text = """
        readiness — finds where an ASP.NET Core app will break in production.

        Usage:
          readiness check DIR [DIR...] [--format text|json|sarif|html] [--fail-on error|warning|info|hint|never]
                               [--output FILE] [--max-file-size KB] [--exclude GLOB]... [--verbose]
          readiness rules [--markdown]  list the rules
          readiness mcp [DIR...] [--log-file PATH] [--log-level LEVEL] [--max-file-size KB] [--no-watch]
                                        the MCP server for coding agents over stdin/stdout
          readiness hook [DIR]          a post-edit hook: reads the hook's JSON on stdin, checks the edited file
          readiness fuzz [--seconds N] [--seed S] [--in-process]
                                        send malformed protocol traffic to servers, check they keep working
          readiness [--stdio]           run the language server over stdin/stdout
          readiness --version

        check exits 0 when no finding reaches --fail-on (default: error), 1 when one does,
        and 2 on a bad path or option.
        """;
}
