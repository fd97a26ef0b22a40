using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Ownership;

/// <summary>
/// A method of the workspace (a repository's, a service's, a query class's) that loads a row by
/// one of its parameters, or a specification whose constructor filters by one: what a handler
/// hands its caller's id to. <see cref="Bases"/> are the declaring type's bases and interfaces, so a
/// call through <c>IOrderRepository</c> finds <c>OrderRepository</c>'s method.
/// </summary>
/// <param name="Type">The declaring type (the specification, for one).</param>
/// <param name="Method">The method's name; <c>new</c> for a specification's constructor.</param>
/// <param name="Parameter">The position of the parameter the row is looked up by.</param>
/// <param name="Table">The table (or, for a specification, the entity) the row comes from.</param>
/// <param name="Properties">Every property the filter compares for equality, the looked-up one first.</param>
/// <param name="Use">What the method does with the row: "returns it", "changes it", "deletes it".</param>
internal sealed record RowLookupFact(
    string Type,
    EquatableArray<string> Bases,
    string Method,
    int Parameter,
    EfSetRef Table,
    EquatableArray<string> Properties,
    string Use,
    string Path,
    FactSpan Span);
