using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.CSharp;

/// <summary>Reads the indentation and line ending a file already uses, so fixes blend in.</summary>
internal static class Indentation
{
    public static string Of(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText();
        var line = text.Lines.GetLineFromPosition(node.SpanStart);
        var lineText = text.ToString(TextSpan.FromBounds(line.Start, node.SpanStart));
        return new string(lineText.TakeWhile(char.IsWhiteSpace).ToArray());
    }

    /// <summary>One indentation step: four spaces unless the file indents with tabs.</summary>
    public static string Unit(string existing) => existing.Contains('\t') ? "\t" : "    ";

    public static string NewLine(SyntaxNode node)
    {
        // The first line break decides; files rarely mix them.
        var first = node.SyntaxTree.GetText().Lines[0];
        return first.EndIncludingLineBreak - first.End == 2 ? "\r\n" : "\n";
    }
}
