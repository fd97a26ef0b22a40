using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Configuration;

/// <summary>
/// RDY2114: Production configuration points at the developer's machine: a connection string or
/// URL with <c>localhost</c>, <c>127.0.0.1</c>, <c>(localdb)</c> or <c>host.docker.internal</c>, or a
/// connection string naming a developer's PC (<c>DESKTOP-…</c>, <c>…\SQLEXPRESS</c>). Server bindings
/// (Kestrel endpoints, <c>Urls</c>) and CORS origins are not where the app connects to. Only values
/// that are used count: read by the app's production code or the framework, not switched off by
/// their own section, not replaced by the app host.
/// </summary>
internal sealed class LocalHostInProductionDetector : IDocumentDetector
{
    public string RuleId => "RDY2114";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings];

    public void Analyze(DocumentContext context)
    {
        if (!ProductionScope.Applies(context.Path))
        {
            return;
        }

        var connections = context.Document.GetParsed(ConnectionStringEntries.Parse).Items;
        foreach (var setting in connections)
        {
            if (setting.IsDeveloperMachine)
            {
                var host = setting.Value.HostPart!;
                Report(context, setting.Entry.Key, setting.ValueSpanOf(host), host.Value);
            }
        }

        foreach (var entry in context.Document.GetParsed(ConfigJsonDocument.Parse).Values)
        {
            if (entry.Value.Kind == JsonNodeKind.String && LocalHosts.IsLocalUrl(entry.Value.Text) && !IsBindingOrOrigin(entry.Key) &&
                !connections.Any(c => c.Entry == entry))
            {
                Report(context, entry.Key, entry.Value.ContentSpan, entry.Value.Text);
            }
        }
    }

    private static void Report(DocumentContext context, string key, Microsoft.CodeAnalysis.Text.TextSpan span, string host) =>
        ProductionScope.Report(context, key, span, new Dictionary<string, string> { ["key"] = key, ["host"] = host }, whenUsed: true);

    private static bool IsBindingOrOrigin(string key) =>
        key.StartsWith("Kestrel:", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("Urls", StringComparison.OrdinalIgnoreCase) ||
        key.Contains("Origin", StringComparison.OrdinalIgnoreCase) ||
        key.Contains("Cors", StringComparison.OrdinalIgnoreCase) ||
        key.Contains("Redirect", StringComparison.OrdinalIgnoreCase) ||
        IsTokenIdentifier(key);

    // A JWT issuer or audience is compared as text, never connected to: a localhost value there does not break Production.
    private static bool IsTokenIdentifier(string key) =>
        key.EndsWith("Issuer", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Audience", StringComparison.OrdinalIgnoreCase) ||
        key.EndsWith("Issuers", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Audiences", StringComparison.OrdinalIgnoreCase);
}
