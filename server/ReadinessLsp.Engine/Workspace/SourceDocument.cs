using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>
/// One file's text as the engine sees it: from disk, or the editor's unsaved text for an open
/// document (then <see cref="Version"/> is the editor's version). Immutable apart from a cache of
/// parsed forms, so the same document can be read by several threads.
/// </summary>
internal sealed class SourceDocument
{
    private readonly ConcurrentDictionary<Type, object> _parsed = new();

    public SourceDocument(string path, SourceText text, int? version = null, FileKind? kind = null)
    {
        Path = PathNormalizer.Normalize(path);
        Text = text;
        Version = version;
        Kind = kind ?? FileClassifier.Classify(path);
    }

    public string Path { get; }

    public SourceText Text { get; }

    public int? Version { get; }

    public FileKind Kind { get; }

    /// <summary>The text as one string, when the document was made from one (read from disk); null for editor text.</summary>
    public string? Content { get; private init; }

    public static SourceDocument FromText(string path, string text, int? version = null) =>
        new(path, SourceText.From(text), version) { Content = text };

    /// <summary>
    /// Whether the text contains any of <paramref name="words"/>: one vectorised search of the
    /// string read from disk, or a line-by-line search of editor text, which is never copied whole.
    /// </summary>
    public bool ContainsAny(SearchValues<string> words) =>
        Content is not null ? Content.AsSpan().IndexOfAny(words) >= 0 : CSharp.TextSearch.ContainsAny(Text, words);

    /// <summary>Where any of <paramref name="words"/> starts in the text, in order.</summary>
    public List<int> PositionsOf(SearchValues<string> words) =>
        Content is not null ? CSharp.TextSearch.PositionsOf(Content, words) : CSharp.TextSearch.PositionsOf(Text, words);

    /// <summary>
    /// A parsed form of this document (JSON tree, env entries, syntax tree), built once per
    /// document by whichever parser first asks, so every detector shares one parse.
    /// </summary>
    public T GetParsed<T>(Func<SourceDocument, T> parse)
        where T : class =>
        (T)_parsed.GetOrAdd(typeof(T), static (_, arg) => arg.parse(arg.doc), (parse, doc: this));

    /// <summary>Seeds the cache with a form parsed elsewhere (an incrementally reparsed syntax tree).</summary>
    public void SetParsed<T>(T value)
        where T : class => _parsed[typeof(T)] = value;
}
