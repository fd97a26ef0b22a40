using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Config.Json;

internal enum JsonNodeKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One JSON value with its exact place in the document (UTF-16 offsets, as the editor counts), so a
/// finding can land on the value itself and a fix can replace part of a string.
/// </summary>
internal sealed class JsonNode(JsonNodeKind kind, TextSpan span)
{
    private int[]? _sourceOffsets;

    public JsonNodeKind Kind { get; } = kind;

    /// <summary>The whole value in the source, quotes included for strings.</summary>
    public TextSpan Span { get; internal set; } = span;

    /// <summary>Decoded text of a string; the literal text of a number, true, false or null.</summary>
    public string Text { get; internal set; } = string.Empty;

    public List<JsonProperty> Properties { get; } = [];

    public List<JsonNode> Items { get; } = [];

    public bool IsScalar => Kind is not (JsonNodeKind.Object or JsonNodeKind.Array);

    /// <summary>The value as .NET configuration stores it (null becomes empty, booleans as written).</summary>
    public string ConfigValue => Kind == JsonNodeKind.Null ? string.Empty : Text;

    /// <summary>The span of the string's content, inside the quotes.</summary>
    public TextSpan ContentSpan => Kind == JsonNodeKind.String ? TextSpan.FromBounds(Span.Start + 1, Math.Max(Span.Start + 1, Span.End - 1)) : Span;

    /// <summary>
    /// The source span of decoded characters [start, end) of a string. Escapes (<c>\\</c>, <c>\u00e9</c>)
    /// make decoded and source offsets differ, which matters for fixes inside connection strings.
    /// </summary>
    public TextSpan SourceSpanOf(int start, int length)
    {
        if (_sourceOffsets is null)
        {
            return new TextSpan(ContentSpan.Start + start, length);
        }

        var from = _sourceOffsets[start];
        var to = _sourceOffsets[start + length];
        return TextSpan.FromBounds(from, to);
    }

    /// <summary>Set by the reader when the string had escapes: source offset of each decoded char, plus the end.</summary>
    internal void SetSourceOffsets(int[] offsets) => _sourceOffsets = offsets;
}

/// <summary>A member of a JSON object: its name (decoded) and where the name is, quotes included.</summary>
internal sealed record JsonProperty(string Name, TextSpan NameSpan, JsonNode Value);

/// <summary>Why a JSON text could not be read, and where.</summary>
internal sealed record JsonSyntaxError(TextSpan Span, string Message);
