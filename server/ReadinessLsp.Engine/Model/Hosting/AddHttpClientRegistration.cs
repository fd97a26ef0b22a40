using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.CSharp;
using ReadinessLsp.Engine.Findings;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Model.Hosting;

/// <summary>
/// Registers <c>IHttpClientFactory</c> (<c>builder.Services.AddHttpClient();</c>) in the app that
/// <see cref="FromPath"/> belongs to, unless it already calls <c>AddHttpClient</c> somewhere. The
/// line goes right before <c>var app = builder.Build();</c>; without top-level hosting code there
/// is no safe place, and the fix is not offered.
/// </summary>
internal sealed record AddHttpClientRegistration(string FromPath) : IFixIntent
{
    public IReadOnlyList<FileEdit>? Edits(FixContext context)
    {
        var setup = context.Models.Get<AppSetupIndex>();
        if (setup.Has(AppFeature.HttpClientFactory, FromPath))
        {
            return [];
        }

        foreach (var path in setup.FilesWith(AppFeature.HostBuilder, FromPath))
        {
            if (context.Texts.Read(path) is not { } text)
            {
                continue;
            }

            var document = new SourceDocument(path, text);
            var tree = CSharpParsing.ParseForFix(text, path);
            if (TopLevelHost.In(tree.GetRoot(), CSharpFileModel.Of(document, tree)) is { } host)
            {
                var newLine = Indentation.NewLine(host.BuildStatement);
                return [FileEdit.Insert(path, text.Lines.GetLinePosition(host.BuildStatement.SpanStart), $"{host.Builder}.Services.AddHttpClient();{newLine}{newLine}")];
            }
        }

        return null;
    }
}
