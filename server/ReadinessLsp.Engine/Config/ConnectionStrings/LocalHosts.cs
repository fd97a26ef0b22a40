namespace ReadinessLsp.Engine.Config.ConnectionStrings;

/// <summary>Host names that mean "the machine this runs on": fine on a laptop, wrong on a server.</summary>
internal static class LocalHosts
{
    private static readonly string[] Names = ["localhost", "127.0.0.1", "::1", "[::1]", "(localdb)", "(local)", ".", "host.docker.internal"];

    // 0.0.0.0 is deliberately absent: it is a bind address ("listen everywhere"), not a place to connect to.

    /// <summary>Whether a connection-string server value ("tcp:localhost,1433", ".\SQLEXPRESS") is the local machine.</summary>
    public static bool IsLocalServer(string server)
    {
        var host = server.Trim();
        if (host.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        // Strip instance, port and list: "localhost\SQLEXPRESS", "localhost,1433", "localhost:5432".
        var cut = host.IndexOfAny(['\\', ',', ';']);
        if (cut >= 0)
        {
            host = host[..cut];
        }

        if (!host.StartsWith('[') && host.Count(c => c == ':') == 1)
        {
            host = host[..host.IndexOf(':')];
        }

        return IsLocalHostName(host);
    }

    public static bool IsLocalHostName(string host) =>
        Names.Contains(host.Trim(), StringComparer.OrdinalIgnoreCase) ||
        host.StartsWith("(localdb)", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an absolute http(s) URL points at the local machine.</summary>
    public static bool IsLocalUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) &&
        uri.Scheme is "http" or "https" &&
        IsLocalHostName(uri.Host);
}
