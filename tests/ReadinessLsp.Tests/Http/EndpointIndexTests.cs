using Microsoft.CodeAnalysis.Text;
using ReadinessLsp.Engine.Analysis;
using ReadinessLsp.Engine.Model;
using ReadinessLsp.Engine.Model.Http;
using ReadinessLsp.Engine.State;
using ReadinessLsp.Engine.Workspace;
using ReadinessLsp.Tests.Support;
using Serilog.Core;

namespace ReadinessLsp.Tests.Http;

/// <summary>
/// The endpoint model: every way an app exposes a handler, the route it answers, and who may call
/// it and why — across files, per app, as ASP.NET Core decides it.
/// </summary>
public sealed class EndpointIndexTests
{
    private const string WebProject = "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>";

    [Fact]
    public void Controller_actions_inherit_route_and_authorization_from_a_base_class_in_another_file()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Controllers/ApiControllerBase.cs", """
            [ApiController]
            [Authorize]
            [Route("api/[controller]")]
            public abstract class ApiControllerBase : ControllerBase { }
            """);
        var orders = workspace.Write("Controllers/OrdersController.cs", """
            public class OrdersController : ApiControllerBase
            {
                [HttpGet("{id:int}")]
                public IActionResult Get(int id, string? currency) => Ok();

                [AllowAnonymous]
                [HttpPost("{id:int}/notify")]
                public IActionResult Notify(int id, NotifyRequest request) => Ok();

                [Authorize(Roles = "Admin,Support")]
                [HttpDelete("{id:int}")]
                public IActionResult Delete(int id) => NoContent();
            }
            """);
        var index = Index(workspace);

        var get = index.ForMember(Normalize(orders), "OrdersController.Get");
        Assert.NotNull(get);
        Assert.Equal(EndpointKind.Action, get.Kind);
        Assert.Equal("GET /api/Orders/{id:int}", get.Display);
        Assert.Equal(["id"], get.RouteParameters);
        Assert.Equal(Access.SignedIn, get.Authorization.Access);
        Assert.Equal("[Authorize] on ApiControllerBase", get.Authorization.Because);
        Assert.Equal(ParameterSource.Query, get.Parameters.Single(p => p.Name == "currency").Source);
        Assert.False(get.ChangesData);

        var notify = index.ForMember(Normalize(orders), "OrdersController.Notify")!;
        Assert.True(notify.IsAnonymous);
        Assert.True(notify.Authorization.OnPurpose);
        Assert.Equal(ParameterSource.Body, notify.Parameters.Single(p => p.Name == "request").Source);
        Assert.True(notify.ChangesData);

        var delete = index.ForMember(Normalize(orders), "OrdersController.Delete")!;
        Assert.Equal(Access.Restricted, delete.Authorization.Access);
        Assert.Equal(["Admin", "Support"], delete.Authorization.Roles);
        Assert.Null(index.ForMember(Normalize(orders), "OrdersController.Missing"));
    }

    [Fact]
    public void An_attribute_route_naming_the_action_by_its_reserved_parameter_shows_the_action_name()
    {
        using var workspace = new TempWorkspace();
        var admin = workspace.Write("Controllers/AdminController.cs", """
            [Route("Admin")]
            public class AdminController : Controller
            {
                [HttpPost("{action}")]
                public async Task<IActionResult> Confirm(string userId) => Ok();

                [HttpGet("{controller}/{action}/{userId}")]
                public IActionResult Show(string userId) => Ok();
            }
            """);
        var index = Index(workspace);

        Assert.Equal("POST /Admin/Confirm", index.ForMember(Normalize(admin), "AdminController.Confirm")!.Display);
        var show = index.ForMember(Normalize(admin), "AdminController.Show")!;
        Assert.Equal("GET /Admin/Admin/Show/{userId}", show.Display);
        Assert.Equal(["userId"], show.RouteParameters);
    }

    [Fact]
    public void Minimal_endpoints_follow_groups_built_in_other_files_and_conventions_on_what_they_return()
    {
        using var workspace = new TempWorkspace();
        var program = workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapOrdersApi().RequireAuthorization();
            app.MapTodoEndpoints();
            var auth = app.MapGroup("/auth");
            auth.MapPost("/login", (LoginRequest request) => Results.Ok()).AllowAnonymous();
            app.MapDelete("/api/messages/{id:int}", async (int id, AppDbContext db) =>
            {
                await db.SaveChangesAsync();
                return Results.NoContent();
            });
            if (app.Environment.IsDevelopment())
            {
                app.MapGet("/debug/config", () => "dev only");
            }
            app.Run();
            """);
        var ordersApi = workspace.Write("Apis/OrdersApi.cs", """
            public static class OrdersApi
            {
                public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("api/orders").WithTags("Orders");
                    api.MapGet("{orderId:int}", GetOrderAsync);
                    return api;
                }

                public static Task<Order?> GetOrderAsync(int orderId, [AsParameters] OrderServices services) => services.Find(orderId);
            }
            """);
        var todos = workspace.Write("Endpoints/TodoEndpoints.cs", """
            public static class TodoEndpoints
            {
                public static void MapTodoEndpoints(this WebApplication app)
                {
                    var group = app.MapGroup("/todos");
                    group.RequireAuthorization("Admin");
                    group.MapPut("/{id}", (int id, TodoDto dto, TodoDb db) => db.SaveChangesAsync());
                }
            }
            """);
        var index = Index(workspace);

        var order = index.ForMember(Normalize(ordersApi), "OrdersApi.GetOrderAsync")!;
        Assert.Equal("GET /api/orders/{orderId:int}", order.Display);
        Assert.Equal(Access.SignedIn, order.Authorization.Access);
        Assert.Equal("RequireAuthorization() on what MapOrdersApi() returns", order.Authorization.Because);
        Assert.Equal(ParameterSource.Route, order.Parameters.Single(p => p.Name == "orderId").Source);

        var todo = index.ForMember(Normalize(todos), "TodoEndpoints.MapTodoEndpoints")!;
        Assert.Equal("PUT /todos/{id}", todo.Display);
        Assert.Equal(Access.Restricted, todo.Authorization.Access);
        Assert.Equal(["Admin"], todo.Authorization.Policies);
        Assert.True(todo.Writes);

        var login = index.ForMember(Normalize(program), "Program.POST /login")!;
        Assert.Equal("POST /auth/login", login.Display);
        Assert.True(login.Authorization.OnPurpose);

        var delete = index.ForMember(Normalize(program), "Program.DELETE /api/messages/{id:int}")!;
        Assert.True(delete.IsAnonymous);
        Assert.False(delete.Authorization.OnPurpose);
        Assert.StartsWith("nothing asks for a signed-in user", delete.Authorization.Because, StringComparison.Ordinal);
        Assert.True(delete.ChangesData);
        Assert.DoesNotContain(index.All, e => e.Route.Contains("debug", StringComparison.Ordinal));
    }

    [Fact]
    public void One_apps_fallback_policy_does_not_cover_another_app()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Admin/Admin.csproj", WebProject);
        workspace.Write("Admin/Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            var app = builder.Build();
            app.MapPost("/users", () => Results.Ok());
            app.Run();
            """);
        workspace.Write("Shop/Shop.csproj", WebProject);
        var shop = workspace.Write("Shop/Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapPost("/orders", () => Results.Ok());
            app.Run();
            """);
        var index = Index(workspace);

        var users = index.All.Single(e => e.Route == "/users");
        Assert.Equal(Access.SignedIn, users.Authorization.Access);
        Assert.Equal("the fallback policy (Admin/Program.cs:2)", users.Authorization.Because);
        Assert.True(index.All.Single(e => e.Route == "/orders").IsAnonymous);
        Assert.False(index.SetupOf(Normalize(shop)).FallbackPolicy);
    }

    [Fact]
    public void App_wide_conventions_cover_controllers_pages_and_the_global_filter_yields_to_allow_anonymous()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews(o => o.Filters.Add(new AuthorizeFilter()));
            builder.Services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Admin", "AdminOnly");
                o.Conventions.AllowAnonymousToPage("/Admin/Status");
            });
            builder.Services.AddAuthorization(o => o.AddPolicy("AdminOnly", p => p.RequireRole("Admin")));
            var app = builder.Build();
            app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
            app.MapRazorPages();
            app.Run();
            """);
        var home = workspace.Write("Controllers/HomeController.cs", """
            public class HomeController : Controller
            {
                public IActionResult Index() => View();
                public IActionResult Details(int id) => View();
                [AllowAnonymous] public IActionResult Privacy() => View();
            }
            """);
        var users = workspace.Write("Pages/Admin/Users.cshtml.cs", """
            public class UsersModel : PageModel
            {
                public void OnGet() { }
                public async Task<IActionResult> OnPostBanAsync(int id) { await _users.DeleteAsync(id); return Page(); }
            }
            """);
        var status = workspace.Write("Pages/Admin/Status.cshtml.cs", "public class StatusModel : PageModel { public void OnGet() { } }");
        var index = Index(workspace);

        var homeIndex = index.ForMember(Normalize(home), "HomeController.Index")!;
        Assert.Equal("ANY /Home/Index", homeIndex.Display);
        Assert.Equal(Access.SignedIn, homeIndex.Authorization.Access);
        Assert.StartsWith("the global AuthorizeFilter (Program.cs:2)", homeIndex.Authorization.Because, StringComparison.Ordinal);
        Assert.Equal("/Home/Details/{id?}", index.ForMember(Normalize(home), "HomeController.Details")!.Route);
        Assert.True(index.ForMember(Normalize(home), "HomeController.Privacy")!.IsAnonymous);

        var ban = index.ForMember(Normalize(users), "UsersModel.OnPostBanAsync")!;
        Assert.Equal("POST /Admin/Users?handler=Ban", ban.Display);
        Assert.Equal(Access.Restricted, ban.Authorization.Access);
        Assert.Contains("AuthorizeFolder(\"/Admin\")", ban.Authorization.Because, StringComparison.Ordinal);
        Assert.True(ban.ChangesData);
        Assert.True(index.ForMember(Normalize(status), "StatusModel.OnGet")!.IsAnonymous);
    }

    [Fact]
    public void Hub_methods_take_the_hub_and_map_hub_authorization_and_say_when_they_broadcast()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapHub<ChatHub>("/hubs/chat");
            app.MapHub<AdminHub>("/hubs/admin").RequireAuthorization();
            app.Run();
            """);
        var hubs = workspace.Write("Hubs.cs", """
            public class ChatHub : Hub
            {
                public Task Send(string message) => Clients.All.SendAsync("message", message);
                public override Task OnConnectedAsync() => base.OnConnectedAsync();
            }

            public class AdminHub : Hub<IAdminClient>
            {
                [Authorize(Roles = "Admin")]
                public Task Kick(string user) => Clients.User(user).Kicked();
            }
            """);
        var index = Index(workspace);

        var send = index.ForMember(Normalize(hubs), "ChatHub.Send")!;
        Assert.Equal(EndpointKind.HubMethod, send.Kind);
        Assert.Equal("hub method ChatHub.Send (/hubs/chat)", send.Display);
        Assert.True(send.IsAnonymous);
        Assert.True(send.Broadcasts);
        Assert.True(send.ChangesData);
        Assert.Null(index.ForMember(Normalize(hubs), "ChatHub.OnConnectedAsync"));
        Assert.Equal(Access.Restricted, index.ForMember(Normalize(hubs), "AdminHub.Kick")!.Authorization.Access);
    }

    [Fact]
    public void Rate_limiting_needs_the_middleware_and_a_policy_or_global_limiter_and_lockout_is_seen()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter("login", w => w.PermitLimit = 5));
            builder.Services.AddIdentity<AppUser, IdentityRole>(o => o.Lockout.AllowedForNewUsers = false);
            var app = builder.Build();
            app.UseRateLimiter();
            app.MapControllers();
            app.Run();
            """);
        var account = workspace.Write("Controllers/AccountController.cs", """
            [ApiController]
            [Route("account")]
            [EnableRateLimiting("login")]
            public class AccountController : ControllerBase
            {
                [HttpPost("login")] public IActionResult Login(LoginRequest request) => Ok();
                [HttpGet("ping"), DisableRateLimiting] public IActionResult Ping() => Ok();
            }
            """);
        var index = Index(workspace);

        var login = index.ForMember(Normalize(account), "AccountController.Login")!;
        Assert.True(login.RateLimit.Limited);
        Assert.Equal("login", login.RateLimit.Policy);
        Assert.False(index.ForMember(Normalize(account), "AccountController.Ping")!.RateLimit.Limited);
        var setup = index.SetupOf(Normalize(account));
        Assert.True(setup.RateLimiting);
        Assert.True(setup.Identity);
        Assert.True(setup.LockoutDisabled);
        Assert.Equal(["login"], setup.LimiterPolicies);
    }

    [Fact]
    public void A_limiter_that_is_registered_but_never_used_limits_nothing()
    {
        using var workspace = new TempWorkspace();
        var program = workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRateLimiter(o => o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c => RateLimitPartition.GetNoLimiter("all")));
            var app = builder.Build();
            app.MapPost("/login", (LoginRequest r) => Results.Ok()).RequireRateLimiting("login");
            app.Run();
            """);
        var login = Index(workspace).ForMember(Normalize(program), "Program.POST /login")!;
        Assert.False(login.RateLimit.Limited);
        Assert.Contains("UseRateLimiter", login.RateLimit.Because, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_only_asks_for_a_signed_in_user_restricts_nothing_more()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorizationBuilder()
                .AddPolicy("Members", p => p.RequireAuthenticatedUser())
                .AddPolicy("Staff", p => p.RequireClaim("staff"));
            var app = builder.Build();
            app.MapGet("/a", () => 1).RequireAuthorization("Members");
            app.MapGet("/b", () => 2).RequireAuthorization("Staff");
            app.Run();
            """);
        var index = Index(workspace);
        Assert.Equal(Access.SignedIn, index.All.Single(e => e.Route == "/a").Authorization.Access);
        Assert.Equal(Access.Restricted, index.All.Single(e => e.Route == "/b").Authorization.Access);
    }

    [Fact]
    public void Hover_on_an_endpoint_says_who_can_call_it_and_why()
    {
        using var workspace = new TempWorkspace();
        var program = workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapDelete("/api/messages/{id:int}", async (int id, AppDbContext db) => await db.SaveChangesAsync());
            app.Run();
            """);
        var models = Models(workspace);

        var hover = EndpointHover.Describe(models, Normalize(program), new LinePosition(2, 8));

        Assert.NotNull(hover);
        Assert.Contains("`DELETE /api/messages/{id:int}` — anyone on the internet can call it, without signing in", hover, StringComparison.Ordinal);
        Assert.Contains("no fallback policy", hover, StringComparison.Ordinal);
        Assert.Contains("It changes data", hover, StringComparison.Ordinal);
        Assert.Contains("`id` (route)", hover, StringComparison.Ordinal);
        Assert.Null(EndpointHover.Describe(models, Normalize(program), new LinePosition(0, 4)));
    }

    [Fact]
    public void A_group_helper_in_another_file_applies_its_authorization_and_rate_limit()
    {
        using var workspace = new TempWorkspace();
        workspace.Write("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter("fixed", _ => { }));
            var app = builder.Build();
            app.UseRateLimiter();
            app.MapGroup("/leases").WithLeaseDefaults().MapPost("/{id}/revoke", (Guid id) => Results.Ok());
            app.MapGroup("/open").WithTags("Open").MapPost("/", () => Results.Ok());
            app.Run();
            """);
        workspace.Write("Defaults.cs", """
            public static class Defaults
            {
                public static RouteGroupBuilder WithLeaseDefaults(this RouteGroupBuilder group)
                {
                    group.WithSignedIn().RequireRateLimiting("fixed");
                    return group;
                }

                public static TBuilder WithSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
                    builder.RequireAuthorization("Application");
            }
            """);
        var index = Index(workspace);

        var revoke = index.All.Single(e => e.Route == "/leases/{id}/revoke");
        Assert.Equal(Access.Restricted, revoke.Authorization.Access);
        Assert.Contains("WithSignedIn() (Defaults.cs:9)", revoke.Authorization.Because, StringComparison.Ordinal);
        Assert.Contains("WithLeaseDefaults() on", revoke.Authorization.Because, StringComparison.Ordinal);
        Assert.True(revoke.RateLimit.Limited);
        Assert.Equal(Access.Anyone, index.All.Single(e => e.Route == "/open").Authorization.Access);
    }

    [Fact]
    public void An_action_filter_of_the_app_that_turns_callers_away_guards_the_action_and_the_hover_says_so()
    {
        using var workspace = new TempWorkspace();
        var controller = workspace.Write("Controllers/BillingController.cs", """
            [Route("billing")]
            public class BillingController : Controller
            {
                [HttpPut("address")]
                [InjectProvider(ProviderUserType.ProviderAdmin)]
                public IActionResult UpdateAddress(AddressRequest request) => Ok();

                [HttpPut("note")]
                [LogDuration]
                public IActionResult UpdateNote(NoteRequest request) => Ok();
            }
            """);
        workspace.Write("InjectProviderAttribute.cs", """
            public class InjectProviderAttribute(ProviderUserType type) : ActionFilterAttribute
            {
                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    if (!Allowed(context, type)) context.Result = new ForbidResult();
                }
            }
            """);
        workspace.Write("LogDurationAttribute.cs", """
            public class LogDurationAttribute : ActionFilterAttribute
            {
                public override void OnActionExecuted(ActionExecutedContext context) => Log(context);
            }
            """);
        var models = Models(workspace);
        var index = models.Get<EndpointIndex>();

        var guarded = index.ForMember(Normalize(controller), "BillingController.UpdateAddress")!;
        Assert.Equal(Access.Restricted, guarded.Authorization.Access);
        Assert.Contains("turns callers away in its own code (InjectProviderAttribute.cs:1)", guarded.Authorization.Because, StringComparison.Ordinal);
        Assert.Equal(Access.Anyone, index.ForMember(Normalize(controller), "BillingController.UpdateNote")!.Authorization.Access);

        var hover = EndpointHover.Describe(models, Normalize(controller), new LinePosition(5, 26));
        Assert.NotNull(hover);
        Assert.Contains("only callers the app's own filter `InjectProvider` lets through can call it", hover, StringComparison.Ordinal);
    }

    private static EndpointIndex Index(TempWorkspace workspace) => Models(workspace).Get<EndpointIndex>();

    private static WorkspaceModels Models(TempWorkspace workspace) =>
        CheckRun.Check(ReadinessEngine.CreateDefault(Logger.None), [workspace.Root], Logger.None).State.Models;

    private static string Normalize(string path) => PathNormalizer.Normalize(path);
}
