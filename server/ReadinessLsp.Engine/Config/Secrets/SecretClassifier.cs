using System.Buffers;
using System.Text.RegularExpressions;

namespace ReadinessLsp.Engine.Config.Secrets;

/// <summary>
/// Decides whether a configuration value is a live secret, for every file kind (appsettings, .env,
/// launchSettings). Two ways in: a known credential format anywhere, or a secret-ish key name
/// with a value that looks like a real credential. Placeholders, references, empty values and
/// names that merely contain "key" stay silent: a noisy secret rule gets switched off.
/// </summary>
internal static partial class SecretClassifier
{
    private static readonly KnownFormat[] KnownFormats =
    [
        new("Stripe secret key", "sk_live_", StripeSecret()),
        new("Stripe restricted key", "rk_live_", StripeRestricted()),
        new("Stripe webhook signing secret", "whsec_", StripeWebhook()),
        new("Anthropic API key", "sk-ant-", AnthropicKey()),
        new("OpenAI API key", "sk-", OpenAiKey()),
        new("AWS access key id", "AKIA", AwsAccessKey()),
        new("GitHub token", null, GitHubToken()),
        new("Slack token", null, SlackToken()),
        new("Google API key", "AIza", GoogleApiKey()),
        new("SendGrid API key", "SG.", SendGridKey()),
        new("private key", null, PrivateKey()),
        new("Azure storage account key", null, AzureAccountKey()),
        new("Azure shared access key", null, AzureSharedAccessKey()),
        new("database URL password", null, DatabaseUrlPassword()),
    ];

    // Text every known format's pattern needs (any case): a value with none of it skips the patterns. Most
    // values read from code (labels, routes, messages) have none, and the patterns cost more than this look.
    private static readonly SearchValues<string> KnownFormatAnchors = SearchValues.Create(
        ["sk_live_", "rk_live_", "whsec_", "sk-", "AKIA", "ASIA", "gho_", "ghp_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "AIza", "SG.",
            "PRIVATE KEY-----", "AccountKey=", "SharedAccessKey=", "://"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly string[] PlaceholderWords =
    [
        "changeme", "change_me", "change-me", "changethis", "replaceme", "replace_me", "replace-me", "placeholder",
        "your_", "your-", "yourkey", "yoursecret", "yourpassword", "your ", "<your", "example", "sample", "dummy",
        "xxxx", "todo", "fixme", "insert", "enter_", "enter-", "put_", "set_me", "setme", "tbd", "redacted", "secret_here",
        "key_here", "here_", "notasecret", "not-a-secret", "not_a_secret",
    ];

    private static readonly SearchValues<string> PlaceholderWordSearch = SearchValues.Create(PlaceholderWords, StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> PlaceholderValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "pass", "passwd", "secret", "token", "key", "apikey", "api_key", "null", "none", "n/a", "na", "empty",
        "test", "testing", "default", "admin", "root", "user", "string", "value", "true", "false", "guest", "local", "dev",
        "development", "sa",
    };

    /// <summary>What kind of secret <paramref name="value"/> is under <paramref name="key"/>, or null when it is not one.</summary>
    /// <param name="key">The configuration key or variable name (any separator).</param>
    public static SecretVerdict? Classify(string key, string value)
    {
        value = value.Trim();
        if (value.Length < 8 || IsPlaceholder(value))
        {
            return null;
        }

        foreach (var format in value.AsSpan().ContainsAny(KnownFormatAnchors) ? KnownFormats : [])
        {
            var match = format.Pattern.Match(value);

            // The format may match around a reference ("postgres://app:${DB_PASSWORD}@db"): that is not a secret.
            if (match.Success && !IsPlaceholder(match.Value))
            {
                var exposure = format.Name == "AWS access key id" ? SecretExposure.Identifier
                    : format.Name == "Google API key" && IsBrowserKeyName(key) ? SecretExposure.BrowserKey
                    : SecretExposure.Secret;
                return new SecretVerdict(format.Name, match.Value, format.VisiblePrefix, exposure);
            }
        }

        if (!IsSecretName(key) || LooksLikeNonSecret(value))
        {
            return null;
        }

        // A secret-ish name alone is not enough for a short or trivial value: "Key": "products".
        var name = LastSegment(key);
        var exactlyKey = name.Equals("key", StringComparison.OrdinalIgnoreCase);
        // A "secret" or "password" is chosen by a person as often as generated: "admin@123" is one.
        var passwordLike = PasswordName().IsMatch(name) || name.EndsWith("secret", StringComparison.OrdinalIgnoreCase);
        if (passwordLike ? value.Length < 8 : value.Length < (exactlyKey ? 16 : 12))
        {
            return null;
        }

        if (!passwordLike && value.Length < 24 && ShannonEntropy(value) < 3.0)
        {
            return null;
        }

        return new SecretVerdict(PasswordName().IsMatch(name) ? "password" : "secret", value, null);
    }

    /// <summary>
    /// Whether a value is something a key could be made of, even if it reads like filler: not empty,
    /// not a reference to another variable, and long enough for a signing key (16 characters). Used
    /// for values the app really signs tokens with, where "change-this-secret-key-please" is the key.
    /// </summary>
    public static bool CouldBeKeyMaterial(string value)
    {
        value = value.Trim();
        return value.Length >= 16 && !Reference().IsMatch(value) && !AtMostTwoCharacters(value);
    }

    /// <summary>
    /// The public client prefix of a variable name (<c>VITE_</c>, <c>NEXT_PUBLIC_</c>, <c>EXPO_PUBLIC_</c>,
    /// <c>REACT_APP_</c>, ...), or null: front-end build tools copy such variables into the bundle every
    /// visitor downloads, so they are public by design.
    /// </summary>
    public static string? PublicClientPrefix(string name) =>
        PublicPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase) && name.Length > p.Length);

    /// <summary>
    /// Whether a public client variable holds something that must never reach a browser: a known
    /// secret format (a Stripe secret key, an OpenAI key, a database URL with its password), or a
    /// live-looking value under a name that says secret or password. API keys meant for browsers
    /// (Firebase, Maps, Supabase's anon key) are what such variables are for.
    /// </summary>
    public static SecretVerdict? ClassifyPublic(string name, string value)
    {
        var prefix = PublicClientPrefix(name);
        if (prefix is null)
        {
            return null;
        }

        var rest = name[prefix.Length..];
        var verdict = Classify(rest, value);
        if (verdict is { Exposure: SecretExposure.Secret } && verdict.Kind is not ("secret" or "password" or "Google API key"))
        {
            return verdict; // a known server-side credential format
        }

        var trimmed = value.Trim();
        return ServerOnlyName().IsMatch(rest) && trimmed.Length >= 12 && !IsPlaceholder(trimmed) && !LooksLikeNonSecret(trimmed)
            ? new SecretVerdict(PasswordName().IsMatch(rest) ? "password" : "secret", trimmed, null)
            : null;
    }

    /// <summary>Whether a value stands in for a secret instead of being one (references, templates, filler).</summary>
    public static bool IsPlaceholder(string value)
    {
        value = value.Trim().Trim('"', '\'');
        if (value.Length == 0 || PlaceholderValues.Contains(value))
        {
            return true;
        }

        if (Reference().IsMatch(value))
        {
            return true;
        }

        if (value.AsSpan().ContainsAny(PlaceholderWordSearch))
        {
            return true;
        }

        // "********", "......", "000000", "xxxxxxx": one repeated character.
        return AtMostTwoCharacters(value);
    }

    // Whether a value is made of no more than two distinct characters, read without building a set per value.
    private static bool AtMostTwoCharacters(string value)
    {
        char? first = null, second = null;
        foreach (var c in value)
        {
            if (c == first || c == second)
            {
                continue;
            }

            if (first is null)
            {
                first = c;
            }
            else if (second is null)
            {
                second = c;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a key's last segment names a credential (not merely containing "key").</summary>
    public static bool IsSecretName(string key)
    {
        var name = LastSegment(key);
        return SecretName().IsMatch(name) && !NotSecretName().IsMatch(name);
    }

    // A Google API key named for a browser use (Maps JavaScript, Places, Firebase web config) is meant to be sent to browsers.
    private static bool IsBrowserKeyName(string key) => BrowserKeyName().IsMatch(key);

    private static bool LooksLikeNonSecret(string value) =>
        value.Contains(' ') ||
        Guid.TryParse(value, out _) ||
        NonSecretShape().IsMatch(value) ||
        (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file" && string.IsNullOrEmpty(uri.UserInfo));

    private static string LastSegment(string key)
    {
        var cut = key.LastIndexOfAny([':', '.']);
        var underscore = key.LastIndexOf("__", StringComparison.Ordinal);
        var start = Math.Max(cut + 1, underscore >= 0 ? underscore + 2 : 0);
        return key[start..];
    }

    public static double ShannonEntropy(string value)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        double entropy = 0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / value.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    private static readonly string[] PublicPrefixes = ["EXPO_PUBLIC_", "NEXT_PUBLIC_", "NUXT_PUBLIC_", "VITE_", "REACT_APP_", "VUE_APP_", "GATSBY_", "PUBLIC_"];

    private sealed record KnownFormat(string Name, string? VisiblePrefix, Regex Pattern);

    [GeneratedRegex(@"(?i)(?:maps|places|geocod|browser|javascript|(?:^|[_:.])js(?:$|[_:.])|frontend|front_end|client|web|firebase|public)")]
    private static partial Regex BrowserKeyName();

    [GeneratedRegex(@"(?i)(?:secret|password|passwd|pwd|private_?key|service_?role|admin_?key|master_?key|signing_?key)")]
    private static partial Regex ServerOnlyName();

    [GeneratedRegex(@"(?<![A-Za-z0-9])sk_live_[0-9A-Za-z]{20,}")]
    private static partial Regex StripeSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9])rk_live_[0-9A-Za-z]{20,}")]
    private static partial Regex StripeRestricted();

    [GeneratedRegex(@"(?<![A-Za-z0-9])whsec_[0-9A-Za-z]{24,}")]
    private static partial Regex StripeWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{32,}")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])xox[baprs]-[0-9]{6,}-[0-9A-Za-z-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}")]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}")]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    // The key itself, not the "AccountKey=" label: what a fix or mask has to cover.
    [GeneratedRegex(@"(?<=AccountKey=)[A-Za-z0-9+/]{40,}={0,2}", RegexOptions.IgnoreCase)]
    private static partial Regex AzureAccountKey();

    [GeneratedRegex(@"(?<=SharedAccessKey=)[A-Za-z0-9+/]{30,}={0,2}", RegexOptions.IgnoreCase)]
    private static partial Regex AzureSharedAccessKey();

    // The password of a database or broker URL (postgres://user:PASSWORD@host), unless the host is this machine.
    [GeneratedRegex(@"(?<=\b(?:postgres|postgresql|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|sqlserver|mssql)://[^:/@\s]+:)[^@\s/]{6,}(?=@(?!localhost\b|127\.|host\.docker\.internal\b|\[::1\]))", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseUrlPassword();

    [GeneratedRegex(@"^(?:\$\{[^}]*\}|\$\([^)]*\)|%[A-Za-z0-9_]+%|<[^>]*>|\{\{[^}]*\}\}|\[[^\]]*\]|#\{[^}]*\}#?|__[A-Za-z0-9_]+__)$|^\$[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?i)(?:password|passwd|pwd|passphrase|secret|token|apikey|api_key|api-key|accesskey|access_key|privatekey|private_key|signingkey|signing_key|credential|credentials|connectionkey|^key$|jwtkey|jwt_key|secretkey|encryptionkey|encryption_key|clientsecret|client_secret|authkey|auth_key|masterkey|master_key)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(?:password|passwd|pwd|passphrase)$")]
    private static partial Regex PasswordName();

    [GeneratedRegex(@"(?i)(?:name|header|headername|url|uri|endpoint|path|file|id|type|length|size|expiry|expiration|expires|lifetime|issuer|audience|vault|format|policy|scheme|field|param|parameter|query|prefix|hint|label|location|store|provider|algorithm|minutes|hours|days|seconds|count|enabled|required)$")]
    private static partial Regex NotSecretName();

    [GeneratedRegex(@"^(?:[0-9.,:/+-]+|[A-Za-z]+|[A-Za-z]:\\.*|/[^ ]*|\.{0,2}/.*|[^=;]+=[^=;]*;.*)$")]
    private static partial Regex NonSecretShape();
}

/// <summary>
/// What a credential-looking value is to whoever reads it: a secret, the public half of a credential
/// (an access key id, useless without its secret), or a key meant to be sent to browsers and
/// restricted by referrer (a Google Maps JavaScript key).
/// </summary>
internal enum SecretExposure
{
    Secret,
    Identifier,
    BrowserKey,
}

/// <summary>A secret found in a value: its kind, the secret text itself, a prefix safe to show, and what it exposes.</summary>
internal sealed record SecretVerdict(string Kind, string Secret, string? VisiblePrefix, SecretExposure Exposure = SecretExposure.Secret)
{
    public string Masked => Findings.SecretMask.Mask(Secret, VisiblePrefix);
}
