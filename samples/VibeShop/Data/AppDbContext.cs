using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VibeShop.Models;

namespace VibeShop.Data;

public class AppDbContext : DbContext
{
    private readonly IConfiguration _configuration;

    public AppDbContext(IConfiguration configuration)
    {
        _configuration = configuration;
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<AuditLog> AuditLogs => Set<AuditLog>();

    protected override void OnConfiguring(DbContextOptionsBuilder options)
    {
        var connectionString = _configuration.GetConnectionString("Default")!;

        // "Data Source=vibeshop.db" runs the shop on a local SQLite file; anything else is SQL Server.
        if (connectionString.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
            options.UseSqlite(connectionString);
        else
            options.UseSqlServer(connectionString);

        // Show the values in failing queries.
        options.EnableSensitiveDataLogging();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>().HasIndex(p => p.Sku).IsUnique();
        modelBuilder.Entity<Product>().Property(p => p.Price).HasPrecision(10, 2);

        modelBuilder.Entity<User>().Property(u => u.Balance).HasPrecision(12, 2);
        modelBuilder.Entity<Order>().Property(o => o.Total).HasPrecision(12, 2);
        modelBuilder.Entity<Payment>().Property(p => p.Amount).HasPrecision(12, 2);

        modelBuilder.Entity<Category>().HasData(
            new Category { Id = 1, Name = "T-shirts" },
            new Category { Id = 2, Name = "Mugs" },
            new Category { Id = 3, Name = "Stickers" });

        // The back-office account, so there is always someone who can log in.
        modelBuilder.Entity<User>().HasData(new User
        {
            Id = 1,
            Email = "admin@vibeshop.example",
            IsAdmin = true,
            PasswordHash = new PasswordHasher<User>().HashPassword(null!, "VibeAdmin!2024"),
        });
    }
}
