using System.Net;
using System.Net.Mail;

namespace VibeShop.Services;

public class EmailSender
{
    private const string From = "orders@vibeshop.example";
    private readonly IConfiguration _config;

    public EmailSender(IConfiguration config)
    {
        _config = config;
    }

    public async Task SendAsync(string to, string subject, string body)
    {
        using var smtp = new SmtpClient(_config["Smtp:Host"], 587)
        {
            EnableSsl = true,
            Credentials = new NetworkCredential(_config["Smtp:Username"], Environment.GetEnvironmentVariable("SENDGRID_API_KEY")),
        };
        await smtp.SendMailAsync(new MailMessage(From, to, subject, body));
    }

    public Task SendWelcomeEmailAsync(string to) =>
        SendAsync(to, "Welcome to VibeShop!", $"Thanks for signing up. Start shopping at {_config["Storefront:BaseUrl"]}");

    public Task SendOrderConfirmationAsync(string to, int orderId) =>
        SendAsync(to, $"Order #{orderId} confirmed", $"Track it at {_config["Storefront:BaseUrl"]}/orders/{orderId}");
}
