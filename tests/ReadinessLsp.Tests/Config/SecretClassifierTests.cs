using ReadinessLsp.Engine.Config.Secrets;
using ReadinessLsp.Engine.Findings;

namespace ReadinessLsp.Tests.Config;

public sealed class SecretClassifierTests
{
    [Theory]
    [InlineData("Stripe:SecretKey", "sk_live_51NvQa8Lk2xWm7Rt4Yp9Zc3Hd6Jf", "Stripe secret key")]
    [InlineData("Anything", "AKIAQ7R4XN2LMB5TK8WZ", "AWS access key id")]
    [InlineData("Jwt:Key", "Xq7#Lm2$Vt9!Rb4&Hn6*Kp1@Wz8%Fd3^", "secret")]
    [InlineData("DB_PASSWORD", "Wq8!zR3#pL5vT2nK", "password")]
    [InlineData("Storage", "DefaultEndpointsProtocol=https;AccountName=vibeshop;AccountKey=q3J8mZ1xV7bN4kL9pR2tY6wC0dF5gH8jK3lM7nB1vX4zQ9sA2eD6fG0hJ5kL8mN1pQ4rS7tU0vW3xY6zA9bC2dE==", "Azure storage account key")]
    public void Finds_secrets(string key, string value, string kind)
    {
        Assert.Equal(kind, SecretClassifier.Classify(key, value)?.Kind);
    }

    [Theory]
    [InlineData("Stripe:SecretKey", "")]
    [InlineData("Stripe:SecretKey", "${STRIPE_SECRET_KEY}")]
    [InlineData("OpenAI:ApiKey", "<your-openai-key>")]
    [InlineData("Smtp:Password", "changeme")]
    [InlineData("Stripe:PublishableKey", "pk_live_51NvQa8Lk2xWm7Rt4Yp9Zc3Hd6Jf")]
    [InlineData("Stripe:TestKey", "sk_test_51NvQa8Lk2xWm7Rt4Yp9Zc3Hd6Jf")]
    [InlineData("ApiKeyHeaderName", "X-Api-Key-Header-Name")]
    [InlineData("AzureAd:ClientSecret", "%AZURE_CLIENT_SECRET%")]
    [InlineData("AzureAd:ClientId", "0d4c7a52-2f3e-4b8a-9c1d-5e6f7a8b9c0d")]
    [InlineData("Cache:Key", "products")]
    [InlineData("Jwt:SecretKeyPath", "/run/secrets/jwt-key")]
    [InlineData("Auth:Token", "https://login.example.com/token")]
    public void Stays_silent_on_traps(string key, string value)
    {
        Assert.Null(SecretClassifier.Classify(key, value));
    }

    [Fact]
    public void Mask_keeps_a_known_prefix_and_never_the_secret()
    {
        const string secret = "sk_live_51NvQa8Lk2xWm7Rt4Yp9Zc3Hd6Jf";
        var masked = SecretClassifier.Classify("Key", secret)!.Masked;

        Assert.StartsWith("sk_live_***", masked, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[8..12], masked, StringComparison.Ordinal);
        Assert.Equal("********", SecretMask.Mask("12345678", "sk_live_"));
    }
}
