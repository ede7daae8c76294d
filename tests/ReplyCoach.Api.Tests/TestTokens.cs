using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ReplyCoach.Api.Tests;

/// <summary>
/// Issues real RS256-signed tokens shaped like Entra ID access tokens, from a key generated for the test run.
/// The service is configured (see <see cref="ApiFactory"/>) with this key as the tenant's signing key, so the
/// JwtBearer handler validates issuer, audience, signature and lifetime exactly as in production.
/// </summary>
internal static class TestTokens
{
    public const string TenantId = "3f0c2b6e-52a4-4c3f-9d6b-1b8f5e2a7c10";
    public const string ClientId = "9b2e4c6a-1d3f-4a5b-8c7d-0e1f2a3b4c5d";
    public const string Issuer = "https://login.microsoftonline.com/" + TenantId + "/v2.0";

    public static RsaSecurityKey TenantKey { get; } = NewKey("tenant-key");

    /// <summary>A key the tenant never published.</summary>
    public static RsaSecurityKey ForeignKey { get; } = NewKey("foreign-key");

    public static string Create(
        string[]? roles = null,
        string? audience = ClientId,
        string issuer = Issuer,
        SecurityKey? key = null,
        DateTime? expires = null,
        string userId = "user-1",
        string name = "Alex Agent")
    {
        var now = DateTime.UtcNow;
        var end = expires ?? now.AddMinutes(30);
        var claims = new Dictionary<string, object>
        {
            ["oid"] = userId,
            ["tid"] = TenantId,
            ["name"] = name,
            ["scp"] = "access_as_user",
        };
        if (roles is { Length: > 0 })
        {
            claims["roles"] = roles;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = end < now ? end.AddMinutes(-60) : now,
            NotBefore = end < now ? end.AddMinutes(-60) : now.AddSeconds(-5),
            Expires = end,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? TenantKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static string Agent(string userId = "user-1") => Create([Hosting.Roles.Agent], userId: userId);

    public static string Lead() => Create([Hosting.Roles.Lead], userId: "lead-1", name: "Lee Lead");

    private static RsaSecurityKey NewKey(string id) => new(RSA.Create(2048)) { KeyId = id };
}
