using System.Buffers;

namespace ReadinessLsp.Engine.Model.Requests;

/// <summary>
/// Names of values that must never be written to a log: passwords, secrets and keys, tokens,
/// one-time codes, card data. By name only, and the secret word must end the name: <c>password</c>,
/// <c>req.Password</c>, <c>resetToken</c>, <c>{Token}</c>, <c>CardNumber</c>, <c>otp</c>. Measures and
/// flags of them are not the values (<c>passwordLength</c>, <c>hasPassword</c>, <c>passwordHash</c>,
/// <c>tokenExpiry</c>), nor is a <c>cancellationToken</c>.
/// </summary>
internal static class SensitiveNames
{
    /// <summary>
    /// Words of which a file must contain one (ignoring case) for a sensitive name to be found in it.
    /// A plain <c>token</c> is looked for where logs use it (<c>{token}</c>, <c>, token</c>), not as the
    /// <c>CancellationToken</c> every async method carries.
    /// </summary>
    public static readonly IReadOnlyCollection<string> Words =
    [
        "password", "passwd", "pwd", "secret", "apikey", "api_key", "privatekey", "connectionstring", "cardnumber", "creditcard", "cvv", "cvc",
        "cardsecuritynumber", "securitycode", "ssn", "otp", "verificationcode", "resetcode", "confirmationcode", "twofactorcode", "smscode",
        "recoverycode", "pincode", "{pin", "(pin", ", pin", "jwt", "token}", "(token", ", token", "+ token", "token +", "resettoken", "accesstoken",
        "refreshtoken", "idtoken", "authtoken", "bearertoken", "sessiontoken", "apitoken", "verificationtoken", "confirmationtoken", "emailtoken",
    ];

    public static readonly SearchValues<string> WordSearch = SearchValues.Create([.. Words], StringComparison.OrdinalIgnoreCase);

    private static readonly (string Suffix, string Kind)[] Suffixes =
    [
        ("password", "password"), ("passwd", "password"), ("pwd", "password"),
        ("clientsecret", "secret"), ("secret", "secret"), ("apikey", "API key"), ("privatekey", "private key"), ("connectionstring", "connection string"),
        ("cardnumber", "card number"), ("creditcard", "card number"), ("cvv", "card security code"), ("cvc", "card security code"),
        ("cardsecuritynumber", "card security code"), ("securitycode", "card security code"), ("ssn", "social security number"),
        ("totp", "one-time code"), ("otp", "one-time code"), ("verificationcode", "one-time code"), ("resetcode", "one-time code"),
        ("confirmationcode", "one-time code"), ("twofactorcode", "one-time code"), ("smscode", "one-time code"), ("recoverycode", "one-time code"),
        ("pincode", "one-time code"), ("resettoken", "token"), ("accesstoken", "token"), ("refreshtoken", "token"), ("idtoken", "token"),
        ("authtoken", "token"), ("jwttoken", "token"), ("bearertoken", "token"), ("sessiontoken", "token"), ("apitoken", "token"),
        ("verificationtoken", "token"), ("confirmationtoken", "token"), ("emailtoken", "token"),
    ];

    // Flags about a secret (`hasPassword`), and what is left of it once masked (`maskedCardNumber`, `truncatedSecret`).
    private static readonly string[] FlagPrefixes =
    [
        "is", "has", "should", "can", "must", "use", "allow", "require", "needs", "masked", "truncated", "redacted", "obfuscated", "partial", "hashed",
    ];

    /// <summary>What the name holds ("password", "token", "card number"...), or null when it is not a secret.</summary>
    public static string? KindOf(string name)
    {
        var bare = name.TrimStart('_', '@');
        if (bare.Length == 0 || FlagPrefixes.Any(p => bare.Length > p.Length && bare.StartsWith(p, StringComparison.OrdinalIgnoreCase) && char.IsUpper(bare[p.Length])))
        {
            return null;
        }

        var compact = bare.Contains('_') ? bare.Replace("_", string.Empty, StringComparison.Ordinal) : bare;
        if (compact.Equals("token", StringComparison.OrdinalIgnoreCase) || compact.Equals("jwt", StringComparison.OrdinalIgnoreCase))
        {
            return "token";
        }

        if (compact.Equals("pin", StringComparison.OrdinalIgnoreCase))
        {
            return "one-time code";
        }

        foreach (var (suffix, kind) in Suffixes)
        {
            if (compact.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}
