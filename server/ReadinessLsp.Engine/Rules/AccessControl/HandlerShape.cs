using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.CSharp;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>What a handler is for, as far as access control cares: signing in, signing up, a reset, a code, an admin task.</summary>
internal enum AuthFlow
{
    None,
    SignIn,
    Register,
    PasswordReset,
    OneTimeCode,
    SignOut,
    Refresh,
}

/// <summary>
/// Reads a handler's name, route and code for the shapes access-control rules tell apart: sign-in,
/// registration, password reset and one-time codes (anonymous on purpose, and worth a rate
/// limit), health checks, webhooks that verify their sender, public forms, admin operations, and
/// checks the code makes itself (a role test, a password check with or without lockout).
/// </summary>
internal static partial class HandlerShape
{
    // Admin work by the words of its name, and how a sentence says it.
    private static readonly (string Word, string Says)[] AdminOperations =
    [
        ("unban", "unbanning users"), ("ban", "banning users"), ("unblock", "unblocking users"), ("block", "blocking users"), ("suspend", "suspending accounts"),
        ("approve", "approvals"), ("reject", "rejections"), ("refund", "refunds"), ("ship", "shipping orders"), ("promote", "promoting users"),
        ("demote", "demoting users"), ("impersonate", "impersonating users"),
        ("changerole", "changing roles"), ("setrole", "changing roles"), ("assignrole", "changing roles"), ("addrole", "changing roles"),
        ("removerole", "changing roles"), ("createrole", "creating roles"), ("deleterole", "deleting roles"), ("updaterole", "changing roles"),
        ("updateuserrole", "changing roles"), ("deleteuser", "deleting users"), ("removeuser", "deleting users"),
        ("deactivateuser", "deactivating users"), ("disableuser", "disabling users"), ("lockuser", "locking accounts"), ("unlockuser", "unlocking accounts"),
        ("makeadmin", "making admins"), ("setadmin", "making admins"),
    ];

    private static readonly string[] EveryRecordVerbs = ["getall", "all", "list", "export", "get", "fetchall", "findall"];

    private static readonly string[] UserDataNouns =
    [
        "users", "customers", "members", "accounts", "transactions", "orders", "payments", "profiles", "employees", "patients", "bookings",
        "reservations", "invoices", "messages", "notifications",
    ];

    // "getallusers", "exportorders"... at the start of a name; "allusers" anywhere in it.
    private static readonly Lazy<string[]> EveryRecordLists = new(() => [.. EveryRecordVerbs.SelectMany(v => UserDataNouns.Select(n => v + n))]);
    private static readonly Lazy<string[]> EveryRecordAnywhere = new(() => [.. UserDataNouns.Select(n => "all" + n)]);

    /// <summary>The name, route and class of a handler as one lower-case run of letters and digits: "forgotpasswordaccountcontroller".</summary>
    public static string Normalize(string words)
    {
        var sb = new StringBuilder(words.Length);
        foreach (var c in words)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>The flow a handler belongs to, from its name and route (<paramref name="words"/>, normalised) and its code.</summary>
    public static AuthFlow Flow(string words, HandlerBody? body)
    {
        // The name says it first: a registration that signs the new user in is still a registration.
        var compact = words.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.AsSpan().IndexOfAny(FlowNameWords) < 0)
        {
            return body is null ? AuthFlow.None : FlowOfCode(body); // most handlers: no flow word at all, nothing split
        }

        var tokens = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (Has(compact, "logout", "signout", "logoff"))
        {
            return AuthFlow.SignOut;
        }

        if (Has(compact, "refresh"))
        {
            return AuthFlow.Refresh;
        }

        if (Has(compact, "forgot", "resetpassword", "passwordreset", "recoverpassword", "passwordrecovery", "recover") ||
            (compact.Contains("password", StringComparison.Ordinal) && tokens.Contains("token")))
        {
            return AuthFlow.PasswordReset;
        }

        if (Has(compact, "otp", "twofactor", "2fa", "mfa", "verifyphone") || tokens.Contains("code") || tokens.Contains("pin"))
        {
            return AuthFlow.OneTimeCode;
        }

        if (Has(compact, "register", "signup"))
        {
            return AuthFlow.Register;
        }

        // Linking or removing an outside provider's login (Identity's Manage/ExternalLogins): account settings, no password or code is tried.
        if (Has(compact, "linklogin", "removelogin", "externallogins"))
        {
            return body is null ? AuthFlow.None : FlowOfCode(body);
        }

        if (Has(compact, "login", "signin", "logon", "authenticate", "authorizeuser", "gettoken", "createtoken", "issuetoken", "generatetoken", "credentials") ||
            tokens.Contains("token"))
        {
            return AuthFlow.SignIn;
        }

        return body is null ? AuthFlow.None : FlowOfCode(body);
    }

    // Every word the names of flows are told by, for one search before any other ("code", "pin" and "token" are in it too).
    private static readonly System.Buffers.SearchValues<string> FlowNameWords = System.Buffers.SearchValues.Create(
        [
            "logout", "signout", "logoff", "refresh", "forgot", "password", "recover", "otp", "twofactor", "2fa", "mfa", "verifyphone", "code", "pin",
            "register", "signup", "login", "signin", "logon", "authenticate", "authorizeuser", "token", "credentials",
        ],
        StringComparison.Ordinal);

    // Then the code: what it calls.
    private static AuthFlow FlowOfCode(HandlerBody body)
    {
        var calls = body.Calls;
        if (calls.Contains("GeneratePasswordResetTokenAsync") || calls.Contains("ResetPasswordAsync"))
        {
            return AuthFlow.PasswordReset;
        }

        if (calls.Overlaps(["VerifyTwoFactorTokenAsync", "TwoFactorSignInAsync", "TwoFactorAuthenticatorSignInAsync", "TwoFactorRecoveryCodeSignInAsync", "VerifyChangePhoneNumberTokenAsync"]))
        {
            return AuthFlow.OneTimeCode;
        }

        return body.ChecksPassword ? AuthFlow.SignIn : AuthFlow.None;
    }

    /// <summary>The request half of a reset (asking for the e-mail), which floods inboxes; the other half takes the token the e-mail carried.</summary>
    public static bool RequestsReset(IEnumerable<string> names) =>
        names.Any(n => Has(n.Replace(" ", string.Empty, StringComparison.Ordinal), "forgot", "recover", "sendreset", "requestreset", "requestpassword", "resetlink", "sendpassword"));

    /// <summary>
    /// Whether a handler sends users' records back: it returns what a user lookup gave
    /// (<c>repository.GetUserByUsername(name)</c>, <c>GetAllUsers()</c>, <c>userManager.FindByEmailAsync</c>,
    /// <c>db.Users</c>), directly or mapped, and not merely uses it to find something else
    /// (<c>GetLikesOfUser(user)</c>).
    /// </summary>
    public static bool ReturnsUsers(SyntaxNode? body)
    {
        if (body is null)
        {
            return false;
        }

        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in body.Descendants().OfType<VariableDeclaratorSyntax>())
        {
            if (variable.Initializer?.Value is { } value && IsUserLookup(value))
            {
                users.Add(variable.Identifier.ValueText);
            }
        }

        bool Returned(ExpressionSyntax expression) => expression switch
        {
            AwaitExpressionSyntax awaited => Returned(awaited.Expression),
            ParenthesizedExpressionSyntax parenthesized => Returned(parenthesized.Expression),
            IdentifierNameSyntax name => users.Contains(name.Identifier.ValueText),
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } => users.Contains(owner.Identifier.ValueText),
            AnonymousObjectCreationExpressionSyntax anonymous => anonymous.Initializers.Any(i => Returned(i.Expression)),
            BaseObjectCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Any(e => e is AssignmentExpressionSyntax a ? Returned(a.Right) : Returned(e)),
            InvocationExpressionSyntax call when IsUserLookup(call) => true,
            InvocationExpressionSyntax call when call.MethodName() is "Ok" or "Json" or "Map" or "Created" or "CreatedAtAction" or "CreatedAtRoute" or "FromResult" or "View" or "Select" or "ToList" or "ToListAsync" or "ToArray" or "ToArrayAsync" =>
                call.ArgumentList.Arguments.Any(a => Returned(a.Expression)) || (call.MethodName() is "Select" or "ToList" or "ToListAsync" or "ToArray" or "ToArrayAsync" && call.Receiver() is { } r && Returned(r)),
            _ => false,
        };

        if (body is ExpressionSyntax expressionBody)
        {
            return Returned(expressionBody);
        }

        return body.Descendants().OfType<ReturnStatementSyntax>().Any(r => r.Expression is { } e && Returned(e));
    }

    private static bool IsUserLookup(ExpressionSyntax expression) => expression switch
    {
        AwaitExpressionSyntax awaited => IsUserLookup(awaited.Expression),
        InvocationExpressionSyntax call => call.MethodName() is { } name && (UserLookup().IsMatch(name) ||
            (name.StartsWith("FindBy", StringComparison.Ordinal) && call.Receiver()?.ToString().Contains("userManager", StringComparison.OrdinalIgnoreCase) == true) ||
            (call.Receiver() is { } receiver && IsUserLookup(receiver))),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Users" or "Customers" or "Members" } => true,
        _ => false,
    };

    // GetUserByUsername, GetAllUsers, FindCustomerAsync, ListMembers: the user is what is fetched, not a filter (GetCommentsOfUser).
    [System.Text.RegularExpressions.GeneratedRegex("^(Get|Find|List|Search|Fetch|Load)(All)?(User|Users|Customer|Customers|Member|Members|Profile|Profiles)(By[A-Z]\\w*|Async|Details|WithDetails)*$")]
    private static partial System.Text.RegularExpressions.Regex UserLookup();

    /// <summary>
    /// Anonymous on purpose whatever its verb: sign-in and its relatives, health checks, a webhook
    /// that checks its sender's signature, a public form (contact, newsletter), an external sign-in callback.
    /// </summary>
    public static bool PublicByDesign(string words, AuthFlow flow, SyntaxNode? body)
    {
        if (flow != AuthFlow.None)
        {
            return true;
        }

        var compact = words.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (Has(compact, "health", "ping", "alive", "readiness", "liveness", "confirmemail", "verifyemail", "externallogin", "oauth", "contact", "newsletter",
            "subscribe", "feedback", "errorlog", "clientlog", "telemetry", "culture", "language", "accessdenied", "basket", "cart", "checkavailab", "exists",
            "isavailable", "istaken"))
        {
            return true;
        }

        return (NamesWebhook(compact) && VerifiesSignature(body)) || ChecksSharedKey(body);
    }

    /// <summary>Whether a handler's words name a webhook, a payment notification or a callback.</summary>
    public static bool NamesWebhook(string words) => Has(words, "webhook", "hook", "callback", "ipn", "notification");

    /// <summary>
    /// A caller turned away unless the key it sends matches a configured secret, compared in constant
    /// time (<c>if (!FixedTimeEquals(key, settings.WebhookKey)) return BadRequest();</c>): the endpoint
    /// authenticates its one caller (a payment provider, a store) itself, whatever its name.
    /// </summary>
    private static bool ChecksSharedKey(SyntaxNode? body) =>
        body is not null && body.ToString().Contains("FixedTimeEquals", StringComparison.Ordinal);

    /// <summary>A webhook's own check of who sent it: a signature header, an HMAC, a provider's verification call.</summary>
    public static bool VerifiesSignature(SyntaxNode? body)
    {
        if (body is null)
        {
            return false;
        }

        var text = body.ToString();
        return text.Contains("Signature", StringComparison.OrdinalIgnoreCase) || text.Contains("HMAC", StringComparison.OrdinalIgnoreCase) ||
            text.Contains("ConstructEvent", StringComparison.Ordinal) || text.Contains("ValidateWebhook", StringComparison.Ordinal) ||
            (text.Contains("Headers[", StringComparison.Ordinal) && (text.Contains("==", StringComparison.Ordinal) || text.Contains("Equals(", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Admin work by name (the handler's name or one of its routes, each read on its own):
    /// banning, approving, refunding, changing roles, deleting users, listing every user's records.
    /// </summary>
    public static string? AdminOperation(IEnumerable<string> names)
    {
        foreach (var compact in names.Select(n => n.Replace(" ", string.Empty, StringComparison.Ordinal)))
        {
            foreach (var (word, says) in AdminOperations)
            {
                if (compact.Contains(word, StringComparison.Ordinal))
                {
                    return says;
                }
            }

            foreach (var list in EveryRecordLists.Value)
            {
                if (compact.StartsWith(list, StringComparison.Ordinal))
                {
                    return ListsEverything;
                }
            }

            foreach (var all in EveryRecordAnywhere.Value)
            {
                if (compact.Contains(all, StringComparison.Ordinal))
                {
                    return ListsEverything;
                }
            }
        }

        return null;
    }

    /// <summary>What <see cref="AdminOperation"/> says of a list of every user's records.</summary>
    public const string ListsEverything = "list every user's records";

    /// <summary>What <see cref="CreditsMoney"/> says: money put into an account with nothing paid in.</summary>
    public const string CreditsMoneyOperation = "crediting any account with money nobody paid in (a teller's deposit)";

    private static readonly string[] CreditWords = ["deposit", "adjustbalance", "setbalance", "updatebalance", "creditaccount", "addbalance"];
    private static readonly string[] PaymentWords =
        ["card", "payment", "stripe", "checkout", "paypal", "charge", "invoice", "intent", "gateway", "braintree", "razorpay", "webhook", "signature"];

    /// <summary>
    /// Whether a handler puts money into an account as a teller does: named <c>Deposit</c> (or
    /// adjusts a balance), and neither the types it takes nor its code mention a payment the caller
    /// made (a card, a checkout, a provider's webhook), so the money comes from nowhere.
    /// </summary>
    public static bool CreditsMoney(IReadOnlyList<string> names, string types, SyntaxNode? body)
    {
        var named = false;
        foreach (var name in names)
        {
            foreach (var token in name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                named |= CreditWords.Any(w => token.StartsWith(w, StringComparison.Ordinal));
            }

            named |= CreditWords.Any(w => name.Replace(" ", string.Empty, StringComparison.Ordinal).StartsWith(w, StringComparison.Ordinal));
        }

        if (!named || PaymentWords.Any(w => types.Contains(w, StringComparison.Ordinal)))
        {
            return false;
        }

        var code = body?.ToString() ?? string.Empty;
        return !PaymentWords.Any(w => code.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the code makes numeric codes with <c>System.Random</c> (<c>new Random().Next(100000, 999999)</c>), which can be predicted.</summary>
    public static bool MakesRandomCodes(SyntaxNode? scope) =>
        scope is not null && scope.Descendants().OfType<InvocationExpressionSyntax>().Any(call =>
            call.MethodName() == "Next" && call.ArgumentList.Arguments.Count > 0 &&
            call.Receiver() is { } receiver && (receiver is ObjectCreationExpressionSyntax { Type: var t } && CSharpFileModel.SimpleName(t) == "Random" ||
                receiver.ToString() is "Random.Shared" or "_random" or "random" or "Random" or "rng" or "_rng" or "rnd" or "_rnd"));

    /// <summary>Whether <c>lockoutOnFailure</c> is on: by name, or at its position.</summary>
    public static bool LockoutArgument(InvocationExpressionSyntax call, int position)
    {
        var arguments = call.ArgumentList.Arguments;
        var named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "lockoutOnFailure");
        var argument = named ?? (arguments.Count > position && arguments[position].NameColon is null ? arguments[position] : null);
        return argument is not null && !argument.Expression.IsBooleanLiteral(false);
    }

    // BCrypt.Verify(password, hash), BCrypt.Net.BCrypt.EnhancedVerify(...), Argon2.Verify(...), _hasher.VerifyPassword(...).
    public static bool IsHashVerify(InvocationExpressionSyntax call) =>
        call.MethodName() is "Verify" or "EnhancedVerify" or "VerifyPassword" or "VerifyHashedPassword" &&
        (call.Receiver()?.ToString() is { } receiver && (receiver.Contains("Crypt", StringComparison.Ordinal) || receiver.Contains("Argon", StringComparison.Ordinal) ||
            receiver.Contains("Hash", StringComparison.OrdinalIgnoreCase) || receiver.Contains("Password", StringComparison.OrdinalIgnoreCase)));

    private static bool Has(string compact, params string[] words) => words.Any(w => compact.Contains(w, StringComparison.Ordinal));
}
