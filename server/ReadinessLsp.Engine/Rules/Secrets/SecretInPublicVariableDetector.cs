using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Config.Env;
using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Rules.Secrets;

/// <summary>
/// RDY1121: a server secret under a public client prefix (<c>VITE_</c>, <c>NEXT_PUBLIC_</c>,
/// <c>EXPO_PUBLIC_</c>, <c>REACT_APP_</c>, ...). The front end's build copies such variables into the
/// JavaScript every visitor downloads, so the secret is public the moment the site is deployed,
/// whether or not the file is committed. Reported in the front end's own folder too: that is where
/// these files live. Browser keys and other values meant for browsers stay silent.
/// </summary>
internal sealed class SecretInPublicVariableDetector : IDocumentDetector
{
    public string RuleId => "RDY1121";

    public IReadOnlyCollection<FileKind> FileKinds { get; } = [FileKind.EnvFile];

    // The front end's folder is not part of the .NET app, but its bundle is what leaks.
    public CodeScopes Scopes => CodeScopes.Production | CodeScopes.NotShipped;

    public void Analyze(DocumentContext context)
    {
        foreach (var entry in context.Document.GetParsed(EnvFile.Parse).Entries)
        {
            if (entry.References.Count > 0 || SecretClassifier.ClassifyPublic(entry.Name, entry.Value) is not { } verdict)
            {
                continue;
            }

            var at = entry.Value.IndexOf(verdict.Secret, StringComparison.Ordinal);
            var span = at >= 0 && entry.Value.Length == entry.ValueSpan.Length ? new TextSpan(entry.ValueSpan.Start + at, verdict.Secret.Length) : entry.ValueSpan;
            context.Report(span, new Dictionary<string, string>
            {
                ["name"] = entry.Name,
                ["prefix"] = SecretClassifier.PublicClientPrefix(entry.Name)!,
                ["kind"] = verdict.Kind,
                ["masked"] = verdict.Masked,
                ["file"] = System.IO.Path.GetFileName(context.Path),
            });
        }
    }
}
