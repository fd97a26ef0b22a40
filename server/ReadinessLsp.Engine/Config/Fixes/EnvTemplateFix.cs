using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Facts;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>
/// The edit that documents a variable in <c>.env.example</c>: appends <c>NAME=</c> to the nearest
/// template at or above <paramref name="near"/>'s folder, or creates one beside it. Nothing when
/// the template already names the variable.
/// </summary>
internal static class EnvTemplateFix
{
    public static IReadOnlyList<FileEdit> AddName(WorkspaceFacts facts, string near, string configKey)
    {
        var name = EnvNames.FromConfigKey(configKey);
        var folder = Path.GetDirectoryName(near)!;

        // launchSettings.json lives in Properties/; the project's template belongs one folder up.
        if (Path.GetFileName(folder).Equals("Properties", StringComparison.OrdinalIgnoreCase))
        {
            folder = Path.GetDirectoryName(folder)!;
        }
        var template = facts.All<EnvFileInfo>()
            .Where(f => f.IsTemplate && (Path.GetDirectoryName(f.Path) == folder || GitIgnoreIndex.IsAncestor(Path.GetDirectoryName(f.Path)!, near)))
            .OrderByDescending(f => f.Path.Length)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .FirstOrDefault();
        if (template is null)
        {
            var created = Path.Combine(folder, ".env.example");
            return [new FileEdit(created, new LinePositionSpan(default, default), name + "=\n", CreateFile: true)];
        }

        var named = facts.All<ConfigDefinition>().Any(d => d.Path == template.Path && string.Equals(d.Key, configKey, StringComparison.OrdinalIgnoreCase));
        if (named)
        {
            return [];
        }

        var text = (template.EndsWithNewline ? string.Empty : "\n") + name + "=\n";
        return [FileEdit.Insert(template.Path, template.End, text)];
    }
}
