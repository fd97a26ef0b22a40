namespace ReadinessLsp.Server.Mcp;

/// <summary>What the server tells the agent when it connects: when to call which tool, and the loop to follow.</summary>
internal static class ServerInstructions
{
    public const string Text = """
        Readiness finds where this ASP.NET Core app breaks once real users arrive: one user reading another's data, committed secrets, development settings reaching production, settings read but defined nowhere, and more. It reads C#, appsettings*.json, launchSettings.json and .env files; it never builds or runs the app and never writes files.
        After you edit any of those files, call check_files with the paths you changed (or `files` with unsaved text) before you finish, fix what it reports, and check again until it reports nothing. For a finding id, explain_finding says what happens in production and what to do; get_fix returns the edits and a unified diff for you to apply with your own edit tool, or what to do where no safe automatic fix exists. check_workspace gives the overview, most severe first; list_endpoints shows who may call each endpoint and why, so check it before adding or changing one. Ids stay the same when lines move. Secrets are masked in every answer; never copy a secret into code.
        """;
}
