using ReadinessLsp.Engine.Config.ConnectionStrings;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Model.AppConfig;

/// <summary>
/// A configuration value as it may be shown in a hover: secrets and connection-string passwords
/// masked, long values shortened. Facts keep only this form, so no secret sits in memory for display.
/// </summary>
internal static class DisplayValues
{
    private const int MaxLength = 80;

    public static string Of(string key, string value)
    {
        value = Masked(key, value);
        return value.Length > MaxLength ? value[..MaxLength] + "…" : value;
    }

    /// <summary>The value with its secret and connection-string password masked, at full length.</summary>
    public static string Masked(string key, string value)
    {
        var secret = SecretClassifier.Classify(key, value);
        if (secret is not null)
        {
            value = value.Replace(secret.Secret, secret.Masked, StringComparison.Ordinal);
        }

        var connection = ConnectionString.TryParse(value);
        var password = connection?.Find("password", "pwd");
        if (password is not null && password.Value.Length > 0)
        {
            value = value[..password.ValueStart] + SecretMask.Mask(password.Value) + value[password.ValueEnd..];
        }

        return value;
    }
}
