namespace VibeShop.Services;

// Converts prices for customers outside the US.
public class CurrencyRates
{
    private const string ApiKey = "exr_7Fq29LmXz81Rk4Tb0Wc6Yd3Hs5";

    private readonly HttpClient _http;

    public CurrencyRates(HttpClient http)
    {
        _http = http;
    }

    public async Task<decimal?> GetRateAsync(string from, string to)
    {
        try
        {
            var response = await _http.GetFromJsonAsync<RateResponse>($"https://api.exchangerate.host/convert?from={from}&to={to}&amount=1&access_key={ApiKey}");
            return response?.Result;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private sealed record RateResponse(decimal Result);
}
