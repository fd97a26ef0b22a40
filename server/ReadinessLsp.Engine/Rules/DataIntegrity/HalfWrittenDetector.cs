using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;
using ReadinessLsp.Engine.Model.Integrity;

namespace ReadinessLsp.Engine.Rules.DataIntegrity;

/// <summary>
/// RDY3004: one operation writes to the database in several steps that each commit on their own
/// (<c>SaveChanges</c> twice, <c>SaveChanges</c> and then <c>UserManager.CreateAsync</c>, two
/// repository methods that save), with no transaction around them: a failure between the steps
/// leaves the first written and the rest not. Silent when the steps cannot both run (other
/// branches, an early return, a catch block), inside a transaction, when the app wraps every
/// request or command in one, and in seeding code.
/// </summary>
internal sealed class HalfWrittenDetector : ICSharpDetector, IDeferredResolver<HalfWrittenDetector.Candidate>
{
    // Identity's writes of whole users: its stores save on every call. Edits of one user's fields,
    // roles and claims (SetEmailAsync, AddToRoleAsync right after CreateAsync) leave no orphan row
    // when the next one fails, so they do not count as a step.
    private static readonly HashSet<string> IdentityWrites = new(StringComparer.Ordinal)
    {
        "CreateAsync", "UpdateAsync", "DeleteAsync",
    };

    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSql",
        "ExecuteSqlAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync",
    };

    public string RuleId => "RDY3004";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression, SyntaxKind.MethodDeclaration];

    public IReadOnlyCollection<string>? RequiredWords => EfSyntax.DataWords;

    // A save names the operation; a POST handler or a command handler may save only through services.
    public IReadOnlyCollection<string>? Anchors { get; } = [.. EfSyntax.CallWords(["SaveChanges", "SaveChangesAsync"]), "HttpPost", "OnPost", "Handle("];

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel), typeof(IntegrityGuards)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var body = node switch
        {
            InvocationExpressionSyntax call when OperationBody.IsSave(call) => EfSyntax.BodyOf(call),
            MethodDeclarationSyntax method when method.Identifier.ValueText.StartsWith("OnPost", StringComparison.Ordinal) || CSharpFileModel.HasAttribute(method, "HttpPost") ||
                IsCommandHandler(method) => method,
            _ => null,
        };
        if (body is null or CompilationUnitSyntax || !context.Local<NodeSet>(this).Add(body) || IsSeeding(body) || OperationBody.HasTransaction(body))
        {
            return;
        }

        var file = EfFile.Of(context);
        var writes = new List<(InvocationExpressionSyntax Call, Write Write)>();
        var tracked = false; // a change the context tracks (Add, Remove, an assignment) since the last write
        foreach (var step in OperationBody.Nodes(body))
        {
            if (step is AssignmentExpressionSyntax)
            {
                tracked = true;
                continue;
            }

            if (step is not InvocationExpressionSyntax call || call.MethodName() is not { } name || call.Ancestors().TakeWhile(a => a != body).Any(a => a is CatchClauseSyntax))
            {
                continue;
            }

            if (OperationBody.IsSave(call) && !tracked && writes.Count > 0 && Commands.Contains(writes[^1].Write.Name))
            {
                continue; // `ExecuteDeleteAsync(); SaveChangesAsync();`: the bulk command committed, the save has nothing to write
            }

            if (OperationBody.IsSave(call) || Commands.Contains(name) || (IdentityWrites.Contains(name) && IsIdentityManager(call, file)))
            {
                writes.Add((call, new Write(name, null, context.RangeOf(call.Span))));
                tracked = false;
                continue;
            }

            tracked |= TracksChange(name);
            if (WorkspaceCalls.Of(call, file) is { } method && !IsSelf(call, body))
            {
                writes.Add((call, new Write(name, method, context.RangeOf(call.Span))));
            }
        }

        var pairs = new List<Pair>();
        for (var later = 1; later < writes.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                if (!Exclusive(writes[earlier].Call, writes[later].Call, body))
                {
                    pairs.Add(new Pair(earlier, later));
                }
            }
        }

        if (pairs.Count > 0 && NameSpan(body) is { } at)
        {
            context.Defer(this, at, new Candidate(writes.Select(w => w.Write).ToEquatableArray(), pairs.ToEquatableArray()), Placeholder);
        }
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        if (models.Get<IntegrityGuards>().Guard(candidate.Path, IntegrityGuardKind.Transaction) is not null)
        {
            return null;
        }

        var ef = models.Get<EfModel>().For(candidate.Path);
        var saves = data.Writes.Select(w => w.Method is null || ef.Methods(w.Method).Any(m => m.Flags.HasFlag(DataAccessFlags.Saves))).ToList();
        var pair = data.Pairs.FirstOrDefault(p => saves[p.Earlier] && saves[p.Later]);
        if (pair is null)
        {
            return null;
        }

        var steps = Enumerable.Range(0, data.Writes.Count).Where(i => saves[i]).Select(i => data.Writes[i]).ToList();
        var related = steps.Select((w, i) => new RelatedLocation(candidate.Path, w.Range, i == 0 ? $"step 1 commits here ({w.Name})" : $"step {i + 1} commits separately ({w.Name}): a failure before it leaves step 1 written"))
            .ToList();
        return candidate with
        {
            Arguments = new Dictionary<string, string>
            {
                ["count"] = steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["steps"] = string.Join(", ", steps.Select(w => w.Name)),
            },
            Related = related,
        };
    }

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    private static bool TracksChange(string name) =>
        name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("Update", StringComparison.Ordinal) ||
        name.StartsWith("Remove", StringComparison.Ordinal) || name.StartsWith("Attach", StringComparison.Ordinal);

    // The name of the operation: the method, local function or the MapPost call of a handler lambda.
    private static TextSpan? NameSpan(SyntaxNode body) => body switch
    {
        MethodDeclarationSyntax method => method.Identifier.Span,
        BaseMethodDeclarationSyntax other => other.GetFirstToken().Span,
        LocalFunctionStatementSyntax local => local.Identifier.Span,
        AnonymousFunctionExpressionSyntax lambda => lambda.Parent?.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax map } }
            ? map.Name.Span
            : lambda.GetFirstToken().Span,
        AccessorDeclarationSyntax accessor => accessor.Keyword.Span,
        _ => null,
    };

    // A mediator's Handle: one request's operation.
    private static bool IsCommandHandler(MethodDeclarationSyntax method) =>
        method.Identifier.ValueText == "Handle" && method.Parent is TypeDeclarationSyntax { BaseList: { } bases } &&
        bases.Types.Any(b => CSharpFileModel.SimpleName(b.Type) is "IRequestHandler" or "ICommandHandler");

    private static bool IsSeeding(SyntaxNode body)
    {
        var owner = body.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? string.Empty;
        var method = body.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? string.Empty;
        return owner.Contains("Seed", StringComparison.Ordinal) || owner.Contains("Initiali", StringComparison.Ordinal) || owner.Contains("Migrat", StringComparison.Ordinal) ||
            method.Contains("Seed", StringComparison.Ordinal) || method.Contains("Initiali", StringComparison.Ordinal);
    }

    private static bool IsIdentityManager(InvocationExpressionSyntax call, EfFile file) =>
        call.Receiver() is { } receiver &&
        (CSharpFileModel.SimpleName(file.DeclaredTypeOf(receiver)) is "UserManager" or "RoleManager" ||
         receiver.ToString().Contains("userManager", StringComparison.OrdinalIgnoreCase) || receiver.ToString().Contains("roleManager", StringComparison.OrdinalIgnoreCase));

    // A call of the method the body belongs to (recursion) is not another step.
    private static bool IsSelf(InvocationExpressionSyntax call, SyntaxNode body) =>
        call.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && body is MethodDeclarationSyntax { Identifier.ValueText: var own } && name == own;

    // Whether both calls cannot run in one execution: other branches of an if or switch, or the
    // first one's branch returns before the second.
    private static bool Exclusive(SyntaxNode earlier, SyntaxNode later, SyntaxNode body)
    {
        var common = earlier.Ancestors().First(a => a.Span.Contains(later.Span));
        var fromEarlier = Below(earlier, common);
        var fromLater = Below(later, common);
        if (common is IfStatementSyntax or SwitchStatementSyntax or ConditionalExpressionSyntax or SwitchExpressionSyntax && fromEarlier != fromLater)
        {
            return true;
        }

        if (common is ElseClauseSyntax)
        {
            return false;
        }

        for (SyntaxNode node = earlier; node != common && node.Parent is { } parent; node = parent)
        {
            if (parent is BlockSyntax block && node is StatementSyntax statement)
            {
                var after = block.Statements.Skip(block.Statements.IndexOf(statement) + 1);
                if (parent == common)
                {
                    after = after.TakeWhile(s => s.SpanStart < later.SpanStart);
                }

                if (after.Any(s => s is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax))
                {
                    return true;
                }
            }
            else if (parent is SwitchSectionSyntax section && node is StatementSyntax inSection && parent != common &&
                section.Statements.Skip(section.Statements.IndexOf(inSection) + 1).Any(s => s is ReturnStatementSyntax or ThrowStatementSyntax))
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode Below(SyntaxNode node, SyntaxNode ancestor)
    {
        var current = node;
        while (current.Parent != ancestor)
        {
            current = current.Parent!;
        }

        return current;
    }

    /// <summary>A write: named (<see cref="Name"/>), committing by itself unless <see cref="Method"/> is a workspace method that must be seen to save.</summary>
    internal sealed record Write(string Name, EfMethodRef? Method, LinePositionSpan Range);

    /// <summary>Two writes (by index) that can both run in one execution, the earlier first.</summary>
    internal sealed record Pair(int Earlier, int Later);

    /// <summary>The operation's writes in order, and which of them can follow which.</summary>
    internal sealed record Candidate(EquatableArray<Write> Writes, EquatableArray<Pair> Pairs);
}
