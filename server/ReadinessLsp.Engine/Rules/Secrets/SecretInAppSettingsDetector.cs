using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2101: a live-looking secret in a committed appsettings file that is not Development-only, or
/// any value the app really signs its tokens with (in a file that reaches production).
/// </summary>
internal sealed class SecretInAppSettingsDetector : IDocumentDetector
{
    public string RuleId => "RDY2101";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings];

    public void Analyze(DocumentContext context)
    {
        if (ProductionScope.IsDevelopment(FileClassifier.AppSettingsEnvironment(context.Path)))
        {
            return;
        }

        ConfigFileSecrets.ReportAll(context, [.. context.Document.GetParsed(ConfigJsonDocument.Parse).Values], ProductionScope.Applies(context.Path));
    }
}
