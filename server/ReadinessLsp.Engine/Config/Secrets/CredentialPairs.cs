namespace ReadinessLsp.Engine.Config.Secrets;

/// <summary>
/// Credentials that come in two halves: an id that names the account and a secret that proves it
/// (<c>AWS_ACCESS_KEY_ID</c> + <c>AWS_SECRET_ACCESS_KEY</c>, <c>Cloudinary:ApiKey</c> +
/// <c>Cloudinary:ApiSecret</c>, <c>ClientId</c> + <c>ClientSecret</c>). They are one credential: one
/// finding on the secret, with the id shown beside it. Two settings pair when their names differ only
/// in the role at the end, in the same section or with the same variable prefix.
/// </summary>
internal static class CredentialPairs
{
    // Longest first, so "secretaccesskey" wins over "accesskey".
    private static readonly string[] SecretRoles =
        ["secretaccesskey", "consumersecret", "clientsecret", "accesssecret", "secretkey", "apisecret", "appsecret", "authtoken", "secret"];

    private static readonly string[] IdRoles =
        ["accesskeyid", "consumerkey", "accountsid", "apikeyid", "accesskey", "clientid", "apikey", "keyid", "appid"];

    /// <summary>The half of a credential a setting name plays, with the name of the credential it belongs to; null for neither.</summary>
    public static (string Credential, bool IsSecret)? RoleOf(string name)
    {
        var normalized = Normalize(name);
        foreach (var (roles, isSecret) in new[] { (SecretRoles, true), (IdRoles, false) })
        {
            var role = roles.FirstOrDefault(r => normalized.EndsWith(r, StringComparison.Ordinal));
            if (role is not null)
            {
                return (normalized[..^role.Length].TrimEnd(':'), isSecret);
            }
        }

        return null;
    }

    /// <summary>The id that goes with the secret named <paramref name="secretName"/>, among <paramref name="names"/>; null when there is none.</summary>
    public static string? IdFor(string secretName, IEnumerable<string> names)
    {
        if (RoleOf(secretName) is not (var credential, true))
        {
            return null;
        }

        return names.FirstOrDefault(n => RoleOf(n) is (var other, false) && other == credential);
    }

    /// <summary>Whether <paramref name="name"/> is the id half of a credential whose secret half is among <paramref name="secretNames"/>.</summary>
    public static bool IsIdOfAny(string name, IEnumerable<string> secretNames) =>
        RoleOf(name) is (var credential, false) && secretNames.Any(s => RoleOf(s) is (var other, true) && other == credential);

    // "AWS_SECRET_ACCESS_KEY" and "Aws:SecretAccessKey" both become "aws:secretaccesskey"-like: letters, digits and the section separator.
    private static string Normalize(string name) =>
        new([.. name.Replace("__", ":", StringComparison.Ordinal).ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c == ':')]);
}
