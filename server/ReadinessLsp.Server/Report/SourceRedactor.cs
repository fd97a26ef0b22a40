using System.Text.RegularExpressions;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.AppConfig;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Report;

/// <summary>
/// Masks secrets in source lines the report shows (a finding's line, a fix's before and after), the
/// way every other output masks them. Two nets: the text each secrets finding flagged, masked
/// wherever it appears, and every quoted or assigned value classified as it would be in a settings file.
/// </summary>
internal sealed partial class SourceRedactor
{
    private const string SecretsCategory = "secrets";
    private const string MaskMark = "******";

    private readonly IReadOnlyList<(string Raw, string Masked)> _flagged;

    private SourceRedactor(IReadOnlyList<(string Raw, string Masked)> flagged) => _flagged = flagged;

    /// <summary>A redactor that also knows the exact text of every single-line secrets finding.</summary>
    public static SourceRedactor For(IEnumerable<Finding> findings, ITextSource texts)
    {
        var flagged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var finding in findings.Where(f => f.Rule.Category == SecretsCategory && f.Range.Start.Line == f.Range.End.Line))
        {
            var text = texts.Read(finding.Path);
            if (text is null || finding.Range.Start.Line >= text.Lines.Count)
            {
                continue;
            }

            var line = text.Lines[finding.Range.Start.Line].ToString();
            var start = Math.Min(finding.Range.Start.Character, line.Length);
            var raw = line[start..Math.Min(finding.Range.End.Character, line.Length)].Trim().Trim('"', '\'');
            if (raw.Length >= 6 && !flagged.ContainsKey(raw))
            {
                flagged[raw] = SecretClassifier.Classify("secret", raw)?.Masked ?? SecretMask.Mask(raw);
            }
        }

        // Longest first: a flagged value that contains another is masked whole.
        return new SourceRedactor([.. flagged.OrderByDescending(p => p.Key.Length).Select(p => (p.Key, p.Value))]);
    }

    public string Line(string line)
    {
        foreach (var (raw, masked) in _flagged)
        {
            if (line.Contains(raw, StringComparison.Ordinal))
            {
                line = line.Replace(raw, masked, StringComparison.Ordinal);
            }
        }

        line = JsonPair().Replace(line, m => Masked(m, m.Groups["key"].Value));
        line = EnvLine().Replace(line, m => Masked(m, m.Groups["key"].Value));
        line = CodeAssignment().Replace(line, m => Masked(m, m.Groups["key"].Value));
        return Quoted().Replace(line, m => Masked(m, string.Empty));
    }

    private static string Masked(Match match, string key)
    {
        var value = match.Groups["value"];
        if (value.Value.Contains(MaskMark, StringComparison.Ordinal))
        {
            return match.Value; // masked by an earlier net
        }

        var masked = DisplayValues.Masked(key, value.Value);
        return masked == value.Value
            ? match.Value
            : match.Value[..(value.Index - match.Index)] + masked + match.Value[(value.Index - match.Index + value.Length)..];
    }

    // "Key": "value" in JSON.
    [GeneratedRegex(@"""(?<key>[^""\\]{1,200})""\s*:\s*""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex JsonPair();

    // NAME=value in .env, quoted or not.
    [GeneratedRegex(@"^\s*(?:export\s+)?(?<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=\s*[""']?(?<value>[^""'\s#]+)")]
    private static partial Regex EnvLine();

    // Name = "value" and name: "value" in C#.
    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*@?""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex CodeAssignment();

    // Any other string literal: known credential formats and connection-string passwords need no key.
    [GeneratedRegex(@"""(?<value>(?:[^""\\]|\\.){8,})""")]
    private static partial Regex Quoted();
}
