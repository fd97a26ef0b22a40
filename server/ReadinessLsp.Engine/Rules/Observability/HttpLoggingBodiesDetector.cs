using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Scope;

namespace ReadinessLsp.Engine.Rules.Observability;

/// <summary>
/// RDY5103: ASP.NET Core's HTTP logging told to write request or response bodies
/// (<c>HttpLoggingFields.All</c>, <c>Request</c>, <c>RequestBody</c>, <c>Response</c>, <c>ResponseBody</c>)
/// or to keep the <c>Authorization</c> and <c>Cookie</c> headers it redacts by default: passwords,
/// card numbers and tokens end up in the logs. Silent when this file only switches HTTP logging on
/// under a development guard.
/// </summary>
internal sealed class HttpLoggingBodiesDetector : ICSharpDetector
{
    private static readonly Dictionary<string, string?> BodyFields = new(StringComparer.Ordinal)
    {
        ["All"] = "HttpLoggingFields.RequestPropertiesAndHeaders | HttpLoggingFields.ResponsePropertiesAndHeaders",
        ["Request"] = "HttpLoggingFields.RequestPropertiesAndHeaders",
        ["Response"] = "HttpLoggingFields.ResponsePropertiesAndHeaders",
        ["RequestBody"] = null,
        ["ResponseBody"] = null,
    };

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Proxy-Authorization" };

    public string RuleId => "RDY5103";

    public IReadOnlyCollection<SyntaxKind> NodeKinds { get; } = [SyntaxKind.SimpleMemberAccessExpression, SyntaxKind.InvocationExpression];

    public IReadOnlyCollection<string>? RequiredWords { get; } = ["HttpLoggingFields", "RequestHeaders", "ResponseHeaders"];

    public void Analyze(SyntaxNode node, CSharpContext context)
    {
        switch (node)
        {
            case MemberAccessExpressionSyntax { Expression: var type, Name.Identifier.ValueText: var field } access
                when BodyFields.TryGetValue(field, out var replacement) && CSharpFileModel.SimpleName(type as TypeSyntax) == "HttpLoggingFields":
                if (!OnlyUsedInDevelopment(access))
                {
                    var fixes = replacement is null ? [] : new[] { context.Replace(access.Span, replacement) };
                    var bodies = field switch { "All" => "request and response bodies", "Request" or "RequestBody" => "request bodies", _ => "response bodies" };
                    context.Report(access.Span, new Dictionary<string, string> { ["what"] = $"`HttpLoggingFields.{field}` writes {bodies}" }, fixes);
                }

                break;

            // `o.RequestHeaders.Add("Authorization")`: the header HTTP logging redacts by default is written out.
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add", Expression: var headers } } call
                when CSharpFileModel.SimpleName(headers is MemberAccessExpressionSyntax m ? m.Name : headers as TypeSyntax) is "RequestHeaders" or "ResponseHeaders" &&
                    call.ArgumentList.Arguments.Count == 1 && call.ArgumentList.Arguments[0].Expression.StringLiteralValue() is { } header && SecretHeaders.Contains(header):
                if (!OnlyUsedInDevelopment(call))
                {
                    context.Report(call.Span, new Dictionary<string, string> { ["what"] = $"the `{header}` header is written in full" });
                }

                break;
        }
    }

    // `if (app.Environment.IsDevelopment()) app.UseHttpLogging();` with no other UseHttpLogging in the file.
    private static bool OnlyUsedInDevelopment(SyntaxNode node)
    {
        var uses = node.SyntaxTree.GetRoot().Descendants().OfType<InvocationExpressionSyntax>().Where(c => c.MethodName() == "UseHttpLogging").ToList();
        return uses.Count > 0 && uses.All(EnvironmentGuard.IsDevelopmentOnly);
    }
}
