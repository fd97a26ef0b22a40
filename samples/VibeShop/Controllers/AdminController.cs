using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using VibeShop.Data;
using VibeShop.Models;

namespace VibeShop.Controllers;

// Back office for the shop team.
[Authorize]
[ApiController]
[Route("api/admin")]
public class AdminController : ControllerBase
{
    private readonly AppDbContext _db;
    private readonly IConfiguration _config;

    public AdminController(AppDbContext db, IConfiguration config)
    {
        _db = db;
        _config = config;
    }

    [HttpGet("orders")]
    public async Task<List<Order>> AllOrders()
    {
        return await _db.Orders.ToListAsync();
    }

    [HttpGet("orders/search")]
    public async Task<IActionResult> SearchOrders(string status)
    {
        var orders = await _db.Orders.FromSqlRaw($"SELECT * FROM Orders WHERE Status = '{status}'").ToListAsync();
        return Ok(orders);
    }

    [HttpGet("orders/large")]
    public IActionResult LargeOrders(decimal minTotal = 500)
    {
        var orders = _db.Orders.ToList().Where(o => o.Total >= minTotal).OrderByDescending(o => o.Total);
        return Ok(orders);
    }

    [HttpGet("orders/export")]
    public async Task<IActionResult> ExportOrders()
    {
        var orders = await _db.Orders.Where(o => o.Status == "Paid").ToListAsync();
        var csv = new StringBuilder("order,email,total\n");
        foreach (var o in orders)
        {
            var u = await _db.Users.FindAsync(o.UserId);
            csv.AppendLine($"{o.Id},{u?.Email},{o.Total}");
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "orders.csv");
    }

    [HttpPost("orders/{id:int}/refund")]
    public async Task<IActionResult> Refund(int id)
    {
        try
        {
            var order = await _db.Orders.FindAsync(id);
            var user = await _db.Users.FindAsync(order!.UserId);

            user!.Balance += order.Total;
            order.Status = "Refunded";
            await _db.SaveChangesAsync();
            return Ok(order);
        }
        catch (Exception ex)
        {
            return StatusCode(500, ex.ToString());
        }
    }

    [Authorize(Roles = "Admin")]
    [HttpGet("users/{id:int}")]
    public async Task<IActionResult> GetUser(int id)
    {
        var user = await _db.Users.FindAsync(id);
        return user == null ? NotFound() : Ok(user);
    }

    [HttpDelete("users/{id:int}")]
    public async Task<IActionResult> DeleteUser(int id)
    {
        var user = await _db.Users.FindAsync(id);
        if (user == null) return NotFound();

        _db.Users.Remove(user);
        await _db.SaveChangesAsync();
        return NoContent();
    }

    [HttpPost("products")]
    public async Task<IActionResult> CreateProduct(CreateProductRequest req)
    {
        if (await _db.Products.AnyAsync(p => p.Sku == req.Sku))
            return Conflict("SKU already exists.");

        var product = new Product { Sku = req.Sku, Name = req.Name, Price = req.Price, Stock = req.Stock, CategoryId = req.CategoryId };
        _db.Products.Add(product);
        await _db.SaveChangesAsync();
        return Ok(product);
    }

    [HttpPost("categories")]
    public async Task<IActionResult> CreateCategory(Category category)
    {
        _db.Categories.Add(category);
        await _db.SaveChangesAsync();
        return Ok(category);
    }

    [HttpGet("reports/daily-sales")]
    public IActionResult DailySales()
    {
        var connection = new SqlConnection(_config.GetConnectionString("Reporting"));
        connection.Open();
        var command = new SqlCommand(
            "SELECT CAST(CreatedAt AS date) AS Day, SUM(Total) AS Revenue FROM Orders GROUP BY CAST(CreatedAt AS date) ORDER BY Day DESC",
            connection);

        var rows = new List<object>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(new { day = reader.GetDateTime(0), revenue = reader.GetDecimal(1) });
        return Ok(rows);
    }

    // Called by the nightly cron job to keep the audit table small.
    [HttpPost("maintenance/trim-audit")]
    public async Task<IActionResult> TrimAuditLog()
    {
        try
        {
            await _db.AuditLogs.Where(a => a.CreatedAt < DateTime.UtcNow.AddYears(-1)).ExecuteDeleteAsync();
        }
        catch (Exception)
        {
            // Best effort: the job runs again tomorrow night and picks up whatever is left.
        }
        return NoContent();
    }
}
