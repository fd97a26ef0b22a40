using Microsoft.CodeAnalysis.Text;

namespace ReadinessLsp.Engine.Workspace;

/// <summary>A file's current text: the editor's unsaved text when it is open, the disk otherwise.</summary>
internal interface ITextSource
{
    /// <summary>The text, or null when the file does not exist or cannot be read.</summary>
    SourceText? Read(string path);
}

/// <summary>Texts from disk only, for the check command and tests.</summary>
internal sealed class DiskTextSource : ITextSource
{
    public static readonly DiskTextSource Instance = new();

    public SourceText? Read(string path)
    {
        try
        {
            return File.Exists(path) ? SourceText.From(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// Another source's texts, each file read once and then kept: a report materialises the fixes of
/// hundreds of findings whose edits all go into the same DbContext, Program.cs or appsettings.json,
/// and the files do not change while one report is written.
/// </summary>
internal sealed class ReadOnceTextSource(ITextSource source) : ITextSource
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SourceText?> _texts = new(StringComparer.Ordinal);

    public SourceText? Read(string path) => _texts.GetOrAdd(path, source.Read);
}
