using System.Globalization;
using System.Text;

namespace ReadinessLsp.Benchmarks.Synthetic;

/// <summary>
/// Writes a deterministic ASP.NET Core-style workspace for benchmarks: several API projects, each
/// with controllers (actions running EF Core queries), services, repositories, entities, entity
/// configurations, a DbContext with <c>OnModelCreating</c>, minimal-API endpoint groups, DTOs,
/// validators, options classes, hosting setup and a <c>Program.cs</c>; plus appsettings*.json,
/// launchSettings.json, .env, .env.example and .gitignore. About 300 lines per C# file on average.
/// A few files carry the risks the engine looks for (an unguarded developer exception page, CORS
/// open to any origin, token lifetime checks switched off, secrets in config) so a scan does real
/// work; most carry the guarded, safe shapes of the same code.
/// </summary>
/// <remarks>
/// Self-contained (base library only) so any benchmark can use it. The same file count and seed
/// always produce the same bytes.
/// </remarks>
public sealed class SyntheticWorkspaceGenerator
{
    /// <summary>Default number of C# files: a large real-world solution.</summary>
    public const int DefaultFileCount = 5_000;

    /// <summary>Default seed of the random choices.</summary>
    public const int DefaultSeed = 20_251_123;

    private const int FilesPerProject = 400;

    /// <summary>One file in this many carries a risky pattern.</summary>
    private const int RiskDensity = 50;

    private static readonly string[] Domains =
    [
        "Orders", "Catalog", "Billing", "Shipping", "Identity", "Inventory", "Notifications", "Reporting",
        "Customers", "Payments", "Reviews", "Search", "Pricing", "Support", "Marketing", "Warehouse",
    ];

    private static readonly string[] Entities =
    [
        "Order", "OrderLine", "Product", "Category", "Customer", "Invoice", "Payment", "Shipment", "Address", "Review",
        "Coupon", "Warehouse", "StockItem", "Supplier", "Refund", "Subscription", "Plan", "Notification", "Report",
        "AuditEntry", "Tenant", "Member", "Role", "Cart", "CartItem", "Wishlist", "Tag", "Discount", "PriceList",
        "Carrier", "Parcel", "Ticket", "Comment", "Attachment", "Document", "Employee", "Department", "Budget",
        "Ledger", "Account", "Transaction", "Voucher", "Campaign", "Lead", "Contact", "Opportunity", "Quote", "Contract",
    ];

    private static readonly string[] Qualifiers =
    [
        "", "Admin", "Public", "Export", "Import", "Batch", "Audit", "Search", "Summary", "Archive", "Pricing", "Sync",
        "Lookup", "Portal", "Internal", "Partner", "Mobile", "Legacy", "Scheduling", "Approval", "Bulk", "Insights",
    ];

    private static readonly (string Type, string Name)[] PropertyPool =
    [
        ("string", "Name"), ("string", "Code"), ("string?", "Description"), ("decimal", "Amount"), ("decimal", "UnitPrice"),
        ("int", "Quantity"), ("DateTime", "CreatedAt"), ("DateTime?", "UpdatedAt"), ("bool", "IsActive"), ("string", "Status"),
        ("string?", "Notes"), ("Guid", "ExternalId"), ("string", "Email"), ("string?", "Phone"), ("string", "Currency"),
        ("int", "Priority"), ("DateTime?", "DueDate"), ("string?", "Reference"), ("long", "Version"), ("string", "Region"),
        ("decimal", "TaxRate"), ("string?", "CreatedBy"), ("bool", "IsDeleted"), ("int", "SortOrder"), ("string?", "Slug"),
    ];

    private static readonly string[] Words =
    [
        "pending", "approved", "rejected", "archived", "draft", "active", "suspended", "closed", "open", "expired",
    ];

    private readonly int _fileCount;
    private readonly int _seed;

    public SyntheticWorkspaceGenerator(int fileCount = DefaultFileCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fileCount, 1);
        _fileCount = fileCount;
        _seed = seed;
    }

    /// <summary>Writes the workspace under <paramref name="root"/> (created if missing) and returns what was written.</summary>
    public SyntheticWorkspace Generate(string root)
    {
        Directory.CreateDirectory(root);
        var state = new State(root, new Random(_seed));
        var projects = Math.Max(1, (_fileCount + FilesPerProject - 1) / FilesPerProject);
        var written = 0;
        for (var p = 0; p < projects; p++)
        {
            var domain = DomainOf(p);
            var share = (_fileCount - written) / (projects - p);
            written += GenerateProject(state, domain, share);
        }

        GenerateRootFiles(state);
        return new SyntheticWorkspace(
            root,
            state.CSharpFiles,
            state.OtherFiles,
            state.CSharpLines,
            state.CSharpBytes,
            new SortedDictionary<string, int>(state.Planted, StringComparer.Ordinal));
    }

    /// <summary>The folder of the <paramref name="index"/>-th generated project, relative to the root.</summary>
    public static string ProjectFolder(int index) => Path.Combine("src", $"Contoso.{DomainOf(index)}.Api");

    private static string DomainOf(int p) =>
        Domains[p % Domains.Length] + (p >= Domains.Length ? (p / Domains.Length + 1).ToString(CultureInfo.InvariantCulture) : string.Empty);

    private static int GenerateProject(State state, string domain, int files)
    {
        var project = $"Contoso.{domain}.Api";
        var dir = Path.Combine("src", project);
        var ns = $"Contoso.{domain}";
        var entities = Entities.OrderBy(_ => state.Random.Next()).Take(12 + state.Random.Next(10)).ToArray();
        var fileCount = 0;

        WriteOther(state, Path.Combine(dir, project + ".csproj"), ProjectFile());
        WriteOther(state, Path.Combine(dir, "appsettings.json"), AppSettings(state, domain, entities));
        WriteOther(state, Path.Combine(dir, "appsettings.Development.json"), AppSettingsDevelopment(state, domain));
        WriteOther(state, Path.Combine(dir, "appsettings.Production.json"), AppSettingsProduction(state, domain));
        WriteOther(state, Path.Combine(dir, "Properties", "launchSettings.json"), LaunchSettings(state, project));

        WriteCSharp(state, Path.Combine(dir, "Program.cs"), ProgramFile(state, ns, domain, entities));
        WriteCSharp(state, Path.Combine(dir, "Data", "AppDbContext.cs"), DbContextFile(state, ns, domain, entities));
        fileCount += 2;

        while (fileCount < files)
        {
            var entity = entities[state.Random.Next(entities.Length)];
            var qualifier = Qualifiers[state.Random.Next(Qualifiers.Length)];
            var roll = state.Random.Next(100);
            var (folder, suffix, build) = roll switch
            {
                < 22 => ("Controllers", "Controller", (Func<State, string, string, string, string>)ControllerFile),
                < 40 => ("Services", "Service", ServiceFile),
                < 50 => ("Data/Repositories", "Repository", RepositoryFile),
                < 59 => ("Data/Entities", string.Empty, EntityFile),
                < 66 => ("Data/Configurations", "Configuration", EntityConfigurationFile),
                < 75 => ("Endpoints", "Endpoints", EndpointsFile),
                < 84 => ("Contracts", "Contracts", DtoFile),
                < 90 => ("Validation", "Validator", ValidatorFile),
                < 94 => ("Options", "Options", OptionsFile),
                _ => ("Hosting", "Setup", SetupFile),
            };

            // Entities are named after the entity alone; other kinds may be qualified.
            var typeName = suffix.Length == 0 ? entity : entity + qualifier + suffix;
            var path = Path.Combine(dir, folder.Replace('/', Path.DirectorySeparatorChar), typeName + ".cs");
            if (!state.Paths.Add(path))
            {
                typeName += state.Paths.Count.ToString(CultureInfo.InvariantCulture);
                path = Path.Combine(dir, folder.Replace('/', Path.DirectorySeparatorChar), typeName + ".cs");
                state.Paths.Add(path);
            }

            WriteCSharp(state, path, build(state, ns, entity, typeName));
            fileCount++;
        }

        return fileCount;
    }

    private static void GenerateRootFiles(State state)
    {
        // .env is deliberately not ignored: a committed env file with live values is one of the risks.
        WriteOther(state, ".gitignore", """
            bin/
            obj/
            .vs/
            *.user
            *.suo
            TestResults/
            node_modules/
            """ + "\n");
        WriteOther(state, ".env", $"""
            # Local settings for docker compose
            ASPNETCORE_ENVIRONMENT=Development
            DB_HOST=localhost
            DB_PORT=5432
            DB_USER=contoso_app
            DB_PASSWORD={state.Token(20)}
            JWT_SIGNING_KEY={state.Token(44)}
            SMTP_HOST=smtp.contoso.test
            SMTP_PASSWORD={state.Token(16)}
            FEATURE_NEW_CHECKOUT=true
            """ + "\n");
        state.Plant("secret in .env", 3);
        WriteOther(state, ".env.example", """
            ASPNETCORE_ENVIRONMENT=Development
            DB_HOST=localhost
            DB_PORT=5432
            DB_USER=contoso_app
            DB_PASSWORD=changeme
            JWT_SIGNING_KEY=your-signing-key-here
            SMTP_HOST=smtp.example.com
            SMTP_PASSWORD=changeme
            FEATURE_NEW_CHECKOUT=false
            """ + "\n");
    }

    // ---- C# files ---------------------------------------------------------------------------

    private static string ProgramFile(State state, string ns, string domain, string[] entities)
    {
        var w = new CodeWriter();
        w.Line("using System.Text;");
        w.Line("using Microsoft.AspNetCore.Authentication.JwtBearer;");
        w.Line("using Microsoft.EntityFrameworkCore;");
        w.Line("using Microsoft.IdentityModel.Tokens;");
        w.Line($"using {ns}.Data;");
        w.Line($"using {ns}.Endpoints;");
        w.Line($"using {ns}.Services;");
        w.Line();
        w.Line("var builder = WebApplication.CreateBuilder(args);");
        w.Line();
        w.Line("builder.Services.AddControllers();");
        w.Line("builder.Services.AddEndpointsApiExplorer();");
        w.Line("builder.Services.AddSwaggerGen();");
        w.Line("builder.Services.AddProblemDetails();");
        w.Line("builder.Services.AddDbContext<AppDbContext>(options =>");
        w.Line($"    options.UseNpgsql(builder.Configuration.GetConnectionString(\"{domain}\")));");
        foreach (var entity in entities)
        {
            w.Line($"builder.Services.AddScoped<I{entity}Service, {entity}Service>();");
        }

        w.Line("builder.Services.AddHealthChecks();");
        w.Line();
        var risk = state.Roll();
        w.Line("builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)");
        w.Line("    .AddJwtBearer(options =>");
        w.Line("    {");
        w.Line("        options.Authority = builder.Configuration[\"Jwt:Authority\"];");
        w.Line("        options.Audience = builder.Configuration[\"Jwt:Audience\"];");
        w.Line("        options.TokenValidationParameters = new TokenValidationParameters");
        w.Line("        {");
        w.Line("            ValidateIssuer = true,");
        w.Line("            ValidateAudience = true,");
        w.Line(risk == 1 ? "            ValidateLifetime = false," : "            ValidateLifetime = true,");
        w.Line("            ValidateIssuerSigningKey = true,");
        w.Line("            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration[\"Jwt:SigningKey\"]!)),");
        w.Line("            ClockSkew = TimeSpan.FromMinutes(1),");
        w.Line("        };");
        w.Line("    });");
        if (risk == 1)
        {
            state.Plant("RDY1001 ValidateLifetime = false");
        }

        w.Line("builder.Services.AddAuthorization();");
        w.Line();
        w.Line("builder.Services.AddCors(options =>");
        w.Line("{");
        w.Line("    options.AddPolicy(\"frontend\", policy => policy");
        w.Line(risk == 2 ? "        .AllowAnyOrigin()" : "        .WithOrigins(builder.Configuration.GetSection(\"Cors:AllowedOrigins\").Get<string[]>() ?? [])");
        w.Line("        .AllowAnyHeader()");
        w.Line("        .AllowAnyMethod());");
        w.Line("});");
        if (risk == 2)
        {
            state.Plant("RDY2002 AllowAnyOrigin");
        }

        w.Line();
        w.Line("var app = builder.Build();");
        w.Line();
        if (risk == 3)
        {
            w.Line("app.UseDeveloperExceptionPage();");
            state.Plant("RDY2001 UseDeveloperExceptionPage unguarded");
        }
        else
        {
            w.Line("if (app.Environment.IsDevelopment())");
            w.Line("{");
            w.Line("    app.UseDeveloperExceptionPage();");
            w.Line("    app.UseSwagger();");
            w.Line("    app.UseSwaggerUI();");
            w.Line("}");
            w.Line("else");
            w.Line("{");
            w.Line("    app.UseExceptionHandler(\"/error\");");
            w.Line("    app.UseHsts();");
            w.Line("}");
        }

        w.Line();
        w.Line("app.UseHttpsRedirection();");
        w.Line("app.UseCors(\"frontend\");");
        w.Line("app.UseAuthentication();");
        w.Line("app.UseAuthorization();");
        w.Line("app.MapControllers();");
        w.Line("app.MapHealthChecks(\"/health\");");
        foreach (var entity in entities)
        {
            w.Line($"app.Map{entity}Endpoints();");
        }

        w.Line();
        w.Line("app.Run();");
        return w.ToString();
    }

    private static string DbContextFile(State state, string ns, string domain, string[] entities)
    {
        var w = new CodeWriter();
        w.Line("using Microsoft.EntityFrameworkCore;");
        w.Line($"using {ns}.Data.Entities;");
        w.Line();
        w.Line($"namespace {ns}.Data;");
        w.Line();
        w.Line($"public class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)");
        w.Open();
        foreach (var entity in entities)
        {
            w.Line($"public DbSet<{entity}> {Plural(entity)} => Set<{entity}>();");
            w.Line();
        }

        w.Line("protected override void OnModelCreating(ModelBuilder modelBuilder)");
        w.Open();
        w.Line("base.OnModelCreating(modelBuilder);");
        w.Line("modelBuilder.HasDefaultSchema(\"app\");");
        w.Line($"modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);");
        w.Line();
        foreach (var entity in entities)
        {
            w.Line($"modelBuilder.Entity<{entity}>(entity =>");
            w.Open();
            w.Line($"entity.ToTable(\"{Plural(entity).ToLowerInvariant()}\");");
            w.Line("entity.HasKey(e => e.Id);");
            w.Line("entity.Property(e => e.Name).HasMaxLength(200).IsRequired();");
            w.Line("entity.Property(e => e.Code).HasMaxLength(64).IsRequired();");
            if (state.Random.Next(2) == 0)
            {
                w.Line("entity.HasIndex(e => e.Code).IsUnique();");
            }
            else
            {
                w.Line("entity.HasIndex(e => e.Code);");
            }

            w.Line("entity.Property(e => e.Amount).HasPrecision(18, 2);");
            w.Line("entity.Property(e => e.RowVersion).IsRowVersion();");
            w.Line("entity.Property(e => e.CreatedAt).HasDefaultValueSql(\"now()\");");
            w.Line("entity.HasQueryFilter(e => !e.IsDeleted);");
            w.Close("});");
            w.Line();
        }

        w.Close();
        w.Line();
        w.Line("public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)");
        w.Open();
        w.Line("foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))");
        w.Open();
        w.Line("if (entry.Metadata.FindProperty(\"UpdatedAt\") is not null)");
        w.Open();
        w.Line("entry.Property(\"UpdatedAt\").CurrentValue = DateTime.UtcNow;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return base.SaveChangesAsync(cancellationToken);");
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string ControllerFile(State state, string ns, string entity, string typeName)
    {
        var plural = Plural(entity);
        var w = new CodeWriter();
        Usings(w, "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Mvc", "Microsoft.EntityFrameworkCore", $"{ns}.Contracts", $"{ns}.Data", $"{ns}.Data.Entities");
        w.Line($"namespace {ns}.Controllers;");
        w.Line();
        w.Line("[ApiController]");
        w.Line($"[Route(\"api/{typeName.Replace("Controller", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}\")]");
        if (state.Random.Next(3) > 0)
        {
            w.Line("[Authorize]");
        }

        w.Line($"public sealed class {typeName}(AppDbContext db, ILogger<{typeName}> logger) : ControllerBase");
        w.Open();
        var actions = 14 + state.Random.Next(11);
        for (var a = 0; a < actions; a++)
        {
            var dto = $"{entity}Dto";
            switch (a % 5)
            {
                case 0:
                    w.Line("[HttpGet]");
                    w.Line($"public async Task<ActionResult<IReadOnlyList<{dto}>>> List{a}([FromQuery] string? search, [FromQuery] int page = 1, [FromQuery] int pageSize = 50, CancellationToken cancellationToken = default)");
                    w.Open();
                    w.Line("if (page < 1 || pageSize is < 1 or > 200)");
                    w.Open();
                    w.Line("return BadRequest(\"page and pageSize are out of range\");");
                    w.Close();
                    w.Line();
                    w.Line($"var query = db.{plural}.AsNoTracking().Where(e => e.IsActive);");
                    w.Line("if (!string.IsNullOrWhiteSpace(search))");
                    w.Open();
                    w.Line("query = query.Where(e => e.Name.Contains(search) || e.Code == search);");
                    w.Close();
                    w.Line();
                    w.Line("var items = await query");
                    w.Line("    .OrderByDescending(e => e.CreatedAt)");
                    w.Line("    .ThenBy(e => e.Id)");
                    w.Line("    .Skip((page - 1) * pageSize)");
                    w.Line("    .Take(pageSize)");
                    w.Line($"    .Select(e => new {dto}(e.Id, e.Name, e.Code, e.Amount, e.Status, e.CreatedAt))");
                    w.Line("    .ToListAsync(cancellationToken);");
                    w.Line($"logger.LogDebug(\"Listed {{Count}} {plural} on page {{Page}}\", items.Count, page);");
                    w.Line("return Ok(items);");
                    w.Close();
                    break;
                case 1:
                    w.Line("[HttpGet(\"{id:int}\")]");
                    w.Line($"public async Task<ActionResult<{dto}>> Get{a}(int id, CancellationToken cancellationToken)");
                    w.Open();
                    w.Line($"var entity = await db.{plural}");
                    w.Line("    .AsNoTracking()");
                    w.Line("    .Include(e => e.Tags)");
                    w.Line("    .FirstOrDefaultAsync(e => e.Id == id, cancellationToken);");
                    w.Line("if (entity is null)");
                    w.Open();
                    w.Line($"logger.LogInformation(\"{entity} {{Id}} was not found\", id);");
                    w.Line("return NotFound();");
                    w.Close();
                    w.Line();
                    w.Line($"return new {dto}(entity.Id, entity.Name, entity.Code, entity.Amount, entity.Status, entity.CreatedAt);");
                    w.Close();
                    break;
                case 2:
                    w.Line("[HttpPost]");
                    w.Line($"public async Task<ActionResult<{dto}>> Create{a}([FromBody] Create{entity}Request request, CancellationToken cancellationToken)");
                    w.Open();
                    w.Line($"if (await db.{plural}.AnyAsync(e => e.Code == request.Code, cancellationToken))");
                    w.Open();
                    w.Line($"return Conflict($\"A {entity.ToLowerInvariant()} with code {{request.Code}} already exists\");");
                    w.Close();
                    w.Line();
                    w.Line($"var entity = new {entity}");
                    w.Open();
                    w.Line("Name = request.Name,");
                    w.Line("Code = request.Code,");
                    w.Line("Amount = request.Amount,");
                    w.Line($"Status = \"{state.Word()}\",");
                    w.Line("CreatedAt = DateTime.UtcNow,");
                    w.Line("IsActive = true,");
                    w.Close("};");
                    w.Line($"db.{plural}.Add(entity);");
                    w.Line("await db.SaveChangesAsync(cancellationToken);");
                    w.Line($"return CreatedAtAction(nameof(Get1), new {{ id = entity.Id }}, new {dto}(entity.Id, entity.Name, entity.Code, entity.Amount, entity.Status, entity.CreatedAt));");
                    w.Close();
                    break;
                case 3:
                    w.Line("[HttpPut(\"{id:int}\")]");
                    w.Line($"public async Task<IActionResult> Update{a}(int id, [FromBody] Update{entity}Request request, CancellationToken cancellationToken)");
                    w.Open();
                    w.Line($"var entity = await db.{plural}.FindAsync([id], cancellationToken);");
                    w.Line("if (entity is null)");
                    w.Open();
                    w.Line("return NotFound();");
                    w.Close();
                    w.Line();
                    w.Line("entity.Name = request.Name;");
                    w.Line("entity.Amount = request.Amount;");
                    w.Line("entity.Status = request.Status ?? entity.Status;");
                    w.Line("entity.UpdatedAt = DateTime.UtcNow;");
                    w.Line("try");
                    w.Open();
                    w.Line("await db.SaveChangesAsync(cancellationToken);");
                    w.Close();
                    w.Line("catch (DbUpdateConcurrencyException)");
                    w.Open();
                    w.Line($"logger.LogWarning(\"Concurrent update of {entity} {{Id}}\", id);");
                    w.Line("return Conflict();");
                    w.Close();
                    w.Line();
                    w.Line("return NoContent();");
                    w.Close();
                    break;
                default:
                    w.Line("[HttpDelete(\"{id:int}\")]");
                    w.Line("[Authorize(Roles = \"Admin\")]");
                    w.Line($"public async Task<IActionResult> Delete{a}(int id, CancellationToken cancellationToken)");
                    w.Open();
                    w.Line($"var deleted = await db.{plural}");
                    w.Line("    .Where(e => e.Id == id)");
                    w.Line("    .ExecuteUpdateAsync(s => s.SetProperty(e => e.IsDeleted, true).SetProperty(e => e.UpdatedAt, DateTime.UtcNow), cancellationToken);");
                    w.Line("if (deleted == 0)");
                    w.Open();
                    w.Line("return NotFound();");
                    w.Close();
                    w.Line();
                    w.Line($"logger.LogInformation(\"Deleted {entity} {{Id}}\", id);");
                    w.Line("return NoContent();");
                    w.Close();
                    break;
            }

            w.Line();
        }

        w.Line($"private static bool IsEditable({entity} entity) =>");
        w.Line($"    entity.IsActive && !entity.IsDeleted && entity.Status is \"{state.Word()}\" or \"{state.Word()}\";");
        w.Close();
        return w.ToString();
    }

    private static string ServiceFile(State state, string ns, string entity, string typeName)
    {
        var plural = Plural(entity);
        var w = new CodeWriter();
        Usings(w, "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.Caching.Memory", "Microsoft.Extensions.Options", $"{ns}.Contracts", $"{ns}.Data", $"{ns}.Data.Entities", $"{ns}.Options");
        w.Line($"namespace {ns}.Services;");
        w.Line();
        var methods = 12 + state.Random.Next(10);
        w.Line($"public interface I{typeName}");
        w.Open();
        for (var m = 0; m < methods; m++)
        {
            w.Line($"Task<{entity}Dto?> {MethodName(m)}{entity}{m}Async(int id, CancellationToken cancellationToken = default);");
            w.Line();
        }

        w.Close();
        w.Line();
        w.Line("/// <summary>Business operations over " + plural.ToLowerInvariant() + ", cached for a short time.</summary>");
        w.Line($"public sealed class {typeName}(AppDbContext db, IMemoryCache cache, IOptions<{entity}Options> options, ILogger<{typeName}> logger) : I{typeName}");
        w.Open();
        w.Line($"private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds({30 + state.Random.Next(300)});");
        w.Line();
        for (var m = 0; m < methods; m++)
        {
            w.Line($"public async Task<{entity}Dto?> {MethodName(m)}{entity}{m}Async(int id, CancellationToken cancellationToken = default)");
            w.Open();
            w.Line($"var key = $\"{entity.ToLowerInvariant()}:{m}:{{id}}\";");
            w.Line($"if (cache.TryGetValue(key, out {entity}Dto? cached))");
            w.Open();
            w.Line("return cached;");
            w.Close();
            w.Line();
            w.Line($"var entity = await db.{plural}");
            w.Line("    .AsNoTracking()");
            w.Line("    .Where(e => e.Id == id && !e.IsDeleted)");
            w.Line("    .FirstOrDefaultAsync(cancellationToken);");
            w.Line("if (entity is null)");
            w.Open();
            w.Line($"logger.LogDebug(\"{entity} {{Id}} not found\", id);");
            w.Line("return null;");
            w.Close();
            w.Line();
            w.Line($"if (entity.Amount > options.Value.MaxAmount)");
            w.Open();
            w.Line($"logger.LogWarning(\"{entity} {{Id}} exceeds the configured maximum {{Max}}\", id, options.Value.MaxAmount);");
            w.Close();
            w.Line();
            w.Line($"var dto = new {entity}Dto(entity.Id, entity.Name, entity.Code, Math.Round(entity.Amount * (1 + entity.TaxRate), 2), entity.Status, entity.CreatedAt);");
            w.Line("cache.Set(key, dto, CacheFor);");
            w.Line("return dto;");
            w.Close();
            w.Line();
        }

        w.Line($"private static string Normalize(string value) => value.Trim().ToUpperInvariant().Replace(\" \", \"-\", StringComparison.Ordinal);");
        w.Close();
        return w.ToString();
    }

    private static string RepositoryFile(State state, string ns, string entity, string typeName)
    {
        var plural = Plural(entity);
        var w = new CodeWriter();
        Usings(w, "System.Linq.Expressions", "Microsoft.EntityFrameworkCore", $"{ns}.Data.Entities");
        w.Line($"namespace {ns}.Data.Repositories;");
        w.Line();
        w.Line($"public sealed class {typeName}(AppDbContext db)");
        w.Open();
        var methods = 18 + state.Random.Next(12);
        for (var m = 0; m < methods; m++)
        {
            switch (m % 4)
            {
                case 0:
                    w.Line($"public Task<List<{entity}>> FindByStatus{m}Async(string status, int take, CancellationToken cancellationToken) =>");
                    w.Line($"    db.{plural}");
                    w.Line("        .Where(e => e.Status == status && e.IsActive)");
                    w.Line("        .OrderBy(e => e.SortOrder)");
                    w.Line("        .ThenBy(e => e.Name)");
                    w.Line("        .Take(take)");
                    w.Line("        .ToListAsync(cancellationToken);");
                    break;
                case 1:
                    w.Line($"public async Task<decimal> Total{m}Async(DateTime from, DateTime to, CancellationToken cancellationToken)");
                    w.Open();
                    w.Line($"var total = await db.{plural}");
                    w.Line("    .Where(e => e.CreatedAt >= from && e.CreatedAt < to)");
                    w.Line("    .SumAsync(e => (decimal?)e.Amount, cancellationToken);");
                    w.Line("return total ?? 0m;");
                    w.Close();
                    break;
                case 2:
                    w.Line($"public async Task<IReadOnlyDictionary<string, int>> CountByRegion{m}Async(CancellationToken cancellationToken)");
                    w.Open();
                    w.Line($"var rows = await db.{plural}");
                    w.Line("    .GroupBy(e => e.Region)");
                    w.Line("    .Select(g => new { Region = g.Key, Count = g.Count() })");
                    w.Line("    .ToListAsync(cancellationToken);");
                    w.Line("return rows.ToDictionary(r => r.Region, r => r.Count);");
                    w.Close();
                    break;
                default:
                    w.Line($"public async Task<int> Archive{m}Async(Expression<Func<{entity}, bool>> predicate, CancellationToken cancellationToken)");
                    w.Open();
                    w.Line($"await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);");
                    w.Line($"var archived = await db.{plural}");
                    w.Line("    .Where(predicate)");
                    w.Line($"    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, \"{state.Word()}\").SetProperty(e => e.UpdatedAt, DateTime.UtcNow), cancellationToken);");
                    w.Line("await transaction.CommitAsync(cancellationToken);");
                    w.Line("return archived;");
                    w.Close();
                    break;
            }

            w.Line();
        }

        w.Line($"public void Add({entity} entity) => db.{plural}.Add(entity);");
        w.Close();
        return w.ToString();
    }

    private static string EntityFile(State state, string ns, string entity, string typeName)
    {
        var w = new CodeWriter();
        Usings(w, "System.ComponentModel.DataAnnotations", "System.ComponentModel.DataAnnotations.Schema");
        w.Line($"namespace {ns}.Data.Entities;");
        w.Line();
        w.Line($"/// <summary>A {entity.ToLowerInvariant()} as stored in the database.</summary>");
        w.Line($"[Table(\"{Plural(entity).ToLowerInvariant()}\")]");
        w.Line($"public class {typeName}");
        w.Open();
        w.Line("[Key]");
        w.Line("public int Id { get; set; }");
        w.Line();
        w.Line("[Timestamp]");
        w.Line("public byte[] RowVersion { get; set; } = [];");
        w.Line();
        foreach (var (type, name) in PropertyPool)
        {
            if (type == "string")
            {
                w.Line($"[MaxLength({32 * (1 + state.Random.Next(8))})]");
                w.Line("[Required]");
            }

            w.Line($"public {type} {name} {{ get; set; }}{(type == "string" ? " = string.Empty;" : string.Empty)}");
            w.Line();
        }

        var extra = 20 + state.Random.Next(30);
        for (var i = 0; i < extra; i++)
        {
            var (type, name) = PropertyPool[state.Random.Next(PropertyPool.Length)];
            w.Line($"public {type} Legacy{name}{i} {{ get; set; }}{(type == "string" ? " = string.Empty;" : string.Empty)}");
            w.Line();
        }

        w.Line("public ICollection<Tag> Tags { get; set; } = new List<Tag>();");
        w.Line();
        w.Line("[NotMapped]");
        w.Line("public bool IsOverdue => DueDate is { } due && due < DateTime.UtcNow && Status != \"closed\";");
        w.Close();
        return w.ToString();
    }

    private static string EntityConfigurationFile(State state, string ns, string entity, string typeName)
    {
        var w = new CodeWriter();
        Usings(w, "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Metadata.Builders", $"{ns}.Data.Entities");
        w.Line($"namespace {ns}.Data.Configurations;");
        w.Line();
        w.Line($"public sealed class {typeName} : IEntityTypeConfiguration<{entity}>");
        w.Open();
        w.Line($"public void Configure(EntityTypeBuilder<{entity}> builder)");
        w.Open();
        w.Line($"builder.ToTable(\"{Plural(entity).ToLowerInvariant()}\", \"app\");");
        w.Line("builder.HasKey(e => e.Id);");
        foreach (var (type, name) in PropertyPool)
        {
            if (type.StartsWith("string", StringComparison.Ordinal))
            {
                w.Line($"builder.Property(e => e.{name}).HasMaxLength({32 * (1 + state.Random.Next(8))}){(type == "string" ? ".IsRequired()" : string.Empty)};");
            }
            else if (type == "decimal")
            {
                w.Line($"builder.Property(e => e.{name}).HasPrecision(18, {2 + state.Random.Next(3)});");
            }
        }

        w.Line("builder.Property(e => e.RowVersion).IsRowVersion();");
        w.Line(state.Random.Next(3) == 0 ? "builder.HasIndex(e => e.Email).IsUnique();" : "builder.HasIndex(e => new { e.Region, e.Status });");
        w.Line("builder.HasIndex(e => e.ExternalId).IsUnique();");
        w.Line("builder.HasMany(e => e.Tags).WithMany();");
        w.Line("builder.HasQueryFilter(e => !e.IsDeleted);");
        w.Line();
        w.Line("builder.HasData(");
        var seeds = 20 + state.Random.Next(40);
        for (var i = 1; i <= seeds; i++)
        {
            w.Line($"    new {entity} {{ Id = {i}, Name = \"{entity} {i}\", Code = \"{entity.ToUpperInvariant()}-{i:D4}\", Amount = {state.Random.Next(10_000)}.{state.Random.Next(100):D2}m, Status = \"{state.Word()}\", Currency = \"EUR\", Region = \"eu-west\" }}{(i < seeds ? "," : ");")}");
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string EndpointsFile(State state, string ns, string entity, string typeName)
    {
        var plural = Plural(entity);
        var w = new CodeWriter();
        Usings(w, "Microsoft.AspNetCore.Http.HttpResults", "Microsoft.EntityFrameworkCore", $"{ns}.Contracts", $"{ns}.Data", $"{ns}.Data.Entities");
        w.Line($"namespace {ns}.Endpoints;");
        w.Line();
        w.Line($"public static class {typeName}");
        w.Open();
        w.Line($"public static RouteGroupBuilder Map{typeName}(this IEndpointRouteBuilder routes)");
        w.Open();
        w.Line($"var group = routes.MapGroup(\"/api/{typeName.ToLowerInvariant()}\")");
        w.Line($"    .WithTags(\"{plural}\")");
        w.Line(state.Random.Next(4) == 0 ? "    .AllowAnonymous();" : "    .RequireAuthorization();");
        w.Line();
        var endpoints = 14 + state.Random.Next(12);
        for (var i = 0; i < endpoints; i++)
        {
            if (i % 2 == 0)
            {
                w.Line($"group.MapGet(\"/{i}/{{id:int}}\", async Task<Results<Ok<{entity}Dto>, NotFound>> (int id, AppDbContext db, CancellationToken cancellationToken) =>");
                w.Open();
                w.Line($"var dto = await db.{plural}");
                w.Line("    .AsNoTracking()");
                w.Line("    .Where(e => e.Id == id)");
                w.Line($"    .Select(e => new {entity}Dto(e.Id, e.Name, e.Code, e.Amount, e.Status, e.CreatedAt))");
                w.Line("    .FirstOrDefaultAsync(cancellationToken);");
                w.Line("return dto is null ? TypedResults.NotFound() : TypedResults.Ok(dto);");
                w.Close("})");
                w.Line($".WithName(\"Get{typeName}{i}\");");
            }
            else
            {
                w.Line($"group.MapPost(\"/{i}\", async Task<Results<Created<{entity}Dto>, ValidationProblem>> (Create{entity}Request request, AppDbContext db, CancellationToken cancellationToken) =>");
                w.Open();
                w.Line("if (string.IsNullOrWhiteSpace(request.Name))");
                w.Open();
                w.Line("return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [\"name\"] = [\"Name is required\"] });");
                w.Close();
                w.Line();
                w.Line($"var entity = new {entity} {{ Name = request.Name, Code = request.Code, Amount = request.Amount, CreatedAt = DateTime.UtcNow }};");
                w.Line($"db.{plural}.Add(entity);");
                w.Line("await db.SaveChangesAsync(cancellationToken);");
                w.Line($"return TypedResults.Created($\"/api/{typeName.ToLowerInvariant()}/{{entity.Id}}\", new {entity}Dto(entity.Id, entity.Name, entity.Code, entity.Amount, entity.Status, entity.CreatedAt));");
                w.Close("});");
            }

            w.Line();
        }

        w.Line("return group;");
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string DtoFile(State state, string ns, string entity, string typeName)
    {
        var w = new CodeWriter();
        Usings(w, "System.ComponentModel.DataAnnotations", "System.Text.Json.Serialization");
        w.Line($"namespace {ns}.Contracts;");
        w.Line();
        var records = 6 + state.Random.Next(8);
        for (var r = 0; r < records; r++)
        {
            w.Line($"/// <summary>Request or response shape {r} of the {entity.ToLowerInvariant()} API.</summary>");
            w.Line($"public sealed class {typeName}{r}");
            w.Open();
            var properties = 5 + state.Random.Next(8);
            for (var p = 0; p < properties; p++)
            {
                var (type, name) = PropertyPool[(r * 7 + p) % PropertyPool.Length];
                if (type == "string")
                {
                    w.Line("[Required]");
                    w.Line($"[StringLength({16 * (1 + state.Random.Next(16))})]");
                }

                w.Line($"[JsonPropertyName(\"{char.ToLowerInvariant(name[0])}{name[1..]}\")]");
                w.Line($"public {type} {name} {{ get; init; }}{(type == "string" ? " = string.Empty;" : string.Empty)}");
                w.Line();
            }

            w.Close();
            w.Line();
        }

        w.Line($"public sealed record {typeName}Page(IReadOnlyList<{entity}Dto> Items, int Page, int PageSize, int Total);");
        return w.ToString();
    }

    private static string ValidatorFile(State state, string ns, string entity, string typeName)
    {
        var w = new CodeWriter();
        Usings(w, "System.Text.RegularExpressions", $"{ns}.Contracts");
        w.Line($"namespace {ns}.Validation;");
        w.Line();
        w.Line($"public sealed partial class {typeName}");
        w.Open();
        w.Line($"public IReadOnlyList<string> Validate(Create{entity}Request request)");
        w.Open();
        w.Line("var errors = new List<string>();");
        var checks = 30 + state.Random.Next(30);
        for (var c = 0; c < checks; c++)
        {
            switch (c % 4)
            {
                case 0:
                    w.Line("if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)");
                    w.Open();
                    w.Line($"errors.Add(\"Name must be between 1 and 200 characters (check {c}).\");");
                    w.Close();
                    break;
                case 1:
                    w.Line("if (!CodePattern().IsMatch(request.Code))");
                    w.Open();
                    w.Line($"errors.Add(\"Code must be upper-case letters, digits and dashes (check {c}).\");");
                    w.Close();
                    break;
                case 2:
                    w.Line($"if (request.Amount < 0 || request.Amount > {1000 * (1 + state.Random.Next(100))}m)");
                    w.Open();
                    w.Line($"errors.Add(\"Amount is out of range (check {c}).\");");
                    w.Close();
                    break;
                default:
                    w.Line($"if (request.Status is not null && request.Status is not (\"{state.Word()}\" or \"{state.Word()}\" or \"{state.Word()}\"))");
                    w.Open();
                    w.Line($"errors.Add($\"Status '{{request.Status}}' is not allowed (check {c}).\");");
                    w.Close();
                    break;
            }

            w.Line();
        }

        w.Line("return errors;");
        w.Close();
        w.Line();
        w.Line("[GeneratedRegex(\"^[A-Z0-9-]{3,64}$\")]");
        w.Line("private static partial Regex CodePattern();");
        w.Close();
        return w.ToString();
    }

    private static string OptionsFile(State state, string ns, string entity, string typeName)
    {
        var w = new CodeWriter();
        Usings(w, "System.ComponentModel.DataAnnotations");
        w.Line($"namespace {ns}.Options;");
        w.Line();
        w.Line($"/// <summary>Settings bound from the \"{entity}\" configuration section.</summary>");
        w.Line($"public sealed class {typeName}");
        w.Open();
        w.Line($"public const string Section = \"{entity}\";");
        w.Line();
        var settings = 8 + state.Random.Next(20);
        for (var s = 0; s < settings; s++)
        {
            switch (s % 4)
            {
                case 0:
                    w.Line($"[Range(1, {100 * (1 + state.Random.Next(50))})]");
                    w.Line($"public int BatchSize{s} {{ get; set; }} = {1 + state.Random.Next(100)};");
                    break;
                case 1:
                    w.Line($"public TimeSpan Timeout{s} {{ get; set; }} = TimeSpan.FromSeconds({1 + state.Random.Next(120)});");
                    break;
                case 2:
                    w.Line("[Url]");
                    w.Line($"public string? Endpoint{s} {{ get; set; }}");
                    break;
                default:
                    w.Line($"public decimal MaxAmount {{ get; set; }} = {1000 * (1 + state.Random.Next(100))}m;");
                    s++;
                    break;
            }

            w.Line();
        }

        w.Line("public bool Enabled { get; set; } = true;");
        w.Close();
        return w.ToString();
    }

    /// <summary>Hosting setup: where the risky calls live in real apps. Mostly guarded; one in <see cref="RiskDensity"/> files not.</summary>
    private static string SetupFile(State state, string ns, string entity, string typeName)
    {
        var w = new CodeWriter();
        Usings(w, "System.Text", "Microsoft.AspNetCore.Authentication.JwtBearer", "Microsoft.IdentityModel.Tokens");
        w.Line($"namespace {ns}.Hosting;");
        w.Line();
        w.Line($"public static class {typeName}");
        w.Open();
        var risk = state.Roll(boost: 16);
        w.Line($"public static IServiceCollection Add{typeName}(this IServiceCollection services, IConfiguration configuration)");
        w.Open();
        w.Line($"services.AddOptions<Options.{entity}Options>().Bind(configuration.GetSection(\"{entity}\")).ValidateDataAnnotations().ValidateOnStart();");
        w.Line("services.AddAuthentication()");
        w.Line($"    .AddJwtBearer(\"{entity}\", options =>");
        w.Line("    {");
        w.Line($"        options.Authority = configuration[\"{entity}:Authority\"];");
        w.Line("        options.TokenValidationParameters = new TokenValidationParameters");
        w.Line("        {");
        w.Line($"            ValidIssuer = configuration[\"{entity}:Issuer\"],");
        w.Line($"            ValidAudience = configuration[\"{entity}:Audience\"],");
        w.Line(risk == 1 ? "            ValidateLifetime = false," : "            ValidateLifetime = true,");
        w.Line(risk == 2 ? "            ValidateAudience = false," : "            ValidateAudience = true,");
        w.Line("            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[\"Jwt:SigningKey\"]!)),");
        w.Line("        };");
        w.Line("    });");
        w.Line();
        w.Line("services.AddCors(options =>");
        w.Line("{");
        w.Line($"    options.AddPolicy(\"{entity.ToLowerInvariant()}\", policy =>");
        w.Line("    {");
        if (risk == 3)
        {
            w.Line("        policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod();");
        }
        else if (risk == 4)
        {
            w.Line("        policy.SetIsOriginAllowed(_ => true).AllowAnyHeader().AllowCredentials();");
        }
        else
        {
            w.Line($"        policy.WithOrigins(configuration.GetSection(\"{entity}:Origins\").Get<string[]>() ?? []).AllowAnyHeader();");
        }

        w.Line("    });");
        w.Line("});");
        w.Line("return services;");
        w.Close();
        w.Line();
        w.Line($"public static IApplicationBuilder Use{typeName}(this IApplicationBuilder app, IWebHostEnvironment env)");
        w.Open();
        if (risk == 5)
        {
            w.Line("app.UseDeveloperExceptionPage();");
        }
        else if (risk == 6)
        {
            w.Line("// readiness-ignore RDY2001: this module only runs in the internal tools host");
            w.Line("app.UseDeveloperExceptionPage();");
        }
        else
        {
            // The usual guards, in the shapes people write, so the guard logic runs on every one.
            switch (state.Random.Next(4))
            {
                case 0:
                    w.Line("if (env.IsDevelopment())");
                    w.Open();
                    w.Line("app.UseDeveloperExceptionPage();");
                    w.Close();
                    break;
                case 1:
                    w.Line("var isDevelopment = env.IsDevelopment();");
                    w.Line("if (isDevelopment)");
                    w.Open();
                    w.Line("app.UseDeveloperExceptionPage();");
                    w.Close();
                    break;
                case 2:
                    w.Line("if (!env.IsDevelopment())");
                    w.Open();
                    w.Line("app.UseExceptionHandler(\"/error\");");
                    w.Line("return app;");
                    w.Close();
                    w.Line();
                    w.Line("app.UseDeveloperExceptionPage();");
                    break;
                default:
                    w.Line("if (env.IsProduction())");
                    w.Open();
                    w.Line("app.UseExceptionHandler(\"/error\");");
                    w.Close();
                    w.Line("else");
                    w.Open();
                    w.Line("app.UseDeveloperExceptionPage();");
                    w.Close();
                    break;
            }
        }

        w.Line();
        w.Line("return app;");
        w.Close();

        // Filler that real setup classes carry: many small registrations.
        w.Line();
        w.Line($"private static void Register{entity}Handlers(IServiceCollection services)");
        w.Open();
        var handlers = 40 + state.Random.Next(60);
        for (var h = 0; h < handlers; h++)
        {
            w.Line($"services.AddScoped<I{entity}Handler{h}, {entity}Handler{h}>();");
        }

        w.Close();
        w.Close();
        switch (risk)
        {
            case 1: state.Plant("RDY1001 ValidateLifetime = false"); break;
            case 2: state.Plant("RDY1002 ValidateAudience = false"); break;
            case 3: state.Plant("RDY2002 AllowAnyOrigin"); break;
            case 4: state.Plant("RDY2003 any origin with credentials"); break;
            case 5: state.Plant("RDY2001 UseDeveloperExceptionPage unguarded"); break;
            case 6: state.Plant("RDY2001 suppressed inline"); break;
        }

        return w.ToString();
    }

    // ---- Other files ------------------------------------------------------------------------

    private static string ProjectFile() => """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.AspNetCore.Authentication.JwtBearer" Version="10.0.0" />
            <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="10.0.0" />
            <PackageReference Include="Swashbuckle.AspNetCore" Version="9.0.0" />
          </ItemGroup>
        </Project>
        """ + "\n";

    /// <summary>The project's settings, with a section for every entity's module (the keys its setup code reads).</summary>
    private static string AppSettings(State state, string domain, string[] entities)
    {
        var modules = new StringBuilder();
        foreach (var entity in entities)
        {
            // Now and then a module's issuer is missing: code reads a setting no file defines.
            var missing = state.Roll(boost: 5) == 1;
            if (missing)
            {
                state.Plant("module setting missing from one project (RDY2150 stays silent when another project defines it)");
            }

            var issuer = missing ? string.Empty : $"\n    \"Issuer\": \"https://login.contoso.test/{entity.ToLowerInvariant()}\",";
            modules.Append(CultureInfo.InvariantCulture, $"\n  \"{entity}\": {{\n    \"Authority\": \"https://login.contoso.test\",{issuer}\n    \"Audience\": \"{entity.ToLowerInvariant()}-api\",\n    \"Origins\": [ \"https://app.contoso.test\" ],\n    \"BatchSize0\": 50\n  }},");
        }

        var secret = state.Roll(boost: 10) is 1 or 2;
        var password = secret ? state.Token(18) : "${DB_PASSWORD}";
        var signingKey = secret ? state.Token(44) : string.Empty;
        if (secret)
        {
            state.Plant("secret in appsettings.json", 2);
        }

        return $$"""
            {
              "Logging": {
                "LogLevel": {
                  "Default": "Information",
                  "Microsoft.AspNetCore": "Warning",
                  "Microsoft.EntityFrameworkCore.Database.Command": "Warning"
                }
              },
              "AllowedHosts": "*",{{modules}}
              "ConnectionStrings": {
                "{{domain}}": "Host=db;Port=5432;Database={{domain.ToLowerInvariant()}};Username=contoso_app;Password={{password}}"
              },
              "Jwt": {
                "Authority": "https://login.contoso.test/{{domain.ToLowerInvariant()}}",
                "Audience": "{{domain.ToLowerInvariant()}}-api",
                "SigningKey": "{{signingKey}}"
              },
              "Cors": {
                "AllowedOrigins": [ "https://app.contoso.test", "https://admin.contoso.test" ]
              },
              "RateLimiting": {
                "PermitLimit": 100,
                "WindowSeconds": 60
              }
            }
            """ + "\n";
    }

    private static string AppSettingsDevelopment(State state, string domain) => $$"""
        {
          "Logging": {
            "LogLevel": {
              "Default": "Debug",
              "Microsoft.EntityFrameworkCore.Database.Command": "Information"
            }
          },
          "ConnectionStrings": {
            "{{domain}}": "Host=localhost;Port=5432;Database={{domain.ToLowerInvariant()}}_dev;Username=dev;Password=dev"
          },
          "DetailedErrors": true,
          "FeatureFlags": { "{{state.Word()}}": true }
        }
        """ + "\n";

    private static string AppSettingsProduction(State state, string domain)
    {
        var debug = state.Roll(boost: 10) == 1;
        if (debug)
        {
            state.Plant("debug logging in appsettings.Production.json");
        }

        return $$"""
            {
              "Logging": {
                "LogLevel": {
                  "Default": "{{(debug ? "Debug" : "Warning")}}"
                }
              },
              "AllowedHosts": "{{domain.ToLowerInvariant()}}.contoso.test",
              "Cors": {
                "AllowedOrigins": [ "https://app.contoso.test" ]
              }
            }
            """ + "\n";
    }

    private static string LaunchSettings(State state, string project) => $$"""
        {
          "$schema": "https://json.schemastore.org/launchsettings.json",
          "profiles": {
            "http": {
              "commandName": "Project",
              "dotnetRunMessages": true,
              "launchBrowser": false,
              "applicationUrl": "http://localhost:{{5000 + state.Random.Next(1000)}}",
              "environmentVariables": {
                "ASPNETCORE_ENVIRONMENT": "Development"
              }
            },
            "{{project}}": {
              "commandName": "Project",
              "applicationUrl": "https://localhost:{{7000 + state.Random.Next(1000)}}",
              "environmentVariables": {
                "ASPNETCORE_ENVIRONMENT": "Development"
              }
            }
          }
        }
        """ + "\n";

    // ---- Helpers ----------------------------------------------------------------------------

    private static void Usings(CodeWriter w, params string[] namespaces)
    {
        foreach (var ns in namespaces)
        {
            w.Line($"using {ns};");
        }

        w.Line();
    }

    private static string Plural(string noun) =>
        noun.EndsWith('y') && !noun.EndsWith("ey", StringComparison.Ordinal) ? noun[..^1] + "ies" :
        noun.EndsWith('s') || noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es" :
        noun + "s";

    private static string MethodName(int index) =>
        (index % 6) switch
        {
            0 => "Get",
            1 => "Refresh",
            2 => "Price",
            3 => "Summarize",
            4 => "Approve",
            _ => "Recalculate",
        };

    private static void WriteCSharp(State state, string relativePath, string content)
    {
        Write(state, relativePath, content);
        state.CSharpFiles++;
        state.CSharpBytes += Encoding.UTF8.GetByteCount(content);
        state.CSharpLines += content.Count(c => c == '\n');
    }

    private static void WriteOther(State state, string relativePath, string content)
    {
        Write(state, relativePath, content);
        state.OtherFiles++;
    }

    private static void Write(State state, string relativePath, string content)
    {
        var path = Path.Combine(state.Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private sealed class State(string root, Random random)
    {
        private const string TokenAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+/";

        public string Root { get; } = root;

        public Random Random { get; } = random;

        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Planted { get; } = new(StringComparer.Ordinal);

        public int CSharpFiles { get; set; }

        public int OtherFiles { get; set; }

        public long CSharpLines { get; set; }

        public long CSharpBytes { get; set; }

        /// <summary>
        /// 0 most of the time; otherwise a risk number from 1 to 6. Over all files, about one in
        /// <see cref="RiskDensity"/> carries a risk: setup files (a few percent of files) are
        /// where risks live, so they roll with a higher chance.
        /// </summary>
        public int Roll(int boost = 1) =>
            Random.Next(RiskDensity) < boost ? 1 + Random.Next(6) : 0;

        public string Word() => Words[Random.Next(Words.Length)];

        /// <summary>A random credential-shaped value (not any real format), high entropy so secret rules see it.</summary>
        public string Token(int length)
        {
            var chars = new char[length];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = TokenAlphabet[Random.Next(TokenAlphabet.Length)];
            }

            return new string(chars);
        }

        public void Plant(string what, int count = 1) => Planted[what] = Planted.GetValueOrDefault(what) + count;
    }

    /// <summary>Indented line writer; four spaces, LF line ends.</summary>
    private sealed class CodeWriter
    {
        private readonly StringBuilder _text = new(16 * 1024);
        private int _depth;

        public void Line(string text = "")
        {
            if (text.Length > 0)
            {
                _text.Append(' ', _depth * 4).Append(text);
            }

            _text.Append('\n');
        }

        public void Open(string text = "{")
        {
            Line(text);
            _depth++;
        }

        public void Close(string text = "}")
        {
            _depth--;
            Line(text);
        }

        public override string ToString() => _text.ToString();
    }
}

/// <summary>What <see cref="SyntheticWorkspaceGenerator.Generate"/> wrote.</summary>
/// <param name="Root">The workspace folder.</param>
/// <param name="CSharpFiles">C# files written.</param>
/// <param name="OtherFiles">Configuration, env, project and ignore files written.</param>
/// <param name="CSharpLines">Lines in the C# files.</param>
/// <param name="CSharpBytes">UTF-8 bytes in the C# files.</param>
/// <param name="Planted">Risky patterns written, by description.</param>
public sealed record SyntheticWorkspace(
    string Root,
    int CSharpFiles,
    int OtherFiles,
    long CSharpLines,
    long CSharpBytes,
    IReadOnlyDictionary<string, int> Planted);
