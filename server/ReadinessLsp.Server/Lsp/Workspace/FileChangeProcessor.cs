using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Settings;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Server.Lsp.Conversion;
using ReadinessLsp.Server.Protocol;
using Serilog;

namespace ReadinessLsp.Server.Lsp.Workspace;

/// <summary>
/// Turns file-system events into re-analysis: a changed or created file is read and analysed, a
/// deleted file (or folder) loses its diagnostics, a changed <c>.gitignore</c> or settings file
/// rescans its folder because the set of files or the excludes may differ. Open documents are
/// left alone: the editor's text wins over the disk.
/// </summary>
internal sealed class FileChangeProcessor(
    ReadinessEngine engine,
    DocumentStore documents,
    SettingsStore settings,
    WorkspaceFolders roots,
    ServerWorkspace workspace,
    BackgroundScan scan,
    ServerOptions options,
    ILogger log)
{
    public async Task ApplyAsync(IReadOnlyList<(string Path, FileChangeType Type)> events)
    {
        var updates = new List<FileAnalysis>();
        var removed = new List<string>();
        var rescan = new HashSet<string>(PathNormalizer.Comparer);
        var resolveAll = false;
        var reader = new DiskFileReader(engine, options.MaxFileBytes, log);
        foreach (var (path, _) in events)
        {
            var root = roots.RootOf(path);
            if (root is null)
            {
                continue;
            }

            var name = Path.GetFileName(path);
            if (name.Equals(SettingsReader.FileName, StringComparison.OrdinalIgnoreCase) && PathNormalizer.Comparer.Equals(Path.GetDirectoryName(path), root))
            {
                var excludeBefore = SettingsStore.ExcludeSignature(settings.For(root));
                resolveAll |= settings.ReloadWorkspaceFile(root);
                if (excludeBefore != SettingsStore.ExcludeSignature(settings.For(root)))
                {
                    rescan.Add(root);
                }
            }

            if (name.Equals(".gitignore", StringComparison.Ordinal))
            {
                rescan.Add(root);
            }

            if (documents.IsOpen(path))
            {
                continue;
            }

            var read = reader.Read(root, settings.For(root).Exclude, path, workspace.Current.Files.Keys);
            removed.AddRange(read.Removed);
            if (read.Analysis is not null)
            {
                updates.Add(read.Analysis);
            }
        }

        await workspace.CommitAsync(updates, removed);
        if (resolveAll)
        {
            await workspace.ReconfigureAsync();
        }

        if (rescan.Count > 0)
        {
            _ = scan.Start([.. rescan]);
        }
    }

    public static (string Path, FileChangeType Type)? FromEvent(FileEvent change) =>
        DocumentUri.ToPath(change.Uri) is { } path ? (path, change.Type) : null;
}
