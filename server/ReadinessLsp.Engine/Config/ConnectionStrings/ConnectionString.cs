namespace ReadinessLsp.Engine.Config.ConnectionStrings;

internal enum DatabaseProvider
{
    Unknown,
    SqlServer,
    PostgreSql,
    MySql,
    Sqlite,
}

/// <summary>
/// An ADO.NET connection string split into its <c>key=value</c> parts, with offsets into the
/// string so a fix can remove or rewrite one part. Keys are normalised (case, spaces and
/// underscores ignored) because every provider accepts "Max Pool Size" and "max_pool_size" alike.
/// </summary>
internal sealed class ConnectionString
{
    private static readonly string[] HostKeys = ["server", "host", "datasource", "addr", "address", "networkaddress"];

    private ConnectionString(string text, IReadOnlyList<ConnectionStringPart> parts)
    {
        Text = text;
        Parts = parts;
        Provider = DetectProvider();
    }

    public string Text { get; }

    public IReadOnlyList<ConnectionStringPart> Parts { get; }

    public DatabaseProvider Provider { get; }

    /// <summary>The server the string points at ("localhost", "(localdb)\mssqllocaldb"), or null.</summary>
    public ConnectionStringPart? HostPart => Parts.FirstOrDefault(p => HostKeys.Contains(p.Key));

    /// <summary>Parses a value as a connection string; null when it does not look like one.</summary>
    public static ConnectionString? TryParse(string text)
    {
        var parts = new List<ConnectionStringPart>();
        var i = 0;
        while (i < text.Length)
        {
            var segmentStart = i;
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var keyStart = SkipSpaces(text, i);
            var rawKey = text[keyStart..eq].TrimEnd();
            if (rawKey.Length == 0 || rawKey.Contains(';'))
            {
                return null;
            }

            var valueStart = SkipSpaces(text, eq + 1);
            int valueEnd;
            int next;
            if (valueStart < text.Length && text[valueStart] is '\'' or '"')
            {
                var close = text.IndexOf(text[valueStart], valueStart + 1);
                if (close < 0)
                {
                    return null;
                }

                valueEnd = close + 1;
                var semi = text.IndexOf(';', valueEnd);
                next = semi < 0 ? text.Length : semi + 1;
            }
            else
            {
                var semi = text.IndexOf(';', valueStart);
                valueEnd = semi < 0 ? text.Length : semi;
                next = semi < 0 ? text.Length : semi + 1;
            }

            var value = text[valueStart..valueEnd].TrimEnd();
            parts.Add(new ConnectionStringPart(Normalize(rawKey), rawKey, value.Trim('\'', '"'), keyStart, valueStart, valueStart + value.Length, segmentStart, next));
            i = next;
            while (i < text.Length && (text[i] == ';' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }
        }

        // One "a=b" is too little to call a connection string; require a part only connection strings have.
        return parts.Count >= 2 && parts.Any(p => KnownKeys.Contains(p.Key)) ? new ConnectionString(text, parts) : null;
    }

    public ConnectionStringPart? Find(params string[] normalizedKeys) =>
        Parts.LastOrDefault(p => normalizedKeys.Contains(p.Key));

    private static readonly HashSet<string> KnownKeys =
    [
        "server", "host", "datasource", "initialcatalog", "database", "userid", "uid", "username", "user", "password", "pwd",
        "integratedsecurity", "trustedconnection", "port", "sslmode", "encrypt", "trustservercertificate", "pooling",
        "maxpoolsize", "maximumpoolsize", "filename", "mode", "cache", "addr", "address",
    ];

    private static string Normalize(string key) =>
        key.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private DatabaseProvider DetectProvider()
    {
        var keys = Parts.Select(p => p.Key).ToHashSet();
        var dataSource = Find("datasource")?.Value ?? Find("filename")?.Value;
        if (dataSource is not null && !keys.Contains("server") && !keys.Contains("initialcatalog") && !keys.Contains("host") &&
            (dataSource.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || dataSource.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase) ||
             dataSource.EndsWith(".sqlite3", StringComparison.OrdinalIgnoreCase) || dataSource.Contains(":memory:", StringComparison.OrdinalIgnoreCase) ||
             keys.Contains("filename") || keys.Contains("cache") || keys.Contains("mode")))
        {
            return DatabaseProvider.Sqlite;
        }

        if (keys.Contains("host") || keys.Contains("username") || keys.Contains("sslmode") && !keys.Contains("uid") && Find("sslmode")!.Value.Equals("disable", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSql;
        }

        if (keys.Contains("uid") || keys.Contains("sslmode") || keys.Contains("allowuservariables") || keys.Contains("maximumpoolsize") && !keys.Contains("host"))
        {
            return DatabaseProvider.MySql;
        }

        if (keys.Contains("initialcatalog") || keys.Contains("trustedconnection") || keys.Contains("integratedsecurity") || keys.Contains("encrypt") ||
            keys.Contains("multipleactiveresultsets") || keys.Contains("trustservercertificate") || keys.Contains("server") || keys.Contains("datasource"))
        {
            return DatabaseProvider.SqlServer;
        }

        return DatabaseProvider.Unknown;
    }
}

/// <summary>
/// One <c>key=value</c> of a connection string. Offsets are into the decoded string:
/// <see cref="SegmentStart"/>..<see cref="SegmentEnd"/> covers the part and its ';', for removal.
/// </summary>
internal sealed record ConnectionStringPart(string Key, string RawKey, string Value, int KeyStart, int ValueStart, int ValueEnd, int SegmentStart, int SegmentEnd);
