using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessLsp.Engine.Model.Scope;
using ReadinessLsp.Engine.Workspace;

namespace ReadinessLsp.Engine.Analysis;

/// <summary>
/// The code half of a rule: finds its places and reports them. Everything a user reads about the
/// rule lives in its YAML file under <c>rules/</c>, found by id. Detectors are discovered by
/// reflection and hold no state (one instance serves every file on every thread), so adding a rule
/// touches its YAML, its detector and its fixtures.
/// </summary>
internal interface IDetector
{
    /// <summary>The rule reported by <see cref="AnalysisContext.Report"/>.</summary>
    string RuleId { get; }

    /// <summary>
    /// Every rule this detector reports. One detection may serve several rules (token checks for
    /// forged tokens and for foreign issuers): the detector finds the place once and reports the
    /// rule that fits with <see cref="AnalysisContext.ReportAs"/>.
    /// </summary>
    IReadOnlyCollection<string> RuleIds => [RuleId];

    /// <summary>Where this detector's findings count; production code only unless a rule opts in.</summary>
    CodeScopes Scopes => CodeScopes.Production;
}

/// <summary>
/// A C# rule. The engine walks each syntax tree once and hands every detector the nodes of the
/// kinds it asked for, so thirty rules cost one walk, not thirty.
/// </summary>
internal interface ICSharpDetector : IDetector
{
    IReadOnlyCollection<SyntaxKind> NodeKinds { get; }

    /// <summary>
    /// Words of which a file must contain at least one (ignoring case) for this detector to report
    /// anything in it (the method names or settings it looks for). A file with none of any detector's or collector's
    /// words is not walked at all. Null, the default, means "may report in any file".
    /// </summary>
    IReadOnlyCollection<string>? RequiredWords => null;

    /// <summary>
    /// Words (written exactly: the method names it looks for) around which every node the
    /// detector acts on lies. Null, the default, means the detector needs the whole tree walked.
    /// A file whose only active participants have anchors is parsed but not walked: the engine
    /// finds each anchor in the text and hands over the nearest node around it of a kind the
    /// detector asked for. <see cref="RequiredWords"/> still decide which files it reads at all.
    /// In a walked file the detector sees every node of its kinds and must ignore those without an
    /// anchor, so a file gives the same findings either way.
    /// </summary>
    IReadOnlyCollection<string>? Anchors => null;

    void Analyze(SyntaxNode node, CSharpContext context);
}

/// <summary>A rule over a non-C# file (appsettings, .env, launchSettings): sees the whole document.</summary>
internal interface IDocumentDetector : IDetector
{
    IReadOnlyCollection<FileKind> FileKinds { get; }

    void Analyze(DocumentContext context);
}

/// <summary>
/// Gathers cross-file facts from C# (entities and their indexes, configuration keys read, the
/// app's authorization setup). Runs in the same single walk as the detectors.
/// </summary>
internal interface ICSharpFactCollector
{
    IReadOnlyCollection<SyntaxKind> NodeKinds { get; }

    /// <summary>
    /// Words of which a file must contain at least one (ignoring case) for this collector to collect
    /// anything in it. A file with none of any detector's or collector's words is not walked at
    /// all. Null, the default, means "may collect in any file"; an empty list means "only from
    /// files that are walked for someone else".
    /// </summary>
    IReadOnlyCollection<string>? RequiredWords => null;

    /// <summary>
    /// Whether the collector also reads every file parsed for someone else, beyond those holding
    /// its own words (call sites: an unguarded call may sit in any file).
    /// </summary>
    bool ReadsEveryParsedFile => false;

    /// <summary>As <see cref="ICSharpDetector.Anchors"/>: collects only from nodes around these words.</summary>
    IReadOnlyCollection<string>? Anchors => null;

    void Collect(SyntaxNode node, CSharpContext context);

    /// <summary>Called once after the walk of a file, to add facts gathered across its nodes.</summary>
    void Complete(CSharpContext context)
    {
    }
}

/// <summary>Gathers cross-file facts from a non-C# file (keys defined in appsettings, .gitignore patterns, project files).</summary>
internal interface IDocumentFactCollector
{
    IReadOnlyCollection<FileKind> FileKinds { get; }

    void Collect(DocumentContext context);
}
