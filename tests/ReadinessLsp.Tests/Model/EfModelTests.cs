using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Data;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Model;

/// <summary>The EF Core model read across files: contexts, sets, keys, indexes, tokens, owners, providers, per app.</summary>
public sealed class EfModelTests
{
    private const string Entities = """
        namespace Shop.Models;
        public class User { public int Id { get; set; } public string Email { get; set; } = ""; public string UserName { get; set; } = ""; public decimal Balance { get; set; } public List<Order> Orders { get; set; } = new(); }
        public class Order { public int Id { get; set; } public int UserId { get; set; } public virtual User? User { get; set; } public decimal Total { get; set; } public DateTime CreatedAt { get; set; } }
        public class Product { public int Id { get; set; } public string Sku { get; set; } = ""; public int Stock { get; set; } [Timestamp] public byte[] RowVersion { get; set; } = []; }
        public class Review { public int Id { get; set; } public Product? Product { get; set; } public Person? Author { get; set; } public int? AuthorId { get; set; } }
        public class Person { public int Id { get; set; } }
        public class OrderDto { public int Id { get; set; } public decimal Total { get; set; } }
        """;

    [Fact]
    public void Sets_map_to_entities_and_the_unique_indexes_come_from_every_place_they_are_written()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", Entities);
        workspace.Write("Data/AppDbContext.cs", """
            public class AppDbContext : DbContext
            {
                public DbSet<User> Users { get; set; } = null!;
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Product> Products { get; set; } = null!;
                public DbSet<Review> Reviews { get; set; } = null!;
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<User>().HasIndex(u => u.Email).IsUnique();
                    modelBuilder.Entity<Order>(b =>
                    {
                        b.HasIndex(o => new { o.UserId, o.CreatedAt }).IsUnique();
                        b.HasIndex(o => o.Total);
                    });
                }
            }
            """);
        workspace.Write("Data/ProductConfiguration.cs", """
            public class ProductConfiguration : IEntityTypeConfiguration<Product>
            {
                public void Configure(EntityTypeBuilder<Product> builder)
                {
                    builder.HasAlternateKey(p => p.Sku);
                    builder.HasIndex(p => p.Stock).IsUnique(false);
                }
            }
            """);
        var ef = Model(workspace).For(Path(workspace, "Data/AppDbContext.cs"));

        Assert.Equal("User", ef.EntityOfSet("AppDbContext", "Users"));
        Assert.Equal("Order", ef.EntityOfSet(null, "Orders"));
        Assert.Null(ef.EntityOfSet("AppDbContext", "Nope"));
        Assert.Null(ef.EntityOfSet("Order", "Users")); // a workspace type that is not a context
        Assert.True(ef.IsEntity("Person")); // reached through a navigation
        Assert.False(ef.IsEntity("OrderDto"));

        Assert.True(ef.HasUniqueIndex("User", ["Email"]));
        Assert.True(ef.HasUniqueIndex("User", ["Email", "UserName"])); // unique on a subset
        Assert.False(ef.HasUniqueIndex("User", ["UserName"]));
        Assert.True(ef.HasUniqueIndex("User", ["Id"])); // the key
        Assert.True(ef.HasUniqueIndex("Order", ["CreatedAt", "UserId"]));
        Assert.False(ef.HasUniqueIndex("Order", ["UserId"]));
        Assert.False(ef.HasUniqueIndex("Order", ["Total"]));
        Assert.True(ef.HasUniqueIndex("Product", ["Sku"])); // alternate key in the configuration class
        Assert.False(ef.HasUniqueIndex("Product", ["Stock"]));
        Assert.Equal(Path(workspace, "Data/AppDbContext.cs"), ef.Entity("User")!.UniqueOver(["Email"])!.Source!.Path);
    }

    [Fact]
    public void Index_attributes_composite_keys_and_the_migrations_snapshot_count_as_unique()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", """
            [Index(nameof(Email), IsUnique = true)]
            [Index(nameof(Name))]
            public class Account { public int Id { get; set; } public string Email { get; set; } = ""; public string Name { get; set; } = ""; }
            [PrimaryKey(nameof(UserId), nameof(PostId))]
            public class Like { public int UserId { get; set; } public int PostId { get; set; } }
            public class Follow { public int FollowerId { get; set; } public int FollowedId { get; set; } }
            public class Tag { public int Id { get; set; } public string Name { get; set; } = ""; }
            """);
        workspace.Write("Data/Db.cs", """
            public class Db : DbContext
            {
                public DbSet<Account> Accounts { get; set; }
                public DbSet<Like> Likes { get; set; }
                public DbSet<Follow> Follows { get; set; }
                public DbSet<Tag> Tags { get; set; }
                protected override void OnModelCreating(ModelBuilder builder) => builder.Entity<Follow>().HasKey(f => new { f.FollowerId, f.FollowedId });
            }
            """);
        workspace.Write("Migrations/DbModelSnapshot.cs", """
            [DbContext(typeof(Db))]
            partial class DbModelSnapshot : ModelSnapshot
            {
                protected override void BuildModel(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity("Shop.Models.Tag", b =>
                    {
                        b.HasIndex("Name").IsUnique();
                    });
                }
            }
            """);
        workspace.Write("Migrations/20240101_Init.Designer.cs", """
            [DbContext(typeof(Db))]
            [Migration("20240101_Init")]
            partial class Init
            {
                protected override void BuildTargetModel(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity("Shop.Models.Account", b => { b.HasIndex("Name").IsUnique(); });
                }
            }
            """);
        var ef = Model(workspace).For(Path(workspace, "Data/Db.cs"));

        Assert.True(ef.HasUniqueIndex("Account", ["Email"]));
        Assert.False(ef.HasUniqueIndex("Account", ["Name"])); // a historic migration's model is not the database's
        Assert.True(ef.HasUniqueIndex("Like", ["PostId", "UserId"]));
        Assert.False(ef.HasUniqueIndex("Like", ["UserId"]));
        Assert.True(ef.HasUniqueIndex("Follow", ["FollowedId", "FollowerId"]));
        Assert.True(ef.HasUniqueIndex("Tag", ["Name"]));
    }

    [Fact]
    public void Identity_users_have_a_unique_user_name_but_not_a_unique_email_and_own_what_points_at_them()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Data/ApplicationDbContext.cs", """
            public class ApplicationUser : IdentityUser { public string? DisplayName { get; set; } }
            public class Note { public int Id { get; set; } public string OwnerId { get; set; } = ""; }
            public class Post { public int Id { get; set; } public ApplicationUser Author { get; set; } = null!; public string AuthorUserId { get; set; } = ""; }
            public class Comment { public int Id { get; set; } public virtual ApplicationUser Writer { get; set; } = null!; }
            public class Country { public int Id { get; set; } public string Name { get; set; } = ""; }
            public class ApplicationDbContext : IdentityDbContext<ApplicationUser>
            {
                public DbSet<Note> Notes { get; set; }
                public DbSet<Post> Posts { get; set; }
                public DbSet<Comment> Comments { get; set; }
                public DbSet<Country> Countries { get; set; }
            }
            """);
        var ef = Model(workspace).For(Path(workspace, "Data/ApplicationDbContext.cs"));

        Assert.Equal("ApplicationUser", ef.EntityOfSet("ApplicationDbContext", "Users"));
        Assert.True(ef.IsUserEntity("ApplicationUser"));
        Assert.True(ef.HasUniqueIndex("ApplicationUser", ["UserName"]));
        Assert.False(ef.HasUniqueIndex("ApplicationUser", ["Email"]));
        Assert.Equal("OwnerId", ef.OwnerProperty("Note"));
        Assert.Equal("Author", ef.OwnerProperty("Post"));
        Assert.Equal("Writer", ef.OwnerProperty("Comment"));
        Assert.Null(ef.OwnerProperty("Country"));
        Assert.Null(ef.OwnerProperty("ApplicationUser"));
    }

    [Fact]
    public void Owner_properties_providers_tokens_and_the_sqlite_row_version_trap()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", Entities);
        workspace.Write("Models/BaseEntity.cs", "public abstract class BaseEntity { public int Id { get; set; } [ConcurrencyCheck] public Guid Version { get; set; } }\npublic class Wallet : BaseEntity { public decimal Balance { get; set; } }\n");
        workspace.Write("Data/ShopContext.cs", """
            public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
            {
                public DbSet<User> Users { get; set; }
                public DbSet<Order> Orders { get; set; }
                public DbSet<Product> Products { get; set; }
                public DbSet<Review> Reviews { get; set; }
                public DbSet<Wallet> Wallets { get; set; }
                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<User>().Property(u => u.Balance).IsConcurrencyToken();
                }
            }
            """);
        workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
                builder.Services.AddDbContext<ShopContext>(o => o.UseSqlServer("Server=(localdb)"));
            else
                builder.Services.AddDbContext<ShopContext>(o => o.UseSqlite("Data Source=shop.db").UseLazyLoadingProxies());
            """);
        var ef = Model(workspace).For(Path(workspace, "Program.cs"));

        Assert.Equal("UserId", ef.OwnerProperty("Order"));
        Assert.Equal("AuthorId", ef.OwnerProperty("Review")); // a navigation to the user entity Person, through its foreign key
        Assert.Null(ef.OwnerProperty("Product"));
        Assert.Equal([EfProvider.Sqlite], ef.Provider("ShopContext"));
        Assert.True(ef.LazyLoading("ShopContext"));

        Assert.Equal(EfConfigKind.RowVersion, ef.ConcurrencyToken("Product")!.Kind);
        Assert.False(ef.TokenProtects("Product", "ShopContext")); // SQLite never changes a row version
        Assert.True(ef.TokenProtects("User", "ShopContext")); // a concurrency-checked column works everywhere
        Assert.True(ef.TokenProtects("Wallet", "ShopContext")); // inherited from the base class
        Assert.False(ef.TokenProtects("Order", "ShopContext"));
    }

    [Fact]
    public void Configuration_goes_to_the_entity_configuration_class_or_the_context()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", Entities);
        workspace.Write("Data/AppDbContext.cs", "public class AppDbContext : DbContext { public DbSet<User> Users { get; set; } public DbSet<Order> Orders { get; set; } }\n");
        workspace.Write("Data/OrderConfiguration.cs", "public class OrderConfiguration : IEntityTypeConfiguration<Order> { public void Configure(EntityTypeBuilder<Order> b) { } }\n");
        var ef = Model(workspace).For(Path(workspace, "Data/AppDbContext.cs"));

        Assert.Equal(new ConfigurationPlace(ConfigurationPlaceKind.ConfigurationClass, "OrderConfiguration", Path(workspace, "Data/OrderConfiguration.cs"), default), ef.WhereToConfigure("Order"));
        Assert.Equal(ConfigurationPlaceKind.Context, ef.WhereToConfigure("User")!.Kind);
        Assert.Equal(Path(workspace, "Data/AppDbContext.cs"), ef.WhereToConfigure("User")!.Path);
        Assert.Null(ef.WhereToConfigure("OrderDto"));
    }

    [Fact]
    public void Each_app_sees_its_own_model()
    {
        using var workspace = new TempWorkspace();
        foreach (var app in new[] { "Shop", "Admin" })
        {
            workspace.Write($"{app}/{app}.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>");
            workspace.Write($"{app}/Models.cs", Entities);
            var index = app == "Shop" ? "modelBuilder.Entity<User>().HasIndex(u => u.Email).IsUnique();" : string.Empty;
            workspace.Write($"{app}/Db.cs", $"public class Db : DbContext {{ public DbSet<User> Users {{ get; set; }} protected override void OnModelCreating(ModelBuilder modelBuilder) {{ {index} }} }}");
        }

        var model = Model(workspace);

        Assert.True(model.HasUniqueIndex(Path(workspace, "Shop/Controllers.cs"), "User", ["Email"]));
        Assert.False(model.HasUniqueIndex(Path(workspace, "Admin/Controllers.cs"), "User", ["Email"]));
    }

    [Fact]
    public void Repository_methods_that_query_save_or_return_whole_tables_are_found_through_their_interfaces()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", Entities);
        workspace.Write("Data/AppDbContext.cs", "public class AppDbContext : DbContext { public DbSet<Order> Orders { get; set; } }\n");
        workspace.Write("Data/OrderRepository.cs", """
            public class OrderRepository(AppDbContext db) : IOrderRepository
            {
                public async Task<List<Order>> GetAllAsync() => await db.Orders.ToListAsync();
                public async Task<List<Order>> GetRecentAsync()
                {
                    var orders = await db.Orders.OrderByDescending(o => o.CreatedAt).ToListAsync();
                    return orders;
                }
                public Task<List<Order>> ForUserAsync(int userId) => db.Orders.Where(o => o.UserId == userId).ToListAsync();
                public Task<Order?> GetAsync(int id) => db.Orders.FindAsync(id).AsTask();
                public async Task AddAsync(Order order) { db.Orders.Add(order); await db.SaveChangesAsync(); }
                public int Count() => db.Orders.ToList().Count;
            }
            public class Reports(IDbConnection connection)
            {
                public Task<IEnumerable<Order>> Daily() => connection.QueryAsync<Order>("select * from Orders");
            }
            """);
        var ef = Model(workspace).For(Path(workspace, "Data/OrderRepository.cs"));

        var all = Assert.Single(ef.Methods("IOrderRepository", "GetAllAsync"));
        Assert.True(all.Flags.HasFlag(DataAccessFlags.ReturnsWholeTable));
        Assert.Equal("Order", ef.EntityOf(all.WholeTable!));
        Assert.True(Assert.Single(ef.Methods("OrderRepository", "GetRecentAsync")).Flags.HasFlag(DataAccessFlags.ReturnsWholeTable));
        Assert.False(Assert.Single(ef.Methods("OrderRepository", "ForUserAsync")).Flags.HasFlag(DataAccessFlags.ReturnsWholeTable));
        Assert.Equal(DataAccessFlags.Queries, Assert.Single(ef.Methods("OrderRepository", "GetAsync")).Flags);
        Assert.Equal(DataAccessFlags.Queries | DataAccessFlags.Saves, Assert.Single(ef.Methods("IOrderRepository", "AddAsync")).Flags);
        Assert.False(Assert.Single(ef.Methods("OrderRepository", "Count")).Flags.HasFlag(DataAccessFlags.ReturnsWholeTable));
        Assert.Equal(DataAccessFlags.Queries, Assert.Single(ef.Methods("Reports", "Daily")).Flags);
        Assert.True(ef.UsesDapper);
        Assert.Equal("AppDbContext", ef.ContextTakenBy("OrderRepository"));
    }

    [Fact]
    public void A_new_dto_property_leaves_the_model_equal_and_a_new_index_does_not()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Models/Entities.cs", Entities);
        var context = workspace.Write("Data/AppDbContext.cs", "public class AppDbContext : DbContext { public DbSet<User> Users { get; set; } }\n");
        var dto = workspace.Write("Contracts/UserDto.cs", "public class UserDto { public int Id { get; set; } }\n");
        var state = CheckRun.Check(Engine, [workspace.Root], Logger.None).State;
        var before = state.Models.Get<EfModel>();

        var widened = Engine.Analyze(SourceDocument.FromText(PathNormalizer.Normalize(dto), "public class UserDto { public int Id { get; set; } public string Email { get; set; } = \"\"; }\n"));
        var afterDto = state.With([widened], []);
        Assert.DoesNotContain(typeof(EfModel), afterDto.ChangedModels);

        var indexed = Engine.Analyze(SourceDocument.FromText(PathNormalizer.Normalize(context),
            "public class AppDbContext : DbContext { public DbSet<User> Users { get; set; } protected override void OnModelCreating(ModelBuilder b) { b.Entity<User>().HasIndex(u => u.Email).IsUnique(); } }\n"));
        var afterIndex = state.With([indexed], []);
        Assert.True(afterIndex.State.Models.Get<EfModel>().HasUniqueIndex(PathNormalizer.Normalize(context), "User", ["Email"]));
        Assert.False(before.Equals(afterIndex.State.Models.Get<EfModel>()));
    }

    private static readonly ReadinessEngine Engine = ReadinessEngine.CreateDefault(Logger.None);

    private static EfModel Model(TempWorkspace workspace) =>
        CheckRun.Check(Engine, [workspace.Root], Logger.None).State.Models.Get<EfModel>();

    private static string Path(TempWorkspace workspace, string relative) =>
        PathNormalizer.Normalize(System.IO.Path.Combine(workspace.Root, relative));
}
