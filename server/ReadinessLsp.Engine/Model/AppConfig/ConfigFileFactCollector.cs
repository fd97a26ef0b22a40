using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Json;
using ReadinessLsp.Engine.Workspace;

using ReadinessLsp.Engine.Config.Compose;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// Records every key defined in the app's configuration files (appsettings, .env, launchSettings and Docker Compose files, and every .gitignore,
/// so rules can ask "is this key defined anywhere?" and "is this .env ignored?" across the workspace.
/// </summary>
internal sealed class ConfigFileFactCollector : IDocumentFactCollector
{
    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.AppSettings, FileKind.EnvFile, FileKind.LaunchSettings, FileKind.ComposeFile, FileKind.GitIgnore];

    public void Collect(DocumentContext context)
    {
        switch (context.Document.Kind)
        {
            case FileKind.AppSettings:
                CollectAppSettings(context);
                break;
            case FileKind.EnvFile:
                CollectEnv(context);
                break;
            case FileKind.LaunchSettings:
                CollectLaunchSettings(context);
                break;
            case FileKind.ComposeFile:
                CollectCompose(context);
                break;
            case FileKind.GitIgnore:
                context.Facts.Add(new GitIgnoreFile(System.IO.Path.GetDirectoryName(context.Path)!, context.Text.ToString()));
                break;
        }
    }

    private static void CollectAppSettings(DocumentContext context)
    {
        var json = context.Document.GetParsed(ConfigJsonDocument.Parse);
        var environment = FileClassifier.AppSettingsEnvironment(context.Path);
        context.Facts.Add(new AppSettingsFileInfo(context.Path));
        foreach (var entry in json.Entries)
        {
            context.Facts.Add(new ConfigDefinition(
                entry.Key,
                context.Path,
                context.RangeOf(entry.KeySpan),
                ConfigSourceKind.AppSettings,
                environment,
                !entry.Value.IsScalar,
                entry.Value.IsScalar ? DisplayValues.Of(entry.Key, entry.Value.ConfigValue) : null,
                IsTemplate: false));
        }
    }

    private static void CollectEnv(DocumentContext context)
    {
        var env = context.Document.GetParsed(EnvFile.Parse);
        var template = FileClassifier.IsEnvTemplate(context.Path);
        context.Facts.Add(new EnvFileInfo(context.Path, template));
        foreach (var entry in env.Entries)
        {
            AddVariable(context, entry.Name, context.RangeOf(entry.NameSpan), ConfigSourceKind.EnvFile, null, entry.Value, template);
        }
    }

    private static void CollectCompose(DocumentContext context)
    {
        foreach (var variable in context.Document.GetParsed(ComposeEnvironment.Parse).Variables)
        {
            AddVariable(context, variable.Name, variable.NameRange, ConfigSourceKind.ComposeFile, null, variable.Value, isTemplate: false);
        }
    }

    private static void CollectLaunchSettings(DocumentContext context)
    {
        foreach (var variable in LaunchProfiles.Read(context.Document))
        {
            AddVariable(
                context,
                variable.Name,
                context.RangeOf(variable.Entry.KeySpan),
                ConfigSourceKind.LaunchSettings,
                variable.Profile.Environment,
                variable.Entry.Value.ConfigValue,
                isTemplate: false);
        }
    }

    // .env files, launch profiles and Compose services all set environment variables: a name whose
    // "__" reads as ":" in configuration keys, a plain value, never a whole section.
    private static void AddVariable(
        DocumentContext context,
        string name,
        Microsoft.CodeAnalysis.Text.LinePositionSpan range,
        ConfigSourceKind source,
        string? environment,
        string value,
        bool isTemplate) =>
        context.Facts.Add(new ConfigDefinition(
            EnvNames.ToConfigKey(name),
            context.Path,
            range,
            source,
            environment,
            IsSection: false,
            DisplayValues.Of(name, value),
            isTemplate));
}
