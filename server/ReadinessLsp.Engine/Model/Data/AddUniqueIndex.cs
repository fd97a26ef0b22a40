using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Data;

/// <summary>
/// The fix that makes the database enforce uniqueness: a unique index on
/// <see cref="Properties"/> of <see cref="Entity"/>, written where the app configures the entity
/// (<see cref="EfView.WhereToConfigure"/>): the end of its configuration class's <c>Configure</c>,
/// the end of the context's <c>OnModelCreating</c>, or a new <c>OnModelCreating</c> override.
/// Computed from the file's current text when asked; nothing when the place is unclear (an
/// expression-bodied method, a body on one line, a file that no longer declares the type).
/// </summary>
internal sealed record AddUniqueIndex(string CodePath, string Entity, EquatableArray<string> Properties) : IFixIntent
{
    public string? Title => $"Add a unique index on {Entity}.{string.Join(" + ", Properties)}";

    public IReadOnlyList<FileEdit>? Edits(FixContext context)
    {
        var place = context.Models.Get<EfModel>().For(CodePath).WhereToConfigure(Entity);
        if (place is null || Properties.Count == 0 || context.Texts.Read(place.Path) is not { } text)
        {
            return null;
        }

        var root = CSharpParsing.ParseForFix(text, place.Path).GetRoot();
        var type = root.Descendants().OfType<TypeDeclarationSyntax>().FirstOrDefault(t => t.Identifier.ValueText == place.Type);
        if (type is null)
        {
            return null;
        }

        var row = char.ToLowerInvariant(Entity[0]).ToString();
        var selector = Properties.Count == 1
            ? $"{row} => {row}.{Properties[0]}"
            : $"{row} => new {{ {string.Join(", ", Properties.Select(p => $"{row}.{p}"))} }}";
        if (place.Kind == ConfigurationPlaceKind.ConfigurationClass)
        {
            var configure = Method(type, "Configure");
            return configure?.ParameterList.Parameters is [var builder] && configure.Body is { } body
                ? AppendStatement(place.Path, text, body, $"{builder.Identifier.ValueText}.HasIndex({selector}).IsUnique();")
                : null;
        }

        var onModelCreating = Method(type, "OnModelCreating");
        if (onModelCreating is not null)
        {
            return onModelCreating.ParameterList.Parameters is [var modelBuilder] && onModelCreating.Body is { } body
                ? AppendStatement(place.Path, text, body, $"{modelBuilder.Identifier.ValueText}.Entity<{Entity}>().HasIndex({selector}).IsUnique();")
                : null;
        }

        return AddOnModelCreating(place.Path, text, type, $"modelBuilder.Entity<{Entity}>().HasIndex({selector}).IsUnique();");
    }

    private static MethodDeclarationSyntax? Method(TypeDeclarationSyntax type, string name) =>
        type.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == name);

    // The statement goes on its own line before the closing brace, indented like the body's statements.
    private static IReadOnlyList<FileEdit>? AppendStatement(string path, SourceText text, BlockSyntax body, string statement)
    {
        var close = text.Lines.GetLinePosition(body.CloseBraceToken.SpanStart);
        var open = text.Lines.GetLinePosition(body.OpenBraceToken.SpanStart);
        if (close.Line == open.Line || !IsBlank(text, close.Line, close.Character))
        {
            return null;
        }

        var braceIndent = text.Lines[close.Line].ToString()[..close.Character];
        var indent = body.Statements.LastOrDefault() is { } last ? Indentation.Of(last) : braceIndent + Indentation.Unit(braceIndent);
        var newLine = Indentation.NewLine(body);
        return [FileEdit.Insert(path, new LinePosition(close.Line, 0), indent + statement + newLine)];
    }

    // A context without OnModelCreating: add the override as its last member. The base call keeps
    // an Identity context's own model (its keys and indexes).
    private static IReadOnlyList<FileEdit>? AddOnModelCreating(string path, SourceText text, TypeDeclarationSyntax type, string statement)
    {
        if (type.CloseBraceToken.IsMissing || type.OpenBraceToken.IsMissing)
        {
            return null;
        }

        var close = text.Lines.GetLinePosition(type.CloseBraceToken.SpanStart);
        if (close.Line == text.Lines.GetLinePosition(type.OpenBraceToken.SpanStart).Line || !IsBlank(text, close.Line, close.Character))
        {
            return null;
        }

        var braceIndent = text.Lines[close.Line].ToString()[..close.Character];
        var unit = Indentation.Unit(braceIndent.Length > 0 ? braceIndent : type.Members.FirstOrDefault() is { } m ? Indentation.Of(m) : "    ");
        var member = braceIndent + unit;
        var inner = member + unit;
        var nl = Indentation.NewLine(type);
        var method =
            (type.Members.Count > 0 ? nl : string.Empty) +
            $"{member}protected override void OnModelCreating(ModelBuilder modelBuilder){nl}" +
            $"{member}{{{nl}" +
            $"{inner}base.OnModelCreating(modelBuilder);{nl}" +
            $"{inner}{statement}{nl}" +
            $"{member}}}{nl}";
        return [FileEdit.Insert(path, new LinePosition(close.Line, 0), method)];
    }

    // Only whitespace before the brace on its line: the brace sits on a line of its own.
    private static bool IsBlank(SourceText text, int line, int character) =>
        text.Lines[line].ToString()[..character].All(char.IsWhiteSpace);
}
