using System.ComponentModel.DataAnnotations;

namespace VibeShop.Models;

public class SignupRequest
{
    [Required, EmailAddress]
    public string Email { get; set; } = "";

    [Required, MinLength(8)]
    public string Password { get; set; } = "";

    [MaxLength(80)]
    public string? DisplayName { get; set; }

    // The admin console's "new staff member" form posts here too.
    public bool IsAdmin { get; set; }
}

public class LoginRequest
{
    [Required, EmailAddress]
    public string Email { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";
}

public class ForgotPasswordRequest
{
    [Required, EmailAddress]
    public string Email { get; set; } = "";
}

public class CreateOrderRequest
{
    public int ProductId { get; set; }
    public int Quantity { get; set; }
    public string? Note { get; set; }
}

public class CreateProductRequest
{
    [Required, MaxLength(32)]
    public string Sku { get; set; } = "";

    [Required, MaxLength(200)]
    public string Name { get; set; } = "";

    [Range(0.01, 100000)]
    public decimal Price { get; set; }

    [Range(0, 100000)]
    public int Stock { get; set; }

    public int CategoryId { get; set; }
}
