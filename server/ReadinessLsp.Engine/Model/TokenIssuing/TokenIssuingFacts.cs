namespace ReadinessLsp.Engine.Model.TokenIssuing;

/// <summary>
/// A token the app mints itself (<c>new JwtSecurityToken(...)</c>, <c>new SecurityTokenDescriptor { ... }</c>)
/// and whether it carries an <c>iss</c> and an <c>aud</c> claim.
/// </summary>
internal sealed record IssuedToken(bool CarriesIssuer, bool CarriesAudience);

/// <summary>The file creates a <c>SymmetricSecurityKey</c>: tokens are signed and checked with one shared secret.</summary>
internal sealed record SymmetricKeyCreated(bool Present = true);
