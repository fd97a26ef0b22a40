using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Config.Json;

/// <summary>
/// Reads JSON the way .NET configuration accepts it (comments, trailing commas) and keeps the
/// exact character offset of every name and value. System.Text.Json only reports byte offsets, and
/// a finding has to land on the right character of the right line. Stops at the first error and
/// returns what it read so far with the error, never throws.
/// </summary>
internal sealed class TolerantJsonReader
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;

    private TolerantJsonReader(string text) => _text = text;

    public static (JsonNode? Root, JsonSyntaxError? Error) Read(string text)
    {
        var reader = new TolerantJsonReader(text);
        try
        {
            reader.SkipTrivia();
            if (reader._pos >= text.Length)
            {
                return (null, null);
            }

            var root = reader.ReadValue(0);
            reader.SkipTrivia();
            if (reader._pos < text.Length)
            {
                throw reader.Fail("unexpected text after the end of the JSON document", 1);
            }

            return (root, null);
        }
        catch (JsonReadException e)
        {
            return (e.Partial, e.Error);
        }
    }

    private JsonNode ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Fail("the JSON is nested too deeply", 1);
        }

        SkipTrivia();
        if (_pos >= _text.Length)
        {
            throw Fail("the file ends where a value was expected", 0);
        }

        var c = _text[_pos];
        return c switch
        {
            '{' => ReadObject(depth),
            '[' => ReadArray(depth),
            '"' => ReadString(),
            't' => ReadLiteral("true", JsonNodeKind.True),
            'f' => ReadLiteral("false", JsonNodeKind.False),
            'n' => ReadLiteral("null", JsonNodeKind.Null),
            '-' or (>= '0' and <= '9') => ReadNumber(),
            '\'' => throw Fail("strings must use double quotes (\"), not single quotes", 1),
            _ => throw Fail($"unexpected character '{c}' where a value was expected", 1),
        };
    }

    private JsonNode ReadObject(int depth)
    {
        var node = new JsonNode(JsonNodeKind.Object, new TextSpan(_pos, 0));
        var start = _pos++;
        try
        {
            while (true)
            {
                SkipTrivia();
                if (_pos >= _text.Length)
                {
                    throw Fail("the file ends inside an object: a '}' is missing", 0, new TextSpan(start, 1));
                }

                if (_text[_pos] == '}')
                {
                    _pos++;
                    node.Span = TextSpan.FromBounds(start, _pos);
                    return node;
                }

                if (_text[_pos] != '"')
                {
                    throw Fail(_text[_pos] == '\'' ? "property names must use double quotes" : $"expected a property name in double quotes, found '{_text[_pos]}'", 1);
                }

                var name = ReadString();
                SkipTrivia();
                if (_pos >= _text.Length || _text[_pos] != ':')
                {
                    throw Fail($"expected ':' after the property name \"{name.Text}\"", _pos < _text.Length ? 1 : 0);
                }

                _pos++;
                var value = ReadValue(depth + 1);
                node.Properties.Add(new JsonProperty(name.Text, name.Span, value));
                SkipTrivia();
                if (_pos < _text.Length && _text[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                if (_pos < _text.Length && _text[_pos] != '}')
                {
                    throw Fail("a ',' is missing between two properties", 1);
                }
            }
        }
        catch (JsonReadException e)
        {
            // The outermost object catches last, so the partial result is the root.
            e.Partial = node;
            throw;
        }
    }

    private JsonNode ReadArray(int depth)
    {
        var node = new JsonNode(JsonNodeKind.Array, new TextSpan(_pos, 0));
        var start = _pos++;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                throw Fail("the file ends inside an array: a ']' is missing", 0, new TextSpan(start, 1));
            }

            if (_text[_pos] == ']')
            {
                _pos++;
                node.Span = TextSpan.FromBounds(start, _pos);
                return node;
            }

            node.Items.Add(ReadValue(depth + 1));
            SkipTrivia();
            if (_pos < _text.Length && _text[_pos] == ',')
            {
                _pos++;
                continue;
            }

            if (_pos < _text.Length && _text[_pos] != ']')
            {
                throw Fail("a ',' is missing between two array items", 1);
            }
        }
    }

    private JsonNode ReadString()
    {
        var start = _pos++;
        var sb = new StringBuilder();
        List<int>? offsets = null;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] is '\n' or '\r')
            {
                throw Fail("a string is not closed: the closing '\"' is missing", 0, TextSpan.FromBounds(start, _pos));
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c != '\\')
            {
                offsets?.Add(_pos);
                sb.Append(c);
                _pos++;
                continue;
            }

            if (offsets is null)
            {
                // First escape: from here on decoded and source offsets differ, so record them all.
                offsets = new List<int>(sb.Length + 16);
                for (var i = 0; i < sb.Length; i++)
                {
                    offsets.Add(start + 1 + i);
                }
            }

            offsets.Add(_pos);
            if (_pos + 1 >= _text.Length)
            {
                throw Fail("a string is not closed: the closing '\"' is missing", 0, TextSpan.FromBounds(start, _pos));
            }

            var e = _text[_pos + 1];
            switch (e)
            {
                case '"' or '\\' or '/':
                    sb.Append(e);
                    _pos += 2;
                    break;
                case 'b':
                    sb.Append('\b');
                    _pos += 2;
                    break;
                case 'f':
                    sb.Append('\f');
                    _pos += 2;
                    break;
                case 'n':
                    sb.Append('\n');
                    _pos += 2;
                    break;
                case 'r':
                    sb.Append('\r');
                    _pos += 2;
                    break;
                case 't':
                    sb.Append('\t');
                    _pos += 2;
                    break;
                case 'u' when _pos + 6 <= _text.Length && int.TryParse(_text.AsSpan(_pos + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    _pos += 6;
                    break;
                default:
                    throw Fail($"'\\{e}' is not a valid escape in a JSON string (write '\\\\' for a backslash)", 2);
            }
        }

        var node = new JsonNode(JsonNodeKind.String, TextSpan.FromBounds(start, _pos)) { Text = sb.ToString() };
        if (offsets is not null)
        {
            offsets.Add(_pos - 1);
            node.SetSourceOffsets([.. offsets]);
        }

        return node;
    }

    private JsonNode ReadLiteral(string literal, JsonNodeKind kind)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw Fail("unexpected word where a value was expected (strings need double quotes)", WordLength());
        }

        var node = new JsonNode(kind, new TextSpan(_pos, literal.Length)) { Text = literal };
        _pos += literal.Length;
        return node;
    }

    private JsonNode ReadNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' or '+' or '-'))
        {
            _pos++;
        }

        var text = _text[start.._pos];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            _pos = start;
            throw Fail($"'{text}' is not a valid number", text.Length);
        }

        return new JsonNode(JsonNodeKind.Number, TextSpan.FromBounds(start, _pos)) { Text = text };
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Fail("a '/*' comment is never closed", 2);
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private int WordLength()
    {
        var end = _pos;
        while (end < _text.Length && char.IsLetterOrDigit(_text[end]))
        {
            end++;
        }

        return Math.Max(1, end - _pos);
    }

    private JsonReadException Fail(string message, int length, TextSpan? span = null)
    {
        var at = Math.Min(_pos, _text.Length);
        return new JsonReadException(new JsonSyntaxError(span ?? new TextSpan(at, Math.Min(length, _text.Length - at)), message));
    }

    private sealed class JsonReadException(JsonSyntaxError error) : Exception(error.Message)
    {
        public JsonSyntaxError Error { get; } = error;

        public JsonNode? Partial { get; set; }
    }
}
