using System.Collections.Concurrent;
using System.Text.Json;
using ReadinessLsp.Engine.Settings;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// The effective settings of each workspace folder: its <c>readiness.json</c> overlaid by the
/// editor's settings (initializationOptions, didChangeConfiguration, workspace/configuration).
/// </summary>
internal sealed class SettingsStore(ILogger log)
{
    public const string Section = "readiness";

    private readonly ConcurrentDictionary<string, ReadinessSettings> _workspaceFiles = new();
    private volatile ReadinessSettings _editor = ReadinessSettings.Default;

    public ReadinessSettings For(string root) =>
        _workspaceFiles.GetValueOrDefault(root, ReadinessSettings.Default).Overlay(_editor);

    /// <summary>Reads the folder's settings file again; true when the effective settings changed.</summary>
    public bool ReloadWorkspaceFile(string root)
    {
        var (settings, problems) = SettingsReader.ReadWorkspaceFile(root);
        foreach (var problem in problems)
        {
            log.Warning("Settings: {Problem}", problem);
        }

        var before = _workspaceFiles.GetValueOrDefault(root, ReadinessSettings.Default);
        _workspaceFiles[root] = settings;
        return Signature(before) != Signature(settings);
    }

    /// <summary>
    /// Takes the editor's settings, either the <c>readiness</c> object itself or an object holding
    /// it under <c>readiness</c>. True when they changed.
    /// </summary>
    public bool SetEditorSettings(JsonElement? element, string source)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return false;
        }

        if (value.TryGetProperty(Section, out var nested) && nested.ValueKind == JsonValueKind.Object)
        {
            value = nested;
        }

        var (settings, problems) = SettingsReader.FromElement(value, source);
        foreach (var problem in problems)
        {
            log.Warning("Settings: {Problem}", problem);
        }

        var before = _editor;
        _editor = settings;
        return Signature(before) != Signature(settings);
    }

    public static string Signature(ReadinessSettings settings) =>
        $"{settings.Enabled}|{string.Join(',', settings.Rules.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).Select(r => $"{r.Key}={r.Value}"))}|{string.Join(',', settings.Exclude)}";

    public static string ExcludeSignature(ReadinessSettings settings) => string.Join('\n', settings.Exclude);
}
