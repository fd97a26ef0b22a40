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
/// Identity's own) covers the properties. The fix adds the unique index to the model.
/// </summary>
internal sealed class CheckThenInsertDetector : ICSharpDetector, IDeferredResolver<CheckThenInsertDetector.Candidate>
{
    public string RuleId => "RDY3001";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } =
        ["Any", "All", "First", "Single", "Count", "Find", "Get", "Exist", "Check", "Search", "Lookup", "Taken", "Unique"];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    // Anchored on the lookup: the calls this rule starts from are named by these words, and the
    // insert is searched for after them, in the same method.
    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (call.MethodName() is not { } name || !MayLookUp(name))
        {
            return;
        }

        var file = EfFile.Of(context);
        if (LookupAt(call, name, file) is not { } lookup)
        {
            return;
        }

        if (InUniquenessValidator(call))
        {
            context.Defer(this, call.Span, new Candidate(lookup, null), Placeholder);
            return;
        }

        if (Guard(call) is not { } guard || EfSyntax.BodyOf(call) is not { } body)
        {
            return;
        }

        var seen = new HashSet<InsertRef>();
        foreach (var later in body.DescendantNodes(n => n.Span.End > call.Span.End && (n == body || n is not AnonymousFunctionExpressionSyntax)).OfType<InvocationExpressionSyntax>())
        {
            if (later.SpanStart <= call.Span.End || later.MethodName() is not { } laterName || !MayInsert(laterName) ||
                InsertAt(later, laterName, file) is not { } insert || !Guards(guard, call, later, body) || !seen.Add(insert))
            {
                continue;
            }

            context.Defer(this, call.Span, new Candidate(lookup, insert), Placeholder);
        }
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        var (lookup, via) = Lookup(data.Lookup, ef);
        if (lookup is null || ef.EntityOf(lookup.Table) is not { } entity || lookup.Properties.Count == 0)
        {
            return null;
        }

        if (data.Insert is not null && Inserted(data.Insert, ef) != entity)
        {
            return null;
        }

        var model = ef.Entity(entity);
        if (model is null || model.IsKeyless || ef.HasUniqueIndex(entity, lookup.Properties))
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
                ["check"] = data.Insert is null ? "a validation rule" : "this check",
            },
            Related = related,
            Fixes = place is null ? [] : [Fix.Late(null, new AddUniqueIndex(candidate.Path, entity, lookup.Properties))],
        };
    }

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    private static readonly string[] LookupPrefixes = ["Get", "Find", "Exist", "Check", "Any", "All", "Lookup", "Search", "Single", "First", "Count"];

    private static readonly string[] InsertPrefixes = ["Add", "Create", "Insert", "Register", "Like", "Follow", "Subscribe", "Book", "Reserve", "Place", "Store", "Save", "Upsert", "Join", "Enroll", "SignUp", "Signup"];

    // Names cheap to test before anything else: most calls in a file are neither.
    private static bool MayLookUp(string name) =>
        EfSyntax.SingleResults.Contains(name) || StartsWithAny(name, LookupPrefixes) ||
        name.Contains("Exist", StringComparison.Ordinal) || name.EndsWith("Taken", StringComparison.Ordinal) || name.EndsWith("Unique", StringComparison.Ordinal);

    private static bool MayInsert(string name) =>
        StartsWithAny(name, InsertPrefixes) && !name.StartsWith("SaveChanges", StringComparison.Ordinal);

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
            return IsExistenceTest(call, name) ? new LookupRef(direct, null) : null;
        }

        if (name is "FindByEmailAsync" or "FindByNameAsync" && call.Receiver() is { } manager && IdentityUsers(manager, file) is { } users)
        {
            return new LookupRef(new EfLookup(users, new[] { name == "FindByEmailAsync" ? "Email" : "UserName" }), null);
        }

        return !EfSyntax.SingleResults.Contains(name) && Guard(call) is not null && WorkspaceCalls.Of(call, file) is { } method ? new LookupRef(null, method) : null;
    }

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
            return new InsertRef(direct, null);
        }

        if (name == "CreateAsync" && call.Receiver() is { } manager && IdentityUsers(manager, file) is { } users)
        {
            return new InsertRef(users, null);
        }

        return name is "Add" or "AddAsync" || WorkspaceCalls.Of(call, file) is not { } method ? null : new InsertRef(null, method);
    }

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

    /// <summary>
    /// How the lookup's result is tested: the <c>if</c> whose condition holds the lookup, or the
    /// local it is stored in (tested later).
    /// </summary>
    private static (IfStatementSyntax? Statement, string? Local)? Guard(InvocationExpressionSyntax call)
    {
        var expression = Unwrapped(call);
        for (SyntaxNode? node = expression; node is not null and not StatementSyntax; node = node.Parent)
        {
            if (node.Parent is IfStatementSyntax ifStatement && ifStatement.Condition == node)
            {
                return (ifStatement, null);
            }
        }

        return expression.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable } => (null, variable.Identifier.ValueText),
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } assignment when assignment.Right == expression => (null, assigned.Identifier.ValueText),
            _ => null,
        };
    }

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

    // The insert happens where the lookup found nothing: after an `if` that exits when it found
    // something (return Conflict()), or inside the `if` that tests it (get-or-create).
    private static bool Guards((IfStatementSyntax? Statement, string? Local) guard, InvocationExpressionSyntax lookup, InvocationExpressionSyntax insert, SyntaxNode body)
    {
        if (guard.Statement is { } direct)
        {
            return Guards(direct, insert);
        }

        for (var node = insert.Parent; node is not null && node != body; node = node.Parent)
        {
            if (node is IfStatementSyntax around && around.SpanStart > lookup.Span.End && Mentions(around.Condition, guard.Local!) && Guards(around, insert))
            {
                return true;
            }
        }

        // `if (existing != null) return ...;` between the lookup and the insert, in a block around the insert.
        for (var node = insert.Parent; node is not null && node != body.Parent; node = node.Parent)
        {
            if (node is BlockSyntax block)
            {
                foreach (var statement in block.Statements)
                {
                    if (statement.SpanStart > insert.SpanStart)
                    {
                        break;
                    }

                    if (statement is IfStatementSyntax test && test.SpanStart > lookup.Span.End && Mentions(test.Condition, guard.Local!) && Guards(test, insert))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Mentions(ExpressionSyntax condition, string name) =>
        condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == name);

    private static bool Guards(IfStatementSyntax test, InvocationExpressionSyntax insert) =>
        test.Span.Contains(insert.Span) || (insert.SpanStart > test.Span.End && Exits(test.Statement));

    private static bool Exits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax => true,
        ExpressionStatementSyntax { Expression: ThrowExpressionSyntax } => true,
        BlockSyntax block => block.Statements.LastOrDefault() is { } last && Exits(last),
        _ => false,
    };

    /// <summary>What the detector hands its resolver: the lookup, and the insert it guards (none for a validator).</summary>
    internal sealed record Candidate(LookupRef Lookup, InsertRef? Insert);

    /// <summary>A lookup written here (<see cref="Direct"/>) or in a workspace method (<see cref="Method"/>).</summary>
    internal sealed record LookupRef(EfLookup? Direct, EfMethodRef? Method);

    /// <summary>An insert written here (<see cref="Direct"/>) or in a workspace method (<see cref="Method"/>).</summary>
    internal sealed record InsertRef(EfSetRef? Direct, EfMethodRef? Method);
}
