using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Server.Mcp;

/// <summary>
/// Source lines as a tool may show them: a secret is never printed in full, here as anywhere. The
/// spans the secret rules flagged are masked, and so is any other value on the line that the secret
/// classifier recognises (<c>"Key": "value"</c>, <c>NAME=value</c>, a known credential format).
/// </summary>
internal static partial class SecretRedaction
{
    /// <summary>The line's text with secrets masked, and whether anything was masked.</summary>
    /// <param name="settingsFile">
    /// Whether the line is configuration (appsettings, launch settings, .env), where a secret-ish key
    /// name is evidence; in code only a known credential format is.
    /// </param>
    public static (string Text, bool Redacted) Line(SourceText text, int line, IReadOnlyList<LinePositionSpan> secretSpans, bool settingsFile)
    {
        var content = text.Lines[line].ToString();
        var redacted = false;

        // Flagged spans first, right to left so earlier columns stay valid.
        foreach (var span in secretSpans.Where(s => s.Start.Line <= line && s.End.Line >= line).OrderByDescending(s => s.Start.Line == line ? s.Start.Character : 0))
        {
            var start = span.Start.Line == line ? Math.Min(span.Start.Character, content.Length) : 0;
            var end = span.End.Line == line ? Math.Min(span.End.Character, content.Length) : content.Length;
            if (end > start)
            {
                content = content[..start] + Mask(content[start..end]) + content[end..];
                redacted = true;
            }
        }

        var masked = Assignment().Replace(content, m =>
        {
            var value = m.Groups["value"].Value;
            if (value.Contains("******", StringComparison.Ordinal) || SecretClassifier.Classify(settingsFile ? m.Groups["key"].Value : string.Empty, value) is not { } verdict)
            {
                return m.Value;
            }

            redacted = true;
            return m.Value.Replace(verdict.Secret, verdict.Masked, StringComparison.Ordinal);
        });
        return (masked, redacted);
    }

    /// <summary>A flagged secret masked as the findings' messages show it (a known prefix such as <c>sk_live_</c> kept).</summary>
    public static string Mask(string secret) => SecretClassifier.Classify(string.Empty, secret)?.Masked ?? SecretMask.Mask(secret);

    public static bool IsSettingsFile(string path) =>
        FileClassifier.Classify(path) is FileKind.AppSettings or FileKind.LaunchSettings or FileKind.EnvFile or FileKind.ComposeFile;

    /// <summary>The ranges in <paramref name="path"/> that the secret rules flagged.</summary>
    public static IReadOnlyList<LinePositionSpan> SpansIn(WorkspaceState state, string path) =>
        [.. state.FindingsOf(path).Where(f => f.Rule.Category == "secrets").Select(f => f.Range)];

    // "Key": "value" in JSON, KEY=value in .env, Key = "value" in C#.
    [GeneratedRegex("""["']?(?<key>[A-Za-z_][\w:.\-]*)["']?\s*[:=]\s*["']?(?<value>[^"'\s,;]{8,})""")]
    private static partial Regex Assignment();
}
