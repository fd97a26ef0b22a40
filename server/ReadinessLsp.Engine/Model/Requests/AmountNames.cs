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

    public static bool IsAmount(string name) => Suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));
}
