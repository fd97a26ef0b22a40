using ReadinessLsp.Server.Protocol;
using ReadinessLsp.Tests.Support;

namespace ReadinessLsp.Tests.Lsp;

/// <summary>
/// Data-integrity findings decided by the EF model of other files follow edits in the editor: the
/// model changes in the context, the finding in the controller or service is republished.
/// </summary>
public sealed class DataModelLiveTests
{
    private const string Entities = """
        namespace Shop.Models;

        public class User
        {
            public int Id { get; set; }
            public string Email { get; set; } = "";
        }

        public class Account
        {
            public int Id { get; set; }
            public decimal Balance { get; set; }
            public int Version { get; set; }
        }
        """;

    private const string Controller = """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop.Data;
        using Shop.Models;

        namespace Shop.Controllers;

        [ApiController]
        [Route("api/account")]
        public class AccountController(AppDbContext db) : ControllerBase
        {
            [HttpPost("signup")]
            public async Task<IActionResult> Signup(string email)
            {
                if (await db.Users.AnyAsync(u => u.Email == email))
                    return Conflict();

                db.Users.Add(new User { Email = email });
                await db.SaveChangesAsync();
                return Ok();
            }

            [HttpPost("{id:int}/withdraw")]
            public async Task<IActionResult> Withdraw(int id, decimal amount)
            {
                var account = await db.Accounts.FindAsync(id);
                if (account is null) return NotFound();
                account.Balance -= amount;
                await db.SaveChangesAsync();
                return Ok();
            }
        }
        """;

    private static string Context(string model) => $$"""
        using Microsoft.EntityFrameworkCore;
        using Shop.Models;

        namespace Shop.Data;

        public class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
        {
            public DbSet<User> Users => Set<User>();
            public DbSet<Account> Accounts => Set<Account>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                {{model}}
            }
        }
        """;

    [Fact]
    public async Task Adding_the_unique_index_in_the_context_clears_the_uniqueness_finding_in_the_controller()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", Entities);
        var controller = workspace.Write("Controllers/AccountController.cs", Controller);
        var context = workspace.Write("Data/AppDbContext.cs", Context(string.Empty));
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root, LspTestClient.FullCapabilities());
        var before = await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.Any(d => d.Code == "RDY3001"));
        Assert.Contains("User.Email", before.Diagnostics.Single(d => d.Code == "RDY3001").Message, StringComparison.Ordinal);

        // Unsaved, in the editor: the index is added, the controller's finding goes; removed, it is back.
        await client.OpenAsync(context, File.ReadAllText(context));
        await client.ChangeAsync(context, 2, new TextDocumentContentChangeEvent(null, null, Context("modelBuilder.Entity<User>().HasIndex(u => u.Email).IsUnique();")));
        var after = await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.All(d => d.Code != "RDY3001"));
        Assert.Contains(after.Diagnostics, d => d.Code == "RDY3002");

        await client.ChangeAsync(context, 3, new TextDocumentContentChangeEvent(null, null, Context(string.Empty)));
        await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.Any(d => d.Code == "RDY3001"));
    }

    [Fact]
    public async Task A_concurrency_token_added_in_the_context_clears_the_lost_update_in_the_controller()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", Entities);
        var controller = workspace.Write("Controllers/AccountController.cs", Controller);
        var context = workspace.Write("Data/AppDbContext.cs", Context(string.Empty));
        await using var client = LspTestClient.Start();
        await client.InitializeAsync(workspace.Root, LspTestClient.FullCapabilities());
        await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.Any(d => d.Code == "RDY3002"));

        await client.OpenAsync(context, File.ReadAllText(context));
        await client.ChangeAsync(context, 2, new TextDocumentContentChangeEvent(null, null, Context("modelBuilder.Entity<Account>().Property(a => a.Version).IsConcurrencyToken();")));
        await client.WaitForDiagnosticsAsync(controller, p => p.Diagnostics.All(d => d.Code != "RDY3002"));
    }
}
