namespace ReadinessLsp.Server.Lsp;

/// <summary>Starts the language server over stdio.</summary>
internal static class LanguageServerEntry
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("The language server is not built yet.");
        return Task.FromResult(1);
    }
}
