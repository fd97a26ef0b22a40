using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Model.Data;

namespace ReadinessLsp.Engine.Rules.AccessControl;

/// <summary>A load of a row by what the caller sends, waiting for the EF, lookup and endpoint models (RDY1006).</summary>
/// <param name="Table">The table the row comes from (the parent's, for a row reached through a navigation).</param>
/// <param name="Property">The property compared with the caller's value; null for <c>Find</c> (the key).</param>
/// <param name="Parameter">The handler parameter the caller fills in.</param>
internal sealed record OwnerCandidate(EfSetRef? Table, string? Property, string Parameter)
{
    /// <summary>The caller's value as the code writes it (<c>request.OrderId</c>), for the message.</summary>
    public string? Value { get; init; }

    /// <summary>The workspace method or specification that loads the row, when the handler hands the id on.</summary>
    public EfMethodRef? Via { get; init; }

    /// <summary>The position of the caller's value among <see cref="Via"/>'s arguments.</summary>
    public int ViaArgument { get; init; }

    /// <summary>The collection navigation of the parent row the row is found in (<c>article.Comments</c>).</summary>
    public string? Navigation { get; init; }

    /// <summary>What the handler does with it; null when only the callee's own use counts.</summary>
    public string? Use { get; init; } = "returns it";

    /// <summary>The handler compares the row with the signed-in user, but only after it has written.</summary>
    public bool CheckedTooLate { get; init; }

    public string? CurrentUser { get; init; }

    public string? CurrentUserType { get; init; }

    public string? Row { get; init; }

    public LinePosition? PredicateEnd { get; init; }

    public LinePositionSpan? FindCall { get; init; }

    public string? FindTable { get; init; }

    public string? FindArgument { get; init; }

    public bool FindAsync { get; init; }

    /// <summary>The request type, when the code is a command handler rather than the endpoint itself.</summary>
    public string? Request { get; init; }

    /// <summary>One row (<c>Find</c>, <c>FirstOrDefault</c>), not a list.</summary>
    public bool Single { get; init; } = true;
}
