using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// The hover for a configuration key, in code or in a settings file: where the key is defined
/// (file:line, per environment, values masked when secret) and where code reads it. A pure
/// function of the workspace facts, so the language server only has to ask.
/// </summary>
internal static class ConfigKeyHover
{
    private const int MaxRows = 12;

    /// <summary>Markdown for the key under <paramref name="position"/> in <paramref name="path"/>, or null when there is none.</summary>
    public static string? Describe(WorkspaceModels facts, string path, LinePosition position)
    {
        var key = KeyAt(facts, path, position);
        if (key is null)
        {
            return null;
        }

        var index = facts.Get<ConfigKeyIndex>();
        var definitions = index.DefinitionsOf(key);
        var reads = index.ReadsOf(key);
        var root = facts.Get<GitIgnoreIndex>();
        var sb = new StringBuilder();
        sb.Append("**Setting `").Append(key).Append("`**");
        var variable = Config.Env.EnvNames.FromConfigKey(key);
        if (variable != key)
        {
            sb.Append(" — environment variable `").Append(variable).Append('`');
        }

        sb.AppendLine().AppendLine();
        if (definitions.Count == 0)
        {
            sb.AppendLine("Defined nowhere in this workspace: in production it is null unless the server's environment sets it.");
        }
        else
        {
            sb.AppendLine("Defined in:").AppendLine();
            foreach (var d in definitions.OrderBy(d => Order(d)).ThenBy(d => d.Path, StringComparer.Ordinal).Take(MaxRows))
            {
                sb.Append("- `").Append(Display(root, d.Path)).Append(':').Append(d.Range.Start.Line + 1).Append('`')
                  .Append(" (").Append(Describe(d)).Append(')');
                if (d.DisplayValue is not null)
                {
                    sb.Append(" = `").Append(d.DisplayValue.Replace("`", "'", StringComparison.Ordinal)).Append('`');
                }

                sb.AppendLine();
            }
        }

        if (reads.Count > 0)
        {
            sb.AppendLine().AppendLine("Read by code in:").AppendLine();
            foreach (var r in reads.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Range.Start).Take(MaxRows))
            {
                sb.Append("- `").Append(Display(root, r.Path)).Append(':').Append(r.Range.Start.Line + 1).Append('`');
                if (r.HasDefault)
                {
                    sb.Append(" (with a default)");
                }

                sb.AppendLine();
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static string? KeyAt(WorkspaceModels facts, string path, LinePosition position)
    {
        var bag = facts.Bags.GetValueOrDefault(path);
        foreach (var read in bag?.OfType<ConfigRead>() ?? [])
        {
            if (Contains(read.Range, position))
            {
                return read.Key;
            }
        }

        foreach (var definition in bag?.OfType<ConfigDefinition>() ?? [])
        {
            if (Contains(definition.Range, position))
            {
                return definition.Key;
            }
        }

        return null;
    }

    private static bool Contains(LinePositionSpan range, LinePosition position) =>
        range.Start <= position && position <= range.End;

    private static int Order(ConfigDefinition d) => d.Source switch
    {
        ConfigSourceKind.AppSettings => d.Environment is null ? 0 : 1,
        ConfigSourceKind.EnvFile => 2,
        _ => 3,
    };

    private static string Describe(ConfigDefinition d) => d.Source switch
    {
        ConfigSourceKind.AppSettings => d.Environment is null ? "all environments" : d.Environment,
        ConfigSourceKind.EnvFile => d.IsTemplate ? "template" : "env file",
        ConfigSourceKind.ComposeFile => "Docker Compose",
        _ => "launch profile, " + d.Environment,
    };

    private static string Display(GitIgnoreIndex index, string path) =>
        PathOf(index.RootOf(path), path);

    private static string PathOf(string root, string path) => Workspace.PathNormalizer.Relative(root, path);
}
