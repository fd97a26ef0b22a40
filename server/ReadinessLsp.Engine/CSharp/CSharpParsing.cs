using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>
/// The one way C# is parsed, shared by the engine and the benchmark's parse floor so the two
/// measure the same work. Documentation comments are not parsed: no rule reads them.
/// </summary>
internal static class CSharpParsing
{
    public static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    public static SyntaxTree Parse(SourceDocument document) =>
        CSharpSyntaxTree.ParseText(document.Text, Options, document.Path);

    /// <summary>The document's tree, parsed on first use and shared by every reader of the document.</summary>
    public static SyntaxTree TreeOf(SourceDocument document) => document.GetParsed(Parse);
}
