using System.Text.Json;
using ReadinessLsp.Server.Lsp.Dispatch;
using ReadinessLsp.Server.Lsp.Workspace;
using ReadinessLsp.Server.Protocol;

namespace ReadinessLsp.Server.Lsp.Handlers;

/// <summary>
/// Takes new editor settings, pushed in the notification or (when it carries none, as VS Code
/// does) pulled with workspace/configuration, and republishes every file's findings.
/// </summary>
internal sealed class DidChangeConfigurationHandler(ServerContext context) : LspNotificationHandler<DidChangeConfigurationParams>
{
    public override string Method => "workspace/didChangeConfiguration";

    public override async Task HandleAsync(DidChangeConfigurationParams notification, CancellationToken cancellationToken)
    {
        var excludeBefore = context.Roots.All.Select(r => SettingsStore.ExcludeSignature(context.Settings.For(r))).ToList();
        var changed = notification.Settings is { ValueKind: JsonValueKind.Object } settings && settings.TryGetProperty(SettingsStore.Section, out _)
            ? context.Settings.SetEditorSettings(settings, "didChangeConfiguration")
            : await ConfigurationPull.PullAsync(context, cancellationToken);
        if (!changed)
        {
            return;
        }

        var excludeAfter = context.Roots.All.Select(r => SettingsStore.ExcludeSignature(context.Settings.For(r))).ToList();
        await context.Workspace.ReconfigureAsync();
        if (!excludeBefore.SequenceEqual(excludeAfter))
        {
            _ = context.Scan.Start();
        }
    }
}
