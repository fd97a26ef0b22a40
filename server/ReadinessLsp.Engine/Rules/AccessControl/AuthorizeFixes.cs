using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>How a fix asks for a signed-in caller or a role at a place the detector found.</summary>
internal enum AuthorizeFixKind
{
    /// <summary>An attribute line above the declaration that starts at <see cref="AuthorizePlace.At"/>.</summary>
    AttributeLine,

    /// <summary><c>.RequireAuthorization()</c> inserted at <see cref="AuthorizePlace.At"/>, the end of a <c>Map*</c> call.</summary>
    RequireAuthorization,

    /// <summary>The attribute between <see cref="AuthorizePlace.At"/> and <see cref="AuthorizePlace.End"/> replaced (a bare <c>Authorize</c>).</summary>
    ReplaceAttribute,
}

/// <summary>Where an authorization fix goes, found while the file was walked; the edit itself is made only when a fix is asked for.</summary>
internal sealed record AuthorizePlace(AuthorizeFixKind Kind, LinePosition At, LinePosition End)
{
    /// <summary>Above a method or class: before its first attribute or modifier.</summary>
    public static AuthorizePlace Above(MemberDeclarationSyntax declaration, AnalysisContext context) =>
        new(AuthorizeFixKind.AttributeLine, context.RangeOf(new TextSpan(declaration.SpanStart, 0)).Start, default);

    /// <summary>Right after a <c>Map*</c> call, before any other convention.</summary>
    public static AuthorizePlace After(InvocationExpressionSyntax map, AnalysisContext context) =>
        new(AuthorizeFixKind.RequireAuthorization, context.RangeOf(new TextSpan(map.Span.End, 0)).Start, default);

    /// <summary>In place of an attribute (<c>Authorize</c>, inside its brackets).</summary>
    public static AuthorizePlace Instead(AttributeSyntax attribute, AnalysisContext context)
    {
        var range = context.RangeOf(attribute.Span);
        return new(AuthorizeFixKind.ReplaceAttribute, range.Start, range.End);
    }

    /// <summary>The fix: <paramref name="attribute"/> (<c>Authorize</c>, <c>Authorize(Roles = "Admin")</c>) at this place.</summary>
    public Fix Fix(string path, string attribute, string title) => Kind switch
    {
        AuthorizeFixKind.RequireAuthorization => new Fix(title, [FileEdit.Insert(path, At, attribute == "Authorize" ? ".RequireAuthorization()" : $".RequireAuthorization({attribute})")]),
        AuthorizeFixKind.ReplaceAttribute => new Fix(title, [new FileEdit(path, new LinePositionSpan(At, End), attribute)]),
        _ => Findings.Fix.Late(title, new AddAttributeLine(path, At, $"[{attribute}]")),
    };
}

/// <summary>
/// Adds an attribute on its own line above a declaration, indented like it, with
/// <c>using Microsoft.AspNetCore.Authorization;</c> when the file lacks it. Made from the file's
/// current text when asked; null when the line no longer starts a declaration there.
/// </summary>
internal sealed record AddAttributeLine(string Path, LinePosition At, string Attribute) : IFixIntent
{
    private const string Namespace = "Microsoft.AspNetCore.Authorization";

    public IReadOnlyList<FileEdit>? Edits(FixContext context)
    {
        var text = context.Texts.Read(Path);
        if (text is null || At.Line >= text.Lines.Count)
        {
            return null;
        }

        var line = text.Lines[At.Line];
        var lineText = line.ToString();
        var indent = lineText[..(lineText.Length - lineText.TrimStart().Length)];
        if (indent.Length != At.Character || lineText.Trim().Length == 0)
        {
            return null; // The declaration moved since the file was analysed.
        }

        var newLine = text.Lines.Count > 1 && text.Lines[0].EndIncludingLineBreak - text.Lines[0].End == 2 ? "\r\n" : "\n";
        var edits = new List<FileEdit>();
        if (!Imports(text))
        {
            var lastUsing = text.Lines.TakeWhile(l => !IsCode(l.ToString())).LastOrDefault(l => l.ToString().StartsWith("using ", StringComparison.Ordinal));
            edits.Add(lastUsing.Span.Length > 0
                ? FileEdit.Insert(Path, text.Lines.GetLinePosition(lastUsing.End), $"{newLine}using {Namespace};")
                : FileEdit.Insert(Path, new LinePosition(0, 0), $"using {Namespace};{newLine}{newLine}"));
        }

        edits.Add(FileEdit.Insert(Path, At, $"{Attribute}{newLine}{indent}"));
        return edits;
    }

    private static bool Imports(SourceText text) =>
        text.Lines.Any(l => l.ToString().Trim() is var t && (t == $"using {Namespace};" || t == $"global using {Namespace};"));

    // The first line that is neither blank, a comment nor a using: where usings end.
    private static bool IsCode(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith("using ", StringComparison.Ordinal) &&
            !trimmed.StartsWith("#", StringComparison.Ordinal);
    }
}
