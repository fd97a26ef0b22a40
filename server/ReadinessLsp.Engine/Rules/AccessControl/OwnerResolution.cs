using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.Model.Ownership;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>
/// RDY1006's decision across files: whether the row a handler loads belongs to a user (the EF
/// model), what the repository or specification it hands the id to does (the lookups), and
/// whether the endpoint is one any signed-in user may call (the endpoint model).
/// </summary>
internal static class OwnerResolution
{
    // Entities many users share: a user pointing at one (`User.CompanyId`) does not make it theirs.
    private static readonly string[] SharedEntityWords =
    [
        "Tenant", "Company", "Organization", "Organisation", "Department", "Team", "Group", "Role", "Branch", "Region", "Country", "City", "Plan", "Type",
        "Category", "Status", "Level", "Office", "Store", "Shop", "Site", "Language", "Currency", "Culture",
    ];

    /// <summary>Who owns a row, and how the model says so.</summary>
    /// <param name="Property">The entity's own property naming its user, when it has one.</param>
    /// <param name="Says">How a sentence names it: <c>Order.UserId</c>, <c>AppUser.AccountNumber</c>.</param>
    /// <param name="IsUser">The row is a user's own account.</param>
    private sealed record Ownership(string? Property, string Says, bool IsUser, FactSpanOwner? Declared);

    private sealed record FactSpanOwner(string Path, Model.Facts.FactSpan Span);

    public static Detection? Resolve(Detection candidate, OwnerCandidate data, WorkspaceModels models)
    {
        var endpoints = models.Get<EndpointIndex>();
        var endpoint = candidate.Member is { } member ? endpoints.AllForMember(candidate.Path, member).FirstOrDefault() : null;
        if (data.Request is not null)
        {
            // A command handler: the app must sign users in for "the caller" to mean anyone; staff work is RDY1005's.
            if (!endpoints.SetupOf(candidate.Path).Authentication || HandlerShape.AdminOperation([HandlerShape.Normalize(data.Request)]) is not null)
            {
                return null;
            }

            // A request the app sends itself from its event handlers, and no endpoint takes from a caller: its ids are the app's own.
            if (models.Get<RowLookups>().IsInternal(data.Request) &&
                !endpoints.All.Any(e => e.Parameters.Any(p => p.FromCaller && EfSyntax.LastSegment(p.Type) == data.Request)))
            {
                return null;
            }
        }
        else if (endpoint is null || endpoint.Authorization.Access != Access.SignedIn || endpoint.Kind == EndpointKind.HubMethod ||
            endpoint.CallerParameter(data.Parameter) is null || IsBackOffice(endpoint))
        {
            // Only endpoints any signed-in user may call: an anonymous one is RDY1004's to report, a restricted one is for staff.
            return null;
        }

        var ef = models.Get<EfModel>().For(candidate.Path);
        var property = data.Property;
        var table = data.Table;
        var use = data.Use;
        RowLookupFact? via = null;
        if (data.Via is { } reference)
        {
            // The callee looks one row up by the caller's value, with nothing in the filter about its owner.
            foreach (var lookup in models.Get<RowLookups>().Of(reference, data.ViaArgument))
            {
                if (ef.EntityOf(lookup.Table) is not { } looked || OwnershipOf(ef, looked) is not { } owned ||
                    (owned.Property is { } ownerProperty && lookup.Properties.Contains(ownerProperty)))
                {
                    continue;
                }

                var effective = lookup.Use is "changes it" or "deletes it" ? lookup.Use : data.Use;
                if (effective is not null)
                {
                    (via, use) = (lookup, effective);
                    break;
                }
            }

            if (via is null)
            {
                return null;
            }

            (table, property) = (via.Table, via.Properties.Count > 0 ? via.Properties[0] : null);
        }

        if (table is null || ef.EntityOf(table) is not { } entity || use is null)
        {
            return null;
        }

        if (data.Navigation is { } navigation)
        {
            // A child found through its parent (`article.Comments`): the child's owner is what matters.
            if (ef.Entity(entity)?.Property(navigation) is not { ElementType: { } element } || !ef.IsEntity(EfSyntax.LastSegment(element)))
            {
                return null;
            }

            entity = EfSyntax.LastSegment(element);
        }

        if (ef.Entity(entity) is not { } model || OwnershipOf(ef, entity) is not { } owner)
        {
            return null;
        }

        // A global query filter on the owner (or a tenant) already scopes every query of the entity.
        if (model.QueryFilterProperties.Any(p => p == owner.Property || p.Contains("Tenant", StringComparison.Ordinal) || p.Contains("User", StringComparison.Ordinal) || p.Contains("Owner", StringComparison.Ordinal)))
        {
            return null;
        }

        // What an author writes (articles, posts, comments, reviews) is published for others to read: only changing it is in question.
        if (use == "returns it" && owner.Property is { } authored && IsAuthorship(authored))
        {
            return null;
        }

        // Loaded by its key, or a list by the owner the caller names; a user's own account by its key or by what links it to the user's rows.
        var byKey = property is null || model.Keys.Contains(property) || (model.Keys.Count == 0 && property == "Id");
        var byOwner = owner.Property is not null && property == owner.Property;
        if (owner.IsUser && !byKey && (property is null || !(property.EndsWith("Id", StringComparison.Ordinal) || property.EndsWith("Number", StringComparison.Ordinal))))
        {
            return null; // a profile by user name or e-mail is how people find each other
        }

        if (!byKey && !byOwner && !((data.Single || via is not null) && property is not null))
        {
            return null;
        }

        const string who = "any signed-in user";
        var related = new List<RelatedLocation>();
        if (owner.Declared is { } declared)
        {
            related.Add(new RelatedLocation(declared.Path, declared.Span, owner.IsUser ? $"{entity} is the account users sign in as" : $"{owner.Says} says whose {entity} it is"));
        }

        if (via is not null)
        {
            related.Add(new RelatedLocation(via.Path, via.Span, $"{via.Type}.{via.Method} looks the {entity} up by {property ?? "its key"} alone"));
        }

        var ownerName = owner.Property ?? owner.Says;
        var value = data.Value ?? data.Parameter;
        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["endpoint"] = endpoint?.Display ?? $"{candidate.Member} (for {data.Request})",
                ["entity"] = entity,
                ["owner"] = ownerName,
                ["parameter"] = data.Parameter,
                ["how"] = byOwner ? $"the {entity} rows of whichever user `{value}` names"
                    : via is not null && value == data.Parameter && !IsScalarName(value) ? $"the {entity} whose {(byKey ? "id" : property)} the caller sends in `{value}`"
                    : byKey ? $"the {entity} whose id is `{value}`" : $"the {entity} whose {property} is `{value}`",
                ["use"] = use,
                ["check"] = data.CheckedTooLate ? "and only afterwards checks that it belongs to the caller" : "but never checks that it belongs to the caller",
                ["who"] = who,
                ["because"] = endpoint?.Authorization.Because ?? "whichever endpoint sends the request",
                ["todo"] = data.CheckedTooLate ? "move the ownership check up, right after the load and before anything is written"
                    : owner.Property is null ? $"take the {entity} from the signed-in user ({owner.Says}) instead of from the request"
                    : data.CurrentUser is null ? $"read the signed-in user's id (`User.FindFirstValue(ClaimTypes.NameIdentifier)`) and add `&& x.{owner.Property} == userId` to the query"
                    : $"add `&& x.{owner.Property} == {data.CurrentUser}` to the query",
            },
            Related = related,
            Fixes = via is null && data.Navigation is null && !data.CheckedTooLate && owner.Property is { } direct ? Fixes(candidate.Path, data, entity, model, direct) : [],
        };
    }

    // Admin areas, routes and controllers: other people's rows are their work; whether anyone guards them is RDY1005's question.
    private static bool IsBackOffice(Endpoint endpoint) =>
        endpoint.Route.Contains("admin", StringComparison.OrdinalIgnoreCase) || endpoint.Member.Contains("Admin", StringComparison.OrdinalIgnoreCase) ||
        HandlerShape.AdminOperation([HandlerShape.Normalize(endpoint.Member[(endpoint.Member.LastIndexOf('.') + 1)..])]) is not null;

    // Whose the entity's rows are: its own owner key or navigation, the user entity itself, or the user entity pointing at it (`AppUser.AccountNumber`).
    private static Ownership? OwnershipOf(EfView ef, string entity)
    {
        var model = ef.Entity(entity);
        var declared = model?.Declaration is { } d ? new FactSpanOwner(d.Path, d.Span) : null;
        if (ef.OwnerProperty(entity) is { } owner)
        {
            return new Ownership(owner, $"{entity}.{owner}", false, declared);
        }

        if (model is null)
        {
            return null;
        }

        if (ef.IsUserEntity(entity))
        {
            return new Ownership(null, entity, true, declared);
        }

        if (SharedEntityWords.Any(w => entity.Contains(w, StringComparison.Ordinal)))
        {
            return null;
        }

        var key = model.Keys is [var single] && single != "Id" ? single : null;
        foreach (var user in ef.UserEntities)
        {
            if (ef.Entity(user) is not { } account || model.Properties.Any(p => p.Flags.HasFlag(EfPropertyFlags.Collection) && EfSyntax.LastSegment(p.ElementType ?? string.Empty) == user))
            {
                continue; // the entity lists its users: it is shared by them
            }

            foreach (var link in account.Properties)
            {
                if (!link.Flags.HasFlag(EfPropertyFlags.Collection) && !link.Flags.HasFlag(EfPropertyFlags.NotMapped) &&
                    (link.Name == key || link.Name == entity + "Id" || EfSyntax.LastSegment(link.Type.TrimEnd('?')) == entity))
                {
                    return new Ownership(null, $"{user}.{link.Name}", false, declared);
                }
            }
        }

        return null;
    }

    private static IReadOnlyList<Fix> Fixes(string path, OwnerCandidate data, string entity, EfEntity model, string owner)
    {
        if (data.CurrentUser is null || data.CurrentUserType is null || data.Property == owner ||
            model.Property(owner) is not { } ownerProperty || Bare(ownerProperty.Type) != Bare(data.CurrentUserType))
        {
            return [];
        }

        var title = $"Load only the signed-in user's {entity}: {owner} == {data.CurrentUser}";
        if (data.PredicateEnd is { } end && data.Row is { } row)
        {
            return [new Fix(title, [FileEdit.Insert(path, end, $" && {row}.{owner} == {data.CurrentUser}")])];
        }

        if (data.FindCall is { } find && data.FindTable is { } table && data.FindArgument is { } argument && model.Keys is [var key])
        {
            var x = char.ToLowerInvariant(entity[0]).ToString();
            var method = data.FindAsync ? "FirstOrDefaultAsync" : "FirstOrDefault";
            return [new Fix(title, [new FileEdit(path, find, $"{table}.{method}({x} => {x}.{key} == {argument} && {x}.{owner} == {data.CurrentUser})")])];
        }

        return [];
    }

    // `id`, `orderId`, `accountNumber`: a value, not a request object that carries one.
    private static bool IsScalarName(string value) =>
        value.EndsWith("Id", StringComparison.Ordinal) || value.EndsWith("id", StringComparison.Ordinal) || value.EndsWith("Number", StringComparison.Ordinal) ||
        value.EndsWith("Slug", StringComparison.Ordinal) || value.EndsWith("slug", StringComparison.Ordinal) || value.EndsWith("Code", StringComparison.Ordinal);

    private static bool IsAuthorship(string owner) =>
        owner.Contains("Author", StringComparison.Ordinal) || owner.Contains("Creator", StringComparison.Ordinal) || owner.Contains("CreatedBy", StringComparison.Ordinal) ||
        owner.Contains("Poster", StringComparison.Ordinal) || owner.Contains("Writer", StringComparison.Ordinal);

    private static string Bare(string type) => type.TrimEnd('?') switch
    {
        "String" => "string",
        "Int32" => "int",
        "Int64" => "long",
        var other => other,
    };
}
