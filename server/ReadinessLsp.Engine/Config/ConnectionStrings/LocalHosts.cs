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

    /// <summary>
    /// Whether a server value names a developer's own PC rather than a server: a Windows workstation's
    /// default name (<c>DESKTOP-4F2K9QX</c>, <c>LAPTOP-…</c>), a SQL Server Express instance
    /// (<c>MYPC\SQLEXPRESS</c>), the free edition installed on development machines, or a named instance
    /// on a machine known by its bare name (<c>UIGLT227\SQLSERVER2019</c>), as a developer's own install is.
    /// </summary>
    public static bool IsDeveloperMachine(string server)
    {
        var value = server.Trim();
        if (value.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..];
        }

        var slash = value.IndexOf('\\');
        var instance = slash < 0 ? string.Empty : value[(slash + 1)..].Split(',')[0].Trim();
        var host = (slash < 0 ? value : value[..slash]).Split(',', ':')[0].Trim();
        return instance.Equals("SQLEXPRESS", StringComparison.OrdinalIgnoreCase) ||
            host.StartsWith("DESKTOP-", StringComparison.OrdinalIgnoreCase) ||
            host.StartsWith("LAPTOP-", StringComparison.OrdinalIgnoreCase) ||
            (instance.Length > 0 && IsBareMachineName(host)); // PCNAME\SQLSERVER2019: a named instance on a machine known by its name alone
    }

    /// <summary>A bare machine name (no domain, not an address): how a PC on the same desk is named, not a server on the internet.</summary>
    public static bool IsBareMachineName(string server)
    {
        var host = server.Trim();
        if (host.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        host = host.Split('\\', ',', ':')[0].Trim();
        return host.Length > 0 && !host.Contains('.') && !System.Net.IPAddress.TryParse(host, out _) && host.All(c => char.IsLetterOrDigit(c) || c is '-' or '_');
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
