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

    // Trees of texts a fix reads, for as long as the text lives: a report's fixes of hundreds of
    // findings edit the same DbContext or Program.cs (the text source hands out one text per file).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.CodeAnalysis.Text.SourceText, SyntaxTree> FixTrees = new();

    /// <summary>The tree of a file's current text as a fix reads it: parsed once per text instance.</summary>
    public static SyntaxTree ParseForFix(Microsoft.CodeAnalysis.Text.SourceText text, string path)
    {
        var tree = FixTrees.GetValue(text, t => CSharpSyntaxTree.ParseText(t, Options, path));
        return tree.FilePath == path ? tree : CSharpSyntaxTree.ParseText(text, Options, path);
    }

    /// <summary>The document's tree, parsed on first use and shared by every reader of the document.</summary>
    public static SyntaxTree TreeOf(SourceDocument document) => document.GetParsed(Parse);
}
