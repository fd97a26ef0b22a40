using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.ConnectionStrings;

/// <summary>
/// The shape of every connection-string rule: look at the connection strings Production will use
/// (Production overlay, or base file values no overlay replaces), one part at a time.
/// </summary>
internal abstract class ConnectionStringDetectorBase : IDocumentDetector
{
    public abstract string RuleId { get; }

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings];

    public void Analyze(DocumentContext context)
    {
        if (!ProductionScope.Applies(context.Path))
        {
            return;
        }

        foreach (var setting in context.Document.GetParsed(ConnectionStringEntries.Parse).Items)
        {
            Check(context, setting);
        }
    }

    protected abstract void Check(DocumentContext context, ConnectionStringEntry setting);

    protected static Dictionary<string, string> Arguments(ConnectionStringEntry setting, ConnectionStringPart part) => new()
    {
        ["key"] = setting.Entry.Key,
        ["part"] = part.RawKey + "=" + part.Value,
        ["provider"] = ProviderName(setting.Value.Provider),
    };

    private static string ProviderName(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => "SQL Server",
        DatabaseProvider.PostgreSql => "PostgreSQL",
        DatabaseProvider.MySql => "MySQL",
        DatabaseProvider.Sqlite => "SQLite",
        _ => "database",
    };
}
