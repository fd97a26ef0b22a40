using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// The edit that documents a variable in <c>.env.example</c>: appends <c>NAME=</c> to the nearest
/// template at or above <see cref="Near"/>'s folder, or creates one beside it. No edit when the
/// template already names the variable. <see cref="Near"/> is a settings file, or code whose
/// project's settings folder is meant (<see cref="FromCode"/>).
/// </summary>
internal sealed record AddEnvTemplateName(string Near, string ConfigKey, bool FromCode = false) : IFixIntent
{
    public string? Title => $"Add {EnvNames.FromConfigKey(ConfigKey)} to .env.example";

    public IReadOnlyList<FileEdit>? Edits(FixContext context)
    {
        // From code: the app's own folder, wherever its settings file lives.
        var root = FromCode ? context.Models.Get<AppSettingsFiles>().ContentRootFor(Near) : null;
        var near = root is null ? Near : Path.Combine(root, "appsettings.json");
        var name = EnvNames.FromConfigKey(ConfigKey);
        var folder = Path.GetDirectoryName(near)!;

        // launchSettings.json lives in Properties/; the project's template belongs one folder up.
        if (Path.GetFileName(folder).Equals("Properties", StringComparison.OrdinalIgnoreCase))
        {
            folder = Path.GetDirectoryName(folder)!;
        }

        var template = context.Models.All<EnvFileInfo>()
            .Where(f => f.IsTemplate && (Path.GetDirectoryName(f.Path) == folder || PathNormalizer.IsBelow(Path.GetDirectoryName(f.Path)!, near)))
            .OrderByDescending(f => f.Path.Length)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .FirstOrDefault();
        var text = template is null ? null : context.Texts.Read(template.Path);
        if (template is null || text is null)
        {
            var created = Path.Combine(folder, ".env.example");
            return [new FileEdit(created, new LinePositionSpan(default, default), name + "=\n", CreateFile: true)];
        }

        if (EnvFile.Parse(text.ToString()).Entries.Any(e => string.Equals(EnvNames.ToConfigKey(e.Name), ConfigKey, StringComparison.OrdinalIgnoreCase)))
        {
            return [];
        }

        var line = (TextEnd.EndsWithNewline(text) ? string.Empty : "\n") + name + "=\n";
        return [FileEdit.Insert(template.Path, TextEnd.Of(text), line)];
    }
}
