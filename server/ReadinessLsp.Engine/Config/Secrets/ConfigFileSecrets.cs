using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Fixes;
using ReadinessLsp.Engine.Config.Json;

namespace ReadinessLsp.Engine.Config.Secrets;

/// <summary>
/// Finds secrets in a settings JSON file and reports them with the "move it to an environment
/// variable" fix: the value becomes empty and the variable's name is added to <c>.env.example</c>.
/// Shared by the production and development secret rules, which differ only in severity.
/// </summary>
internal static class ConfigFileSecrets
{
    private static IEnumerable<(ConfigEntry Entry, SecretVerdict Verdict, TextSpan Span)> Find(IEnumerable<ConfigEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Value.Kind != JsonNodeKind.String)
            {
                continue;
            }

            var verdict = SecretClassifier.Classify(entry.Key, entry.Value.Text);
            if (verdict is null)
            {
                continue;
            }

            var at = entry.Value.Text.IndexOf(verdict.Secret, StringComparison.Ordinal);
            yield return (entry, verdict, entry.Value.SourceSpanOf(at, verdict.Secret.Length));
        }
    }

    /// <summary>Reports every secret among <paramref name="entries"/> for the rule that is running.</summary>
    public static void ReportAll(DocumentContext context, IEnumerable<ConfigEntry> entries)
    {
        foreach (var (entry, verdict, span) in Find(entries))
        {
            var arguments = new Dictionary<string, string>
            {
                ["key"] = entry.Key,
                ["kind"] = verdict.Kind,
                ["masked"] = verdict.Masked,
                ["variable"] = Env.EnvNames.FromConfigKey(entry.Key),
            };
            context.Report(span, arguments, [MoveToEnvironmentFix.Create(context.Path, context.RangeOf(entry.Value.Span), entry.Key)]);
        }
    }
}
