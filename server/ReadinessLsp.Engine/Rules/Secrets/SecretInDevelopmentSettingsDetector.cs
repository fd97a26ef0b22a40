using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY2102: a secret in a Development-only file (<c>appsettings.Development.json</c>,
/// <c>launchSettings.json</c>). Lower severity: local values are expected there, but the file is
/// still committed, and a real key in it is readable by everyone with the repository.
/// </summary>
internal sealed class SecretInDevelopmentSettingsDetector : IDocumentDetector
{
    public string RuleId => "RDY2102";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings, FileKind.LaunchSettings];

    public void Analyze(DocumentContext context)
    {
        IReadOnlyList<ConfigEntry> entries;
        if (context.Document.Kind == FileKind.LaunchSettings)
        {
            entries = [.. LaunchProfiles.Read(context.Document).Select(v => v.Entry)];
        }
        else if (ProductionScope.IsDevelopment(FileClassifier.AppSettingsEnvironment(context.Path)))
        {
            entries = [.. context.Document.GetParsed(ConfigJsonDocument.Parse).Values];
        }
        else
        {
            return;
        }

        ConfigFileSecrets.ReportAll(context, entries, productionFile: false);
    }
}
