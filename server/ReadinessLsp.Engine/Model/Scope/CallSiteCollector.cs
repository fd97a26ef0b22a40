using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Scope;

/// <summary>
/// Records which methods a file calls under a development guard and which it calls elsewhere, for
/// <see cref="DevelopmentOnlyMethods"/>. Files with an environment guard are parsed for it; other
/// files are read only when a rule parses them anyway, so a call from a file no rule looks at is
/// not seen: the method may then count as development-only when it is not, which only happens for
/// methods some guard calls.
/// </summary>
internal sealed class CallSiteCollector : ICSharpFactCollector
{
    private static readonly string[] Guards = ["IsDevelopment", "IsEnvironment", "EnvironmentName", "IsProduction", "IsStaging", "isDev"];
    private static readonly SearchValues<string> GuardWords = SearchValues.Create(Guards, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords => Guards;

    public bool ReadsEveryParsedFile => true;

    public void Collect(SyntaxNode node, CSharpContext context)
    {
        if (((InvocationExpressionSyntax)node).MethodName() is not { } name)
        {
            return;
        }

        var calls = context.Local<Calls>(this);
        calls.MayHaveGuards ??= context.Document.ContainsAny(GuardWords);
        if (calls.MayHaveGuards == true && EnvironmentGuard.IsDevelopmentOnly(node))
        {
            calls.Guarded.Add(name);
        }
        else
        {
            calls.Elsewhere.Add(name);
        }
    }

    public void Complete(CSharpContext context)
    {
        var calls = context.Local<Calls>(this);
        if (!context.BodiesWalked)
        {
            // A file parsed for anchored rules only, or walked through its declarations, without a guard word: every call is elsewhere.
            ReadUnwalked(context, (_, name) => calls.Elsewhere.Add(name), node => Collect(node, context));
        }

        if (calls.Guarded.Count + calls.Elsewhere.Count > 0)
        {
            context.Facts.Add(new CallSites(calls.Guarded.Order(StringComparer.Ordinal).ToEquatableArray(), calls.Elsewhere.Order(StringComparer.Ordinal).ToEquatableArray()));
        }
    }

    /// <summary>
    /// The calls of a file that was parsed but not walked: from its text when the scan loaded it,
    /// from its tree when it is an editor's buffer (its text is not one string, and it is one file).
    /// </summary>
    public static void ReadUnwalked(CSharpContext context, Action<string?, string> fromText, Action<SyntaxNode> fromTree)
    {
        if (context.Document.Content is { } content)
        {
            // Two collectors read the same calls: the text is scanned once per file and the calls replayed.
            var calls = context.Local<TextCalls>(TextCalls.Key);
            if (calls.List is null)
            {
                calls.List = [];
                CallNamesInText.Scan(content, (type, name) => calls.List.Add((type, name)));
            }

            foreach (var (type, name) in calls.List)
            {
                fromText(type, name);
            }

            return;
        }

        foreach (var call in context.Tree.GetRoot(context.CancellationToken).Descendants().OfType<InvocationExpressionSyntax>())
        {
            fromTree(call);
        }
    }

    private sealed class TextCalls
    {
        public static readonly object Key = new();

        public List<(string? Type, string Name)>? List { get; set; }
    }

    private sealed class Calls
    {

        public bool? MayHaveGuards { get; set; }

        public HashSet<string> Guarded { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Elsewhere { get; } = new(StringComparer.Ordinal);
    }
}
