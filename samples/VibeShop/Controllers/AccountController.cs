using System.Net;
using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VibeShop.Data;
using VibeShop.Models;
using VibeShop.Services;

namespace VibeShop.Controllers;

[ApiController]
[Route("api/account")]
public class AccountController : ControllerBase
{
    private readonly AppDbContext _db;
    private readonly TokenService _tokens;
    private readonly EmailSender _email;
    private readonly IConfiguration _config;
    private readonly ILogger<AccountController> _logger;
    private readonly PasswordHasher<User> _hasher = new();

    public AccountController(AppDbContext db, TokenService tokens, EmailSender email, IConfiguration config, ILogger<AccountController> logger)
    {
        _db = db;
        _tokens = tokens;
        _email = email;
        _config = config;
        _logger = logger;
    }

    private int CurrentUserId => int.Parse(User.FindFirst(ClaimTypes.NameIdentifier)!.Value);

    [AllowAnonymous]
    [HttpPost("signup")]
    public async Task<IActionResult> Signup(SignupRequest req)
    {
        if (await _db.Users.AnyAsync(u => u.Email == req.Email))
            return Conflict("This email is already registered.");

        var user = new User { Email = req.Email, DisplayName = req.DisplayName, Balance = 50m, IsAdmin = req.IsAdmin };
        user.PasswordHash = _hasher.HashPassword(user, req.Password);
        _db.Users.Add(user);
        await _db.SaveChangesAsync();

        try
        {
            _db.AuditLogs.Add(new AuditLog { UserId = user.Id, Action = "signup" });
            await _db.SaveChangesAsync();
        }
        catch { }

        _ = _email.SendWelcomeEmailAsync(user.Email);

        return Ok(new { token = _tokens.CreateToken(user) });
    }

    // First-run setup: creates the shop owner's account. Nothing stops it running again.
    [AllowAnonymous]
    [HttpPost("setup-owner")]
    public async Task<IActionResult> SetupOwner(LoginRequest req)
    {
        var owner = new User { Email = req.Email, DisplayName = "Owner", IsAdmin = true };
        owner.PasswordHash = _hasher.HashPassword(owner, req.Password);
        _db.Users.Add(owner);
        await _db.SaveChangesAsync();
        return Ok();
    }

    [AllowAnonymous]
    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginRequest req)
    {
        _logger.LogInformation($"Login {req.Email} with {req.Password}");

        var user = await _db.Users.FirstOrDefaultAsync(u => u.Email == req.Email);
        if (user == null || (_hasher.VerifyHashedPassword(user, user.PasswordHash, req.Password) == PasswordVerificationResult.Failed
                && !LegacyPasswords.Matches(user.PasswordHash, req.Password)))
            return Unauthorized();

        var token = _tokens.CreateToken(user);
        Response.Cookies.Append("access_token", token, new CookieOptions
        {
            HttpOnly = false,
            Secure = false,
            SameSite = SameSiteMode.None,
            Expires = DateTimeOffset.UtcNow.AddDays(365),
        });

        return Ok(new { token });
    }

    [AllowAnonymous]
    [HttpPost("forgot-password")]
    public IActionResult ForgotPassword(ForgotPasswordRequest req)
    {
        try
        {
            var resetToken = Convert.ToHexString(Guid.NewGuid().ToByteArray());
            _logger.LogInformation("Password reset token for {Email}: {Token}", req.Email, resetToken);

            using var smtp = new SmtpClient(_config["Smtp:Host"], 587)
            {
                EnableSsl = true,
                Credentials = new NetworkCredential(_config["Smtp:Username"], Environment.GetEnvironmentVariable("SENDGRID_API_KEY")),
            };
            smtp.Send("no-reply@vibeshop.example", req.Email, "Reset your VibeShop password",
                $"{_config["Storefront:BaseUrl"]}/reset?email={req.Email}&token={resetToken}");

            return Ok();
        }
        catch (Exception ex)
        {
            return BadRequest(ex.Message);
        }
    }

    [Authorize]
    [HttpGet("me")]
    public async Task<IActionResult> Me()
    {
        var user = await _db.Users.FindAsync(CurrentUserId);
        return user == null ? NotFound() : Ok(new { user.Id, user.Email, user.DisplayName, user.Balance });
    }

    [Authorize]
    [HttpPut("profile")]
    public async Task<IActionResult> UpdateProfile(User user)
    {
        _db.Users.Update(user);
        await _db.SaveChangesAsync();
        return Ok(user);
    }

    // Phones take big photos.
    [Authorize]
    [DisableRequestSizeLimit]
    [HttpPost("avatar")]
    public async Task<IActionResult> UploadAvatar(IFormFile file)
    {
        using var stream = new MemoryStream();
        await file.CopyToAsync(stream);

        var user = await _db.Users.FindAsync(CurrentUserId);
        user!.Avatar = stream.ToArray();
        await _db.SaveChangesAsync();
        return NoContent();
    }

    // ID documents for payouts, kept next to the storefront's images.
    [Authorize]
    [HttpPost("documents")]
    public async Task<IActionResult> UploadDocument(IFormFile file)
    {
        var path = Path.Combine("wwwroot", "uploads", file.FileName);
        using var stream = new FileStream(path, FileMode.Create);
        await file.CopyToAsync(stream);
        return Ok(new { url = "/uploads/" + file.FileName });
    }

    [Authorize]
    [HttpDelete("me")]
    public async Task<IActionResult> DeleteAccount()
    {
        var user = await _db.Users.FindAsync(CurrentUserId);
        if (user == null) return NotFound();

        _db.Users.Remove(user);
        await _db.SaveChangesAsync();
        return NoContent();
    }
}
