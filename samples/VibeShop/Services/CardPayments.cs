namespace VibeShop.Services;

public record CardPayment(int OrderId, string CardNumber, string ExpiryMonth, string Cvc, decimal Amount);

// Card payments through the acquirer's API (the Stripe checkout is being replaced).
public class CardPayments
{
    private readonly ILogger<CardPayments> _logger;

    public CardPayments(ILogger<CardPayments> logger)
    {
        _logger = logger;
    }

    public Task<bool> ChargeAsync(CardPayment payment)
    {
        _logger.LogInformation("Charging {Payment}", payment);
        return Task.FromResult(true);
    }
}
