namespace VibeShop.Services;

// Converts prices for customers outside the US.
public class CurrencyRates
{
    private readonly HttpClient _http;

    public CurrencyRates(HttpClient http)
    {
        _http = http;
    }

    public async Task<decimal?> GetRateAsync(string from, string to)
    {
        try
        {
            var response = await _http.GetFromJsonAsync<RateResponse>($"https://api.exchangerate.host/convert?from={from}&to={to}&amount=1");
            return response?.Result;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private sealed record RateResponse(decimal Result);
}
