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
}
