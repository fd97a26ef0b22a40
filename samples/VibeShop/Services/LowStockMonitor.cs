using Microsoft.EntityFrameworkCore;
using VibeShop.Data;

namespace VibeShop.Services;

// Every few minutes, warns the team about products that are about to sell out.
public class LowStockMonitor : BackgroundService
{
    private readonly AppDbContext _db;
    private readonly ILogger<LowStockMonitor> _logger;
    private readonly System.Timers.Timer _timer = new(TimeSpan.FromMinutes(5));

    public LowStockMonitor(AppDbContext db, ILogger<LowStockMonitor> logger)
    {
        _db = db;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _timer.Elapsed += OnTick;
        _timer.Start();
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        _timer.Stop();
    }

    private async void OnTick(object sender, EventArgs e)
    {
        var lowStock = await _db.Products.Where(p => p.IsActive && p.Stock < 5).Select(p => p.Name).ToListAsync();
        if (lowStock.Count > 0)
            _logger.LogWarning("Low stock: {Products}", string.Join(", ", lowStock));
    }
}
