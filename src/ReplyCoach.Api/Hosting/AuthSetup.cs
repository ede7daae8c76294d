using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ReplyCoach.Api.Hosting;

/// <summary>Sign-in: Entra ID bearer tokens, or the local development mode.</summary>
internal static class AuthSetup
{
    /// <summary>The scheme the API uses; it forwards to bearer tokens or to development mode.</summary>
    public const string Scheme = "ReplyCoach";

    public const string DevelopmentScheme = "Development";

    public static WebApplicationBuilder AddReplyCoachAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Entra ID or development mode", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.DevelopmentMode
                        ? DevelopmentScheme
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, DevelopmentAuthenticationHandler>(DevelopmentScheme, null);

        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => ConfigureEntra(jwt, auth.Value));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AgentPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Agent, Roles.Lead))
            .AddPolicy(Roles.LeadPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Lead));
        return builder;
    }

    private static void ConfigureEntra(JwtBearerOptions jwt, AuthOptions auth)
    {
        if (string.IsNullOrWhiteSpace(auth.TenantId) || string.IsNullOrWhiteSpace(auth.ClientId))
        {
            return; // development mode; the validator refuses this combination otherwise
        }

        jwt.Authority = auth.Authority;
        if (!string.IsNullOrWhiteSpace(auth.MetadataAddress))
        {
            jwt.MetadataAddress = auth.MetadataAddress;
        }

        jwt.MapInboundClaims = false;
        jwt.RefreshOnIssuerKeyNotFound = true;
        var audiences = new List<string> { auth.ClientId, $"api://{auth.ClientId}" };
        audiences.AddRange(auth.Audiences);
        var instance = auth.Instance.TrimEnd('/');
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            // v2.0 tokens come from the authority; Office SSO tokens for an app registered for v1 come from sts.windows.net.
            ValidIssuers = [$"{instance}/{auth.TenantId}/v2.0", $"https://sts.windows.net/{auth.TenantId}/"],
            ValidateAudience = true,
            ValidAudiences = audiences,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            NameClaimType = "name",
            RoleClaimType = "roles",
        };
    }

    /// <summary>The id rate limits are kept per: the Entra object id, else the subject, else the client address.</summary>
    public static string PartitionKey(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var id = user.FindFirst("oid")?.Value ?? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
            if (!string.IsNullOrEmpty(id))
            {
                return "user:" + id;
            }
        }

        return "ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.Loopback);
    }

    private sealed class AuthOptionsValidator(IOptions<ServiceOptions> service) : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options)
        {
            if (service.Value.DevelopmentMode)
            {
                return ValidateOptionsResult.Success;
            }

            var failures = new List<string>();
            if (!Guid.TryParse(options.TenantId, out _))
            {
                failures.Add("ReplyCoach:Auth:TenantId must be the directory (tenant) id, a GUID (or set ReplyCoach:Service:DevelopmentMode=true for local use).");
            }

            if (!Guid.TryParse(options.ClientId, out _))
            {
                failures.Add("ReplyCoach:Auth:ClientId must be the application (client) id of the ReplyCoach API registration, a GUID.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

/// <summary>Development mode: every caller is a local developer with both roles. Only ever on loopback.</summary>
internal sealed class DevelopmentAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly ClaimsPrincipal Developer = new(new ClaimsIdentity(
        [
            new Claim("oid", "local-developer"),
            new Claim("name", "Local developer"),
            new Claim("roles", Roles.Agent),
            new Claim("roles", Roles.Lead),
        ],
        AuthSetup.DevelopmentScheme,
        "name",
        "roles"));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Developer, AuthSetup.DevelopmentScheme)));
}
