namespace ReadinessLsp.Engine.Model.Requests;

/// <summary>
/// Names of numbers that move money or goods when a request supplies them: a negative quantity
/// refunds, a negative amount deposits, a zero price gives away. By name, ending the name:
/// <c>Quantity</c>, <c>UnitPrice</c>, <c>InitialBalance</c>, <c>TransferAmount</c>.
/// </summary>
internal static class AmountNames
{
    private static readonly string[] Suffixes =
    [
        "Amount", "Quantity", "Qty", "Price", "Total", "Balance", "Deposit", "Withdrawal", "Cost", "Fee", "Discount", "Stock", "Units", "Credits",
        "Points", "Tip", "Payment", "Salary", "Rate",
    ];

    /// <summary>The words a file must contain for an amount to be named in it.</summary>
    public static readonly IReadOnlyCollection<string> Words = Suffixes;

    /// <summary>
    /// Text that declares or compares an amount: <c>Quantity { get; set; }</c>, <c>decimal Amount)</c>,
    /// <c>Amount,</c> in a positional record, <c>Amount &lt;= 0</c>. The bare words are in most files
    /// of a shop; these are in the files that define request models and check their range.
    /// </summary>
    public static readonly IReadOnlyCollection<string> DeclarationWords =
        [.. Suffixes.SelectMany(s => new[] { s + " {", s + ")", s + ",", s + " <", s + " >" })];

    public static bool IsAmount(string name) => Suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));
}
