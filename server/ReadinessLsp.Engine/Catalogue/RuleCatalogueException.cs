namespace ReadinessLsp.Engine.Catalogue;

/// <summary>An invalid rule file; the message names the file and the field.</summary>
internal sealed class RuleCatalogueException(string file, string field, string problem)
    : Exception($"{file}: field '{field}': {problem}")
{
    public string File { get; } = file;

    public string Field { get; } = field;
}
