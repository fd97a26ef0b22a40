namespace ReadinessLsp.Engine.Config.Secrets;

/// <summary>
/// Credentials published on purpose: a read-only or demo account of a public sample database, the
/// client of a vendor's public demo identity server. Anyone may use them by design, so committing
/// them leaks nothing.
/// </summary>
internal static class SharedDemo
{
    private static readonly string[] DemoWords = ["readonly", "read_only", "read-only", "demo", "guest", "anonymous", "public"];

    /// <summary>A user or client id that says it is a demo or read-only account ("readonly", "demo-client", "public").</summary>
    public static bool IsDemoName(string name) =>
        DemoWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>A host (or URL) of a public demo service: its first label is "demo" (demo.duendesoftware.com).</summary>
    public static bool IsDemoHost(string hostOrUrl)
    {
        var host = Uri.TryCreate(hostOrUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host : hostOrUrl.Trim();
        var first = host.Split('.', '\\', ',', ':')[0];
        return host.Contains('.') && first.Equals("demo", StringComparison.OrdinalIgnoreCase);
    }
}
