using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Workspace;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>Registers file watchers (or watches the disk itself when the client cannot), pulls the editor's settings and starts the background workspace scan.</summary>
internal sealed class InitializedHandler(ServerContext context) : LspNotificationHandler<InitializedParams>
{
    /// <summary>Every file kind the engine reads (the extension's client-vscode/src/files.ts lists the same; a test keeps them in step).</summary>
    public static readonly IReadOnlyList<string> WatchedGlobs =
    [
        "**/*.cs",
        "**/appsettings*.json",
        "**/launchSettings.json",
        "**/.env*",
        "**/{docker-compose,compose}*.{yml,yaml}",
        "**/.gitignore",
        "**/*.{csproj,fsproj,vbproj}",
        "**/*.{sln,slnx,slnf}",
        "**/package.json",
        "**/" + SettingsReader.FileName,
    ];

    public override string Method => "initialized";

    public override async Task HandleAsync(InitializedParams notification, CancellationToken cancellationToken)
    {
        if (context.State.SupportsWatcherRegistration)
        {
            var watchers = WatchedGlobs.Select(g => new Protocol.FileSystemWatcher(g, null)).ToList();
            _ = context.Client.RequestAsync<object>(
                "client/registerCapability",
                new RegistrationParams([new Registration("readiness-watched-files", "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers))]),
                cancellationToken);
        }
        else
        {
            foreach (var root in context.Roots.All)
            {
                context.DiskWatcher.Watch(root);
            }
        }

        await ConfigurationPull.PullAsync(context, cancellationToken);
        _ = context.Scan.Start();
    }
}

/// <summary>Asks the client for the <c>readiness</c> settings section (<c>workspace/configuration</c>).</summary>
internal static class ConfigurationPull
{
    /// <returns>Whether the settings changed.</returns>
    public static async Task<bool> PullAsync(ServerContext context, CancellationToken cancellationToken)
    {
        if (!context.State.SupportsConfigurationPull)
        {
            return false;
        }

        var result = await context.Client.RequestAsync<System.Text.Json.JsonElement[]>(
            "workspace/configuration",
            new ConfigurationParams([new ConfigurationItem(null, SettingsStore.Section)]),
            cancellationToken);
        return result is { Length: > 0 } && context.Settings.SetEditorSettings(result[0], "workspace/configuration");
    }
}
