using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Config.Fixes;

/// <summary>Where a text ends, for fixes that append a line.</summary>
internal static class TextEnd
{
    public static LinePosition Of(SourceText text) => text.Lines.GetLinePosition(text.Length);

    public static bool EndsWithNewline(SourceText text) => text.Length == 0 || text[text.Length - 1] == '\n';
}
