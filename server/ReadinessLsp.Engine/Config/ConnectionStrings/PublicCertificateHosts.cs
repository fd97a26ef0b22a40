namespace ReadinessLsp.Engine.Config.ConnectionStrings;

/// <summary>
/// Managed database services whose servers present a certificate from a public certificate
/// authority, which every operating system trusts out of the box. Only for these can certificate
/// checks be switched on without touching the machine the app runs on: a self-signed certificate
/// (what a SQL Server or PostgreSQL install creates by default) fails the check until its
/// authority is installed, and the connection breaks.
/// </summary>
internal static class PublicCertificateHosts
{
    private static readonly string[] Suffixes =
    [
        ".database.windows.net", ".database.azure.com", ".database.usgovcloudapi.net", ".database.chinacloudapi.cn", ".neon.tech",
    ];

    public static bool Has(string server)
    {
        var host = server.Trim();
        if (host.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        host = host.Split(',', ':', '\\')[0].Trim().TrimEnd('.');
        return Suffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
