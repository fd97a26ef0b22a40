using System.Security.Cryptography;
using System.Text;

namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// Stable identity of a finding across commits: rule, file and the flagged text, not its line, so
/// code scanning keeps tracking a finding when lines above it move.
/// </summary>
internal static class Fingerprint
{
    public static string Compute(string ruleId, string relativePath, string snippet, int occurrence)
    {
        var input = $"{ruleId}\n{relativePath}\n{snippet}\n{occurrence}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static string NormalizeSnippet(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 200));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
            if (sb.Length >= 200)
            {
                break;
            }
        }

        return sb.ToString();
    }
}
