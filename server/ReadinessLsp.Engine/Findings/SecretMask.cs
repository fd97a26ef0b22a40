namespace ReadinessLsp.Engine.Findings;

/// <summary>
/// The only way a secret value may appear in a message, hover, log or SARIF: a short prefix and
/// the length, never enough to use it.
/// </summary>
internal static class SecretMask
{
    public static string Mask(string secret)
    {
        if (secret.Length <= 8)
        {
            return new string('*', secret.Length);
        }

        var visible = Math.Min(4, secret.Length / 5);
        return $"{secret[..visible]}{new string('*', 6)} ({secret.Length} chars)";
    }

    /// <summary>
    /// Like <see cref="Mask(string)"/>, but keeps a known, non-secret format prefix (<c>sk_live_</c>,
    /// <c>AKIA</c>) so the reader can tell which credential it is. The prefix is shown only when the
    /// secret still has at least 16 hidden characters after it.
    /// </summary>
    public static string Mask(string secret, string? knownPrefix)
    {
        if (knownPrefix is null || !secret.StartsWith(knownPrefix, StringComparison.Ordinal) || secret.Length - knownPrefix.Length < 16)
        {
            return Mask(secret);
        }

        return $"{knownPrefix}{new string('*', 6)} ({secret.Length} chars)";
    }
}
