using ReadinessLsp.Engine.Model.Facts;

namespace ReadinessLsp.Engine.Model.Requests;

/// <summary>A property of a type that requests bind or logs write, with what its attributes say.</summary>
/// <param name="Numeric">Its type is a number (<c>int</c>, <c>decimal?</c>...).</param>
/// <param name="Validated">It carries a validation attribute (<c>[Required]</c>, <c>[Range]</c>, <c>[MaxLength]</c>...).</param>
/// <param name="Bounded">It carries a range attribute (<c>[Range]</c>, <c>[Positive]</c>...).</param>
internal sealed record ModelProperty(string Name, bool Numeric, bool Validated, bool Bounded);

/// <summary>
/// A class or record that may be a request model or be logged whole: its properties (a record's
/// positional parameters included), whether it validates itself (<c>IValidatableObject</c>) and its base types.
/// </summary>
internal sealed record ModelTypeFact(string Name, bool IsRecord, bool SelfValidating, EquatableArray<string> Bases, EquatableArray<ModelProperty> Properties)
{
    public bool HasValidation => SelfValidating || Properties.Any(p => p.Validated);
}

/// <summary>A FluentValidation validator (<c>AbstractValidator&lt;CreateOrder&gt;</c>) for <see cref="Model"/>.</summary>
internal sealed record ValidatorFact(string Model);

/// <summary>
/// Property names the code compares with a bound (<c>request.Amount &lt;= 0</c>,
/// <c>dto.Quantity &gt; stock</c>): somewhere in the app, someone checks their range.
/// </summary>
internal sealed record RangeChecks(EquatableArray<string> Properties);
