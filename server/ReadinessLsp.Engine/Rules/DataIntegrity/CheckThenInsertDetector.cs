using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Rules.DataIntegrity;

/// <summary>
/// RDY3001: a lookup by property values (<c>AnyAsync(u =&gt; u.Email == email)</c>, a repository's
/// <c>GetUserByEmail</c>, Identity's <c>FindByEmailAsync</c>) guards an insert of the same entity,
/// and nothing in the app's EF model makes those properties unique: two requests at once both pass
/// the check and both insert. Also a FluentValidation rule that checks uniqueness the same way.
/// Silent when a key, an alternate key or a unique index (anywhere in the model, the snapshot, or
/// Identity's own) covers the properties, when the check and the insert run in a serializable
/// transaction or under a lock, and when the check is over a range or time window (one lease per
/// item at a time), which no unique index expresses. The fix adds the unique index to the model.
/// </summary>
internal sealed class CheckThenInsertDetector : ICSharpDetector, IDeferredResolver<CheckThenInsertDetector.Candidate>
{
    public string RuleId => "RDY3001";

    // Anchored on `if` (and a validator's Any/All): the check is what an `if` tests, and the
    // insert is what it lets through.
    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.IfStatement, SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords => EfSyntax.DataWords;

    public IReadOnlyCollection<string>? Anchors { get; } = ["if (", "if(", .. EfSyntax.CallWords(["Any", "AnyAsync", "All", "AllAsync"])];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        if (node is InvocationExpressionSyntax call)
        {
            if (call.MethodName() is "Any" or "AnyAsync" or "All" or "AllAsync" && InUniquenessValidator(call) && LookupAt(call, call.MethodName()!, EfFile.Of(context)) is { } validated)
            {
                context.Defer(this, call.Span, new Candidate(validated, EquatableArray<InsertRef>.Empty), Placeholder);
            }

            return;
        }

        var test = (IfStatementSyntax)node;
        if (EfSyntax.BodyOf(test) is not { } body)
        {
            return;
        }

        var file = EfFile.Of(context);

        var handled = context.Local<NodeSet>(this);
        foreach (var (lookupCall, local) in TestedCalls(test))
        {
            if (handled.Contains(lookupCall) || lookupCall.MethodName() is not { } name || name.Contains("ById", StringComparison.Ordinal) ||
                LookupAt(lookupCall, name, file) is not { } lookup || lookup.Direct is { Properties: ["Id"] })
            {
                continue;
            }

            var inserts = new List<InsertRef>();
            foreach (var guarded in Guarded(test, body))
            {
                foreach (var later in guarded.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax).OfType<InvocationExpressionSyntax>())
                {
                    if (later.MethodName() is { } laterName && MayInsert(laterName) && InsertAt(later, laterName, file) is { } insert && !inserts.Contains(insert))
                    {
                        inserts.Add(insert);
                    }
                }
            }

            // A serializable transaction or a lock around the check and the insert: of two
            // concurrent requests one fails to commit or waits. Asked last: most checks get here rarely.
            if (inserts.Count > 0 && !OperationBody.HoldsRows(body))
            {
                handled.Add(lookupCall);
                context.Defer(this, lookupCall.Span, new Candidate(lookup, inserts.ToEquatableArray()), Placeholder);
            }
        }
    }

    // The calls an `if` tests: in its condition, or stored in a local its condition names.
    private static IEnumerable<(InvocationExpressionSyntax Call, string? Local)> TestedCalls(IfStatementSyntax test)
    {
        foreach (var tested in test.Condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            yield return (tested, null);
        }

        // A name after a dot (`ModelState.IsValid`) is a member, never a local: not looked for
        // backwards through every earlier statement of the method.
        HashSet<string>? seen = null;
        foreach (var identifier in test.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
            {
                continue;
            }

            var name = identifier.Identifier.ValueText;
            if ((seen ??= new(StringComparer.Ordinal)).Add(name) && LocalSetBefore(test, name) is { } set)
            {
                yield return (set, name);
            }
        }
    }

    // What runs only when the test lets it: its branches, and when a branch exits (return
    // Conflict()), everything after the `if` in the method.
    private static IEnumerable<SyntaxNode> Guarded(IfStatementSyntax test, SyntaxNode body)
    {
        yield return test.Statement;
        if (test.Else is not null)
        {
            yield return test.Else;
        }

        if (!Exits(test.Statement))
        {
            yield break;
        }

        for (SyntaxNode node = test; node != body && node.Parent is { } parent; node = parent)
        {
            if (parent is BlockSyntax block)
            {
                foreach (var statement in block.Statements)
                {
                    if (statement.SpanStart > node.Span.End)
                    {
                        yield return statement;
                    }
                }
            }
            else if (parent is GlobalStatementSyntax or AnonymousFunctionExpressionSyntax)
            {
                yield break;
            }
        }
    }

    // `var existing = await repo.GetByEmail(email);` (or an assignment) before the test, in a block around it.
    private static InvocationExpressionSyntax? LocalSetBefore(StatementSyntax test, string name)
    {
        for (SyntaxNode node = test; node.Parent is { } parent && parent is not (BaseMethodDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax); node = parent)
        {
            if (parent is not BlockSyntax block)
            {
                continue;
            }

            for (var i = block.Statements.IndexOf((StatementSyntax)node) - 1; i >= 0; i--)
            {
                var value = block.Statements[i] switch
                {
                    LocalDeclarationStatementSyntax local => local.Declaration.Variables.FirstOrDefault(v => v.Identifier.ValueText == name)?.Initializer?.Value,
                    ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } assignment } when assigned.Identifier.ValueText == name => assignment.Right,
                    _ => null,
                };
                if (value is not null)
                {
                    return Called(value);
                }
            }
        }

        return null;
    }

    private static InvocationExpressionSyntax? Called(ExpressionSyntax value) => value switch
    {
        AwaitExpressionSyntax awaited => Called(awaited.Expression),
        ParenthesizedExpressionSyntax parenthesized => Called(parenthesized.Expression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } member } => Called(member.Expression),
        InvocationExpressionSyntax call => call,
        _ => null,
    };

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        var (lookup, via) = Lookup(data.Lookup, ef);
        if (lookup is null || ef.EntityOf(lookup.Table) is not { } entity || lookup.Properties.Count == 0)
        {
            return null;
        }

        if (data.Inserts.Count > 0 && !data.Inserts.Any(i => Inserted(i, ef) == entity))
        {
            return null;
        }

        var model = ef.Entity(entity);
        if (model is null || model.IsKeyless || ef.HasUniqueIndex(entity, lookup.Properties) || KeyedByInsert(model, lookup.Properties, data.Inserts))
        {
            return null;
        }

        var properties = string.Join(" and ", lookup.Properties);
        var related = new List<RelatedLocation>();
        if (model.Declaration is { } declared)
        {
            related.Add(new RelatedLocation(declared.Path, declared.Span, $"{entity} is declared here; no key or unique index covers {properties}"));
        }

        var place = ef.WhereToConfigure(entity);
        if (place is not null && place.Path != model.Declaration?.Path)
        {
            related.Add(new RelatedLocation(place.Path, place.Span, $"the unique index on {entity}.{properties} belongs in {place.Type}"));
        }

        if (via is not null)
        {
            related.Add(new RelatedLocation(via.Path, via.Span, $"{via.Type}.{via.Method} runs the lookup"));
        }

        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["entity"] = entity,
                ["properties"] = properties,
                ["index"] = $"HasIndex({Selector(entity, lookup.Properties)}).IsUnique()",
                ["check"] = data.Inserts.Count == 0 ? "a validation rule" : "this check",
            },
            Related = related,
            Fixes = place is null ? [] : [Fix.Late(null, new AddUniqueIndex(candidate.Path, entity, lookup.Properties))],
        };
    }

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    // A composite key over the checked properties and others the insert sets (`HasKey(s => new { s.UserId,
    // s.NotificationId })`, a lookup by NotificationId, an insert giving both): the database refuses the
    // second row. A key the insert sets alone (`Id = Guid.NewGuid()`) does not count: it must include
    // every checked property.
    private static bool KeyedByInsert(EfEntity model, IReadOnlyCollection<string> checkedProperties, EquatableArray<InsertRef> inserts) =>
        inserts.Any(insert => insert.Assigned.Count > 0 &&
            model.UniqueOver([.. checkedProperties.Union(insert.Assigned, StringComparer.Ordinal)]) is { } constraint &&
            checkedProperties.All(p => constraint.Properties.Contains(p)));

    private static readonly string[] InsertPrefixes = ["Add", "Create", "Insert", "Register", "Like", "Follow", "Subscribe", "Book", "Reserve", "Place", "Upsert", "Join", "Enroll", "SignUp", "Signup"];

    // Names cheap to test before anything else: most calls in a file are neither.
    private static bool MayInsert(string name) => StartsWithAny(name, InsertPrefixes);

    private static bool StartsWithAny(string name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Selector(string entity, EquatableArray<string> properties)
    {
        var row = char.ToLowerInvariant(entity[0]);
        return properties.Count == 1 ? $"{row} => {row}.{properties[0]}" : $"{row} => new {{ {string.Join(", ", properties.Select(p => $"{row}.{p}"))} }}";
    }

    private static (EfLookup? Lookup, DataAccessMethod? Via) Lookup(LookupRef lookup, EfView ef)
    {
        if (lookup.Direct is not null)
        {
            return (lookup.Direct, null);
        }

        var method = ef.Methods(lookup.Method!).FirstOrDefault(m => m.Lookup is not null && m.Inserts is null);
        return (method?.Lookup, method);
    }

    private static string? Inserted(InsertRef insert, EfView ef) =>
        insert.Direct is not null
            ? ef.EntityOf(insert.Direct)
            : ef.Methods(insert.Method!).Select(m => m.Inserts).OfType<EfSetRef>().Select(ef.EntityOf).FirstOrDefault(e => e is not null);

    // A direct lookup, Identity's FindByEmailAsync/FindByNameAsync, or a call to a workspace method
    // that may look something up (decided at resolve time from the method's facts).
    private static LookupRef? LookupAt(InvocationExpressionSyntax call, string name, EfFile file)
    {
        if (EfSyntax.LookupOf(call, file) is { } direct)
        {
            return IsExistenceTest(call, name) && !FiltersByRange(call, file) ? new LookupRef(direct, null) : null;
        }

        if (name is "FindByEmailAsync" or "FindByNameAsync" && call.Receiver() is { } manager && IdentityUsers(manager, file) is { } users)
        {
            return new LookupRef(new EfLookup(users, new[] { name == "FindByEmailAsync" ? "Email" : "UserName" }), null);
        }

        return !EfSyntax.SingleResults.Contains(name) && WorkspaceCalls.Of(call, file) is { } method ? new LookupRef(null, method) : null;
    }

    // `l.ItemId == itemId && l.EndsAt > now`: one row per item within a time window or a range. No
    // unique index says that, and one over the equalities alone would forbid every later row.
    private static bool FiltersByRange(InvocationExpressionSyntax call, EfFile file) =>
        file.ChainOf(call) is { } chain && chain.Predicates.Any(p => p.Condition.DescendantNodesAndSelf().Any(n =>
            n.IsKind(SyntaxKind.LessThanExpression) || n.IsKind(SyntaxKind.GreaterThanExpression) ||
            n.IsKind(SyntaxKind.LessThanOrEqualExpression) || n.IsKind(SyntaxKind.GreaterThanOrEqualExpression)));

    // Count compared with anything but 0 or 1 is a quota, not a uniqueness check.
    private static bool IsExistenceTest(InvocationExpressionSyntax call, string name)
    {
        if (!name.Contains("Count", StringComparison.Ordinal))
        {
            return true;
        }

        var use = Unwrapped(call).Parent;
        return use is BinaryExpressionSyntax comparison &&
            (comparison.Left is LiteralExpressionSyntax { Token.ValueText: "0" or "1" } || comparison.Right is LiteralExpressionSyntax { Token.ValueText: "0" or "1" });
    }

    private static InsertRef? InsertAt(InvocationExpressionSyntax call, string name, EfFile file)
    {
        if (EfSyntax.InsertOf(call, file) is { } direct)
        {
            return new InsertRef(direct, null) { Assigned = AssignedIn(call) };
        }

        if (name == "CreateAsync" && call.Receiver() is { } manager && IdentityUsers(manager, file) is { } users)
        {
            return new InsertRef(users, null);
        }

        return name is "Add" or "AddAsync" || WorkspaceCalls.Of(call, file) is not { } method ? null : new InsertRef(null, method);
    }

    // `Add(new NotificationStatus { NotificationId = n.Id, UserId = n.UserId })`: the properties the new row is given.
    private static EquatableArray<string> AssignedIn(InvocationExpressionSyntax call) =>
        call.ArgumentList.Arguments is [{ Expression: BaseObjectCreationExpressionSyntax { Initializer: { } initializer } }]
            ? initializer.Expressions.OfType<AssignmentExpressionSyntax>().Select(a => a.Left).OfType<IdentifierNameSyntax>()
                .Select(i => i.Identifier.ValueText).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToEquatableArray()
            : EquatableArray<string>.Empty;

    // userManager (UserManager<AppUser>): the Identity users table.
    private static EfSetRef? IdentityUsers(ExpressionSyntax manager, EfFile file)
    {
        var declared = file.DeclaredTypeOf(manager);
        if (CSharpFileModel.SimpleName(declared) == "UserManager")
        {
            return CSharpFileModel.FirstTypeArgument(declared) is { } user ? new EfSetRef(null, null, user) : new EfSetRef(null, "Users", null);
        }

        return declared is null && manager.ToString().Contains("userManager", StringComparison.OrdinalIgnoreCase) ? new EfSetRef(null, "Users", null) : null;
    }

    // A FluentValidation rule (MustAsync(BeUniqueTitle)) that checks uniqueness by querying.
    private static bool InUniquenessValidator(InvocationExpressionSyntax call) =>
        call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.BaseList?.Types
            .Any(b => CSharpFileModel.SimpleName(b.Type) == "AbstractValidator") == true &&
        call.MethodName() is { } name && (name.StartsWith("Any", StringComparison.Ordinal) || name.StartsWith("All", StringComparison.Ordinal));

    // await, parentheses and ConfigureAwait around the call.
    private static ExpressionSyntax Unwrapped(ExpressionSyntax call)
    {
        var current = call;
        while (true)
        {
            switch (current.Parent)
            {
                case AwaitExpressionSyntax awaited:
                    current = awaited;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" or "Result" or "AsTask" } member when member.Parent is InvocationExpressionSyntax or AwaitExpressionSyntax or MemberAccessExpressionSyntax:
                    current = member.Parent is InvocationExpressionSyntax invocation ? invocation : member;
                    continue;
                default:
                    return current;
            }
        }
    }

    private static bool Exits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax => true,
        ExpressionStatementSyntax { Expression: ThrowExpressionSyntax } => true,
        BlockSyntax block => block.Statements.LastOrDefault() is { } last && Exits(last),
        _ => false,
    };

    /// <summary>What the detector hands its resolver: the lookup, and the insert it guards (none for a validator).</summary>
    internal sealed record Candidate(LookupRef Lookup, EquatableArray<InsertRef> Inserts);

    /// <summary>A lookup written here (<see cref="Direct"/>) or in a workspace method (<see cref="Method"/>).</summary>
    internal sealed record LookupRef(EfLookup? Direct, EfMethodRef? Method);

    /// <summary>An insert written here (<see cref="Direct"/>) or in a workspace method (<see cref="Method"/>).</summary>
    internal sealed record InsertRef(EfSetRef? Direct, EfMethodRef? Method)
    {
        /// <summary>The properties a direct insert's object initializer sets.</summary>
        public EquatableArray<string> Assigned { get; init; } = EquatableArray<string>.Empty;
    }
}
