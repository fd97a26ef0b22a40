using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Rules.DatabaseScale;

/// <summary>
/// RDY3104: one DbContext for the whole app: <c>AddSingleton&lt;AppDbContext&gt;()</c>, with a factory or an
/// instance (<c>AddSingleton(new AppDbContext(options))</c>),
/// <c>AddDbContext&lt;T&gt;(..., ServiceLifetime.Singleton)</c>, or a singleton or hosted service whose
/// constructor takes a context (it keeps the first one it is given for ever). A context is not
/// thread-safe: two requests at once corrupt its state or throw, and it holds every entity it ever
/// loaded. Silent for singletons that take a context factory or a scope factory.
/// </summary>
internal sealed class SingletonContextDetector : ICSharpDetector, IDeferredResolver<SingletonContextDetector.Candidate>
{
    public string RuleId => "RDY3104";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["AddSingleton", "AddHostedService", "ServiceLifetime.Singleton"];

    public IReadOnlyCollection<string>? Anchors { get; } = EfSyntax.CallWords(["AddSingleton", "TryAddSingleton", "AddHostedService", "AddDbContext", "AddDbContextPool"]);

    public IReadOnlyCollection<Type> Reads { get; } = [typeof(EfModel)];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        var call = (InvocationExpressionSyntax)node;
        if (call.MethodName() is not { } name || call.Expression is not MemberAccessExpressionSyntax member)
        {
            return;
        }

        // AddSingleton<AppDbContext>(), AddSingleton<AppDbContext>(sp => ...), or the instance itself: AddSingleton(new AppDbContext(options)).
        var implementation = member.Name switch
        {
            GenericNameSyntax generic => CSharpFileModel.SimpleName(generic.TypeArgumentList.Arguments[^1]),
            _ when call.ArgumentList.Arguments is [{ Expression: ObjectCreationExpressionSyntax created }] => CSharpFileModel.SimpleName(created.Type),
            _ => null,
        };
        if (implementation is null)
        {
            return;
        }

        switch (name)
        {
            case "AddDbContext" when SingletonLifetime(call):
                context.Defer(this, call.Span, new Candidate(implementation, true), Placeholder);
                break;
            case "AddSingleton" or "TryAddSingleton" when call.ArgumentList.Arguments is [{ Expression: ObjectCreationExpressionSyntax or LambdaExpressionSyntax }]:
            case "AddSingleton" or "TryAddSingleton" or "AddHostedService" when call.ArgumentList.Arguments.Count == 0:
                context.Defer(this, call.Span, new Candidate(implementation, false), new Dictionary<string, string> { ["how"] = name });
                break;
        }
    }

    public Detection? Resolve(Detection candidate, Candidate data, WorkspaceModels models)
    {
        var ef = models.Get<EfModel>().For(candidate.Path);
        string? contextType;
        string how;
        if (ef.IsContext(data.Type))
        {
            contextType = data.Type;
            how = data.Registration ? "is registered with ServiceLifetime.Singleton" : $"is registered with {candidate.Arguments.GetValueOrDefault("how", "AddSingleton")}";
        }
        else if (!data.Registration && ef.ContextTakenBy(data.Type) is { } taken)
        {
            contextType = taken;
            how = $"is captured by {data.Type}, which lives for the whole app";
        }
        else
        {
            return null;
        }

        var related = ef.Declaration(data.Type) is { } declared && contextType != data.Type
            ? new[] { new RelatedLocation(declared.Path, declared.Span, $"{data.Type} takes {contextType} in its constructor") }
            : [];
        return candidate with
        {
            Arguments = new Dictionary<string, string> { ["context"] = contextType, ["how"] = how },
            Related = related,
        };
    }

    // AddDbContext<T>(o => ..., ServiceLifetime.Singleton) or contextLifetime: ServiceLifetime.Singleton.
    private static bool SingletonLifetime(InvocationExpressionSyntax call) =>
        call.ArgumentList.Arguments.Any(a => a.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Singleton", Expression: IdentifierNameSyntax { Identifier.ValueText: "ServiceLifetime" } } &&
            (a.NameColon is null || a.NameColon.Name.Identifier.ValueText == "contextLifetime"));

    private static readonly IReadOnlyDictionary<string, string> Placeholder = new Dictionary<string, string>();

    /// <summary>The registered type, and whether the registration itself says Singleton (AddDbContext).</summary>
    internal sealed record Candidate(string Type, bool Registration);
}
