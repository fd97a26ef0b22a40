using System.Text;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Tests.Engine;

/// <summary>A workspace file reads as <c>File.ReadAllText</c> reads it, whatever its byte order mark, and a file over the limit is refused.</summary>
public sealed class WorkspaceFileTextTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-filetext-").FullName;

    public static TheoryData<string, byte[]> Files()
    {
        const string text = "var ümlaut = \"日本\"; // 🙂\r\nclass C { }\n";
        return new TheoryData<string, byte[]>
        {
            { "UTF-8", Encoding.UTF8.GetBytes(text) },
            { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] },
            { "UTF-16 LE", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] },
            { "UTF-16 BE", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)] },
            { "UTF-32 LE", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)] },
            { "UTF-32 BE", [.. new UTF32Encoding(true, true).GetPreamble(), .. new UTF32Encoding(true, true).GetBytes(text)] },
            { "invalid UTF-8", [0x61, 0xC3, 0x28, 0xFF, 0x62, 0xE2, 0x82] },
            { "a lone FF FE", [0xFF, 0xFE] },
            { "an odd UTF-16 tail", [0xFF, 0xFE, 0x61, 0x00, 0x62] },
            { "only a UTF-8 BOM", [0xEF, 0xBB, 0xBF] },
            { "one byte", [0x7B] },
        };
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Reads_as_File_ReadAllText(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name + ".cs");
        File.WriteAllBytes(path, bytes);

        Assert.Equal(File.ReadAllText(path), WorkspaceFileText.Read(path, 1024));
    }

    [Fact]
    public void A_file_at_the_limit_is_read_and_one_byte_over_is_refused()
    {
        var at = Path.Combine(_folder, "at.cs");
        var over = Path.Combine(_folder, "over.cs");
        File.WriteAllText(at, new string('a', 4096));
        File.WriteAllText(over, new string('a', 4097));

        Assert.Equal(4096, WorkspaceFileText.Read(at, 4096)!.Length);
        Assert.Null(WorkspaceFileText.Read(over, 4096));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
