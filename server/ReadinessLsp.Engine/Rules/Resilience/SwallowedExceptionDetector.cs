using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Hosting;

namespace ReadinessLsp.Engine.Rules.Resilience;

/// <summary>
/// RDY5001: a catch-all whose body is empty or only returns (null, false, a 404...) without
/// logging, so failures in production leave no trace. Silent for specific exception types
/// (<c>OperationCanceledException</c>, <c>FormatException</c>: expected outcomes), for catch filters,
/// for a comment in the catch that says why, for best-effort cleanup (<c>Dispose</c>, <c>Delete</c>),
/// for predicates that answer "no" when the check itself fails (<c>IsValid</c>, <c>VerifyPassword</c>)
/// and for decoding that falls back when the text is malformed (<c>try { return JsonSerializer.Deserialize&lt;T&gt;(json); }
/// catch { return null; }</c>): malformed input is an answer, not a failure to hear about.
/// Web apps only: a desktop or mobile client reports its errors elsewhere.
/// </summary>
internal sealed class SwallowedExceptionDetector : ICSharpDetector
{
    private static readonly HashSet<string> CleanupCalls =
    [
        "Dispose", "DisposeAsync", "Close", "CloseAsync", "Delete", "DeleteAsync", "Kill", "Abort", "Cancel", "CancelAsync",
        "Flush", "FlushAsync", "Release", "Stop", "StopAsync", "Unsubscribe", "DeleteIfExists", "DeleteIfExistsAsync", "TryDelete",
    ];

    // Names of calls that turn text into values: when they fail, the text was malformed.
    private static readonly string[] DecodingWords = ["Parse", "Deserialize", "Decode", "Decrypt", "Unprotect", "FromBase64", "ReadJwtToken", "Decompress"];

    // `GetFromJsonAsync`, `SendAndParseAsync`, `LoadAndDecrypt`: calls that fetch first can fail for reasons worth hearing about.
    private static readonly string[] FetchingPrefixes = ["Get", "Post", "Put", "Patch", "Send", "Delete", "Fetch", "Load", "Query", "Find", "Download"];

    private static readonly string[] PredicatePrefixes = ["Is", "Try", "Has", "Can", "Verify", "Validate", "Check", "Exists", "Contains", "Matches"];

    public string RuleId => "RDY5001";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.CatchClause];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["catch"];

    public IReadOnlyCollection<string>? Anchors => RequiredWords;

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var clause = (CatchClauseSyntax)node;
        if (!ExceptionSyntax.CatchesEverything(clause) || clause.Filter is not null || clause.Parent is not TryStatementSyntax attempt)
        {
            return;
        }

        var variable = ExceptionSyntax.VariableOf(clause);
        var outcome = Outcome(clause.Block, variable);
        if (outcome is null || Explained(clause) || IsCleanup(attempt, clause) || IsPredicateAnsweringNo(clause, clause.Block) || IsDecodingFallback(attempt))
        {
            return;
        }

        var end = clause.Declaration?.Span.End ?? clause.CatchKeyword.Span.End;
        context.Defer(
            WebAppOnly.Resolver,
            TextSpan.FromBounds(clause.CatchKeyword.SpanStart, end),
            WebAppOnly.Any,
            new Dictionary<string, string> { ["outcome"] = outcome },
            LogFix(clause, variable, context));
    }

    // What the catch does instead of reporting: null when it does anything else (logs, rethrows, sets a flag, navigates).
    private static string? Outcome(BlockSyntax block, string? variable) => block.Statements switch
    {
        [] => "ignores the error and carries on",
        [ReturnStatementSyntax { Expression: null }] => "returns as if nothing happened",
        [ReturnStatementSyntax { Expression: { } value }] when !Mentions(value, variable) => $"returns `{Shorten(value.ToString())}` instead",
        _ => null,
    };

    private static bool Mentions(SyntaxNode node, string? variable) =>
        variable is not null && node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == variable);

    private static string Shorten(string text)
    {
        var single = string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return single.Length <= 40 ? single : single[..37] + "...";
    }

    // A comment in or on the catch says the author meant it ("best effort: the job runs again
    // tomorrow"). A TODO says the opposite: the author knows it is unfinished.
    private static bool Explained(CatchClauseSyntax clause)
    {
        var trivia = clause.CatchKeyword.LeadingTrivia
            .Concat(clause.DescendantTrivia(descendIntoTrivia: false))
            .Concat(clause.Block.CloseBraceToken.LeadingTrivia);
        return trivia.Any(t =>
            (t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)) &&
            !t.ToString().Contains("TODO", StringComparison.OrdinalIgnoreCase) && !t.ToString().Contains("FIXME", StringComparison.OrdinalIgnoreCase));
    }

    // `try { file.Delete(); } catch { }`, or any catch inside Dispose: cleanup that may fail harmlessly.
    private static bool IsCleanup(TryStatementSyntax attempt, CatchClauseSyntax clause)
    {
        var method = clause.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault() as MethodDeclarationSyntax;
        if (method?.Identifier.ValueText is "Dispose" or "DisposeAsync" or "Finalize" or "StopAsync" || attempt.Parent is FinallyClauseSyntax || attempt.Ancestors().Any(a => a is FinallyClauseSyntax))
        {
            return true;
        }

        var statements = attempt.Block.Statements;
        return statements.Count > 0 && statements.All(s => s switch
        {
            ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } => call.MethodName() is { } n && CleanupCalls.Contains(n),
            ExpressionStatementSyntax { Expression: AwaitExpressionSyntax { Expression: InvocationExpressionSyntax call } } => call.MethodName() is { } n && CleanupCalls.Contains(n),
            ExpressionStatementSyntax { Expression: ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax call } } => call.MethodName() is { } n && CleanupCalls.Contains(n),
            _ => false,
        });
    }

    // `try { return JsonNode.Parse(text); } catch { return null; }`: the try decodes something and does no
    // other work that could fail for reasons worth hearing about; what it awaits only reads or decodes
    // (`ReadFormAsync`, `DeserializeAsync`). A try that awaits a query or a send is not a decoding.
    private static bool IsDecodingFallback(TryStatementSyntax attempt)
    {
        var decodes = false;
        foreach (var node in attempt.Block.Descendants(n => n is not AnonymousFunctionExpressionSyntax))
        {
            switch (node)
            {
                case InvocationExpressionSyntax call when call.MethodName() is { } name && IsDecoding(name):
                    decodes = true;
                    break;
                case AwaitExpressionSyntax awaited when awaited.Expression is not InvocationExpressionSyntax { } call || call.MethodName() is not { } name ||
                    !(IsDecoding(name) || name.StartsWith("Read", StringComparison.Ordinal) || name.StartsWith("CopyTo", StringComparison.Ordinal)):
                    return false;
            }
        }

        return decodes;
    }

    private static bool IsDecoding(string name) =>
        DecodingWords.Any(w => name.Contains(w, StringComparison.Ordinal)) && !FetchingPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    // `bool VerifyPassword(...) { try { ... } catch { return false; } }`: a check that cannot run answers no.
    private static bool IsPredicateAnsweringNo(CatchClauseSyntax clause, BlockSyntax block)
    {
        if (block.Statements is not [ReturnStatementSyntax { Expression: { } value }] || !value.IsBooleanLiteral(false))
        {
            return false;
        }

        var name = clause.Ancestors().Select(a => a switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            LocalFunctionStatementSyntax l => l.Identifier.ValueText,
            _ => null,
        }).FirstOrDefault(n => n is not null);
        return name is not null && PredicatePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal) && (name.Length == p.Length || char.IsUpper(name[p.Length])));
    }

    // With a logger at hand, log the exception first; the catch keeps its outcome, so the app behaves as before.
    private static IReadOnlyList<Fix> LogFix(CatchClauseSyntax clause, string? variable, CSharpContext context)
    {
        // A TODO comment in the block would be lost by rewriting it: leave that catch to its author.
        if (LoggerSyntax.LoggerInScope(clause) is not { } logger || clause.Block.DescendantTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)))
        {
            return [];
        }

        var name = variable ?? FreeName(clause);
        var member = Model.Scope.CodeScope.MemberOf(clause) is { } m ? Model.Scope.CodeScope.MethodName(m) : "The operation";
        var log = $"{logger}.LogError({name}, \"{member} failed\");";
        var indent = Indentation.Of(clause);
        var unit = Indentation.Unit(indent);
        var newLine = Indentation.NewLine(clause);
        string declaration = clause.Declaration switch
        {
            null => "catch (Exception " + name + ")",
            { Identifier.ValueText.Length: 0 } d => $"catch ({d.Type} {name})",
            var d => $"catch {d}",
        };

        var body = clause.Block.Statements.Count == 0
            ? $"{{{newLine}{indent}{unit}{log}{newLine}{indent}}}"
            : $"{{{newLine}{indent}{unit}{log}{newLine}{indent}{unit}{clause.Block.Statements[0]}{newLine}{indent}}}";
        return [context.Replace(clause.Span, declaration + newLine + indent + body)];
    }

    // `ex`, unless a catch around this one already uses it.
    private static string FreeName(SyntaxNode node)
    {
        var taken = node.Ancestors().OfType<CatchClauseSyntax>().Skip(1).Select(ExceptionSyntax.VariableOf).ToHashSet();
        return taken.Contains("ex") ? "exception" : "ex";
    }
}
