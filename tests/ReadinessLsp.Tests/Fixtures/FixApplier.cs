using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Tests.Fixtures;

/// <summary>
/// Applies fixes to in-memory file texts the way an editor applies a WorkspaceEdit: ranges refer
/// to the original text, edits to one file must not overlap, identical edits count once.
/// </summary>
internal static class FixApplier
{
    public static Dictionary<string, string> Apply(IReadOnlyDictionary<string, string> files, IEnumerable<Fix> fixes, Func<string, string> relative)
    {
        var result = new Dictionary<string, string>(files, StringComparer.Ordinal);
        var edits = fixes.SelectMany(f => f.Edits).Distinct().GroupBy(e => relative(e.Path));
        foreach (var group in edits)
        {
            var exists = result.TryGetValue(group.Key, out var original);
            if (!exists && !group.All(e => e.CreateFile))
            {
                throw new InvalidOperationException($"a fix edits {group.Key}, which does not exist and is not marked CreateFile");
            }

            var text = SourceText.From(original ?? string.Empty);
            var changes = group
                .Select(e => new TextChange(text.Lines.GetTextSpan(e.Range), e.NewText))
                .OrderBy(c => c.Span.Start)
                .ToList();
            for (var i = 1; i < changes.Count; i++)
            {
                if (changes[i].Span.Start < changes[i - 1].Span.End)
                {
                    throw new InvalidOperationException($"overlapping fix edits in {group.Key}");
                }
            }

            result[group.Key] = text.WithChanges(changes).ToString();
        }

        return result;
    }
}
