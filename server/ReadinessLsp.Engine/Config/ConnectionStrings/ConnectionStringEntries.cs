using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.ConnectionStrings;

/// <summary>
/// The connection strings of an appsettings file (under <c>ConnectionStrings</c>, or any value that
/// parses as one), parsed once per document and shared by the connection-string rules.
/// </summary>
internal sealed class ConnectionStringEntries
{
    private ConnectionStringEntries(IReadOnlyList<ConnectionStringEntry> items) => Items = items;

    public IReadOnlyList<ConnectionStringEntry> Items { get; }

    public static ConnectionStringEntries Parse(SourceDocument document)
    {
        var json = document.GetParsed(ConfigJsonDocument.Parse);
        var items = new List<ConnectionStringEntry>();
        foreach (var entry in json.Values)
        {
            if (entry.Value.Kind != JsonNodeKind.String)
            {
                continue;
            }

            var parsed = ConnectionString.TryParse(entry.Value.Text);
            if (parsed is not null && parsed.Provider != DatabaseProvider.Unknown)
            {
                items.Add(new ConnectionStringEntry(entry, parsed));
            }
        }

        return new ConnectionStringEntries(items);
    }
}

internal sealed record ConnectionStringEntry(ConfigEntry Entry, ConnectionString Value)
{
    /// <summary>The source span of a part's value, through any JSON escapes.</summary>
    public Microsoft.CodeAnalysis.Text.TextSpan ValueSpanOf(ConnectionStringPart part) =>
        Entry.Value.SourceSpanOf(part.ValueStart, part.ValueEnd - part.ValueStart);

    /// <summary>
    /// Whether the server is this machine (localhost, (localdb), a Docker host alias): such a
    /// connection string is a developer's own database, its password a local one, and its TLS
    /// settings irrelevant. Production pointing at a local host is its own finding (RDY2114).
    /// </summary>
    public bool IsLocal => Value.Provider != DatabaseProvider.Sqlite && Value.HostPart is { } host && LocalHosts.IsLocalServer(host.Value);

    /// <summary>This machine, or a developer's own PC by name (<c>DESKTOP-…</c>, <c>…\SQLEXPRESS</c>): never the production server.</summary>
    public bool IsDeveloperMachine => IsLocal || (Value.Provider != DatabaseProvider.Sqlite && Value.HostPart is { } host && LocalHosts.IsDeveloperMachine(host.Value));

    /// <summary>
    /// A connection string written for a developer's machine: <see cref="IsDeveloperMachine"/>, or Windows
    /// authentication (<c>Trusted_Connection</c>, <c>Integrated Security</c>) to a bare machine name. Its
    /// password, TLS and pool settings are not production's, so the rules about those stay silent on it.
    /// </summary>
    public bool IsDevelopmentValue =>
        IsDeveloperMachine ||
        (Value.Provider == DatabaseProvider.SqlServer && UsesWindowsAuthentication && Value.HostPart is { } host && LocalHosts.IsBareMachineName(host.Value));

    private bool UsesWindowsAuthentication =>
        Value.Find("trustedconnection", "integratedsecurity")?.Value.ToLowerInvariant() is "true" or "yes" or "sspi";
}
