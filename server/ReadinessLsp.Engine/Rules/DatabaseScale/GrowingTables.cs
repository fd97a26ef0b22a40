using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// Whether a table grows with its users (orders, messages, users, logs) or stays small (categories,
/// countries, roles, settings): loading all of a small lookup table is fine, all of a growing one is not.
/// </summary>
internal static class GrowingTables
{
    // Small, fixed or curated tables: silent even without paging.
    private static readonly string[] LookupSuffixes =
    [
        "Category", "Categories", "Country", "Countries", "Role", "Roles", "Setting", "Settings", "Type", "Types", "Status", "Statuses",
        "Currency", "Currencies", "Language", "Languages", "Tag", "Tags", "Brand", "Brands", "Region", "Regions", "State", "States", "City",
        "Cities", "Unit", "Units", "Department", "Departments", "Branch", "Branches", "Permission", "Permissions", "Config", "Configuration",
        "Option", "Options", "Plan", "Plans", "Feature", "Features", "Lookup", "Kind", "Kinds", "Genre", "Genres", "Level", "Levels",
    ];

    // Rows people create by using the app.
    private static readonly string[] GrowingSuffixes =
    [
        "Order", "Message", "Log", "Notification", "Transaction", "Comment", "Post", "Review", "Payment", "Event", "Audit", "Booking",
        "Reservation", "Invoice", "Ticket", "Form", "Session", "Like", "Follow", "Follower", "Activity", "History", "Entry", "Upload",
        "Document", "Article", "Subscription", "Visit", "Transfer", "Todo", "Chat", "Reply", "Answer", "Question", "Submission", "Attempt",
        "Record", "Photo", "Image", "Expense", "Deposit", "Withdrawal", "Appointment", "Application", "Blog", "BlogPost", "Feedback",
    ];

    /// <summary>
    /// Whether every row of <paramref name="entity"/> is too many to return at once: the users
    /// themselves, rows a user owns (a <c>UserId</c>-like key or navigation), or a table named for
    /// what users create and not seeded by the model. Silent for keyless views and lookup names.
    /// </summary>
    public static bool Grows(EfView ef, string entity)
    {
        var model = ef.Entity(entity);
        if (model is null || model.IsKeyless || EndsWithAny(entity, LookupSuffixes))
        {
            return false;
        }

        // Users and what they own grow whatever the model seeds (an admin account, a demo row).
        if (ef.IsUserEntity(entity) || ef.OwnerProperty(entity) is not null)
        {
            return true;
        }

        return !model.IsSeeded && (EndsWithAny(entity, GrowingSuffixes) || EndsWithAny(Singular(entity), GrowingSuffixes));
    }

    /// <summary>A small lookup table by its name (roles, categories, countries): a loop over it is short.</summary>
    public static bool IsLookup(string entity) => EndsWithAny(entity, LookupSuffixes);

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

    private static bool EndsWithAny(string name, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
