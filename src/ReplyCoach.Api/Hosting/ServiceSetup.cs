using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Api.Hosting;

/// <summary>Service options, limits (body size, rate), CORS, static files and health endpoints.</summary>
internal static class ServiceSetup
{
    public const string RateLimitPolicy = "per-user";
    public const string CorsPolicy = "addin";

    public static WebApplicationBuilder AddReplyCoachService(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceOptions>()
            .BindConfiguration(ServiceOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServiceOptions>, ServiceOptionsValidator>();
        builder.AddDevelopmentModeGuard();

        // Kestrel refuses larger bodies itself; the endpoints also check, so the test server answers the same.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ServiceOptions>>((kestrel, service) =>
            {
                kestrel.Limits.MaxRequestBodySize = service.Value.MaxRequestBodyBytes;
                kestrel.AddServerHeader = false;
            });
        return builder;
    }

    public static WebApplicationBuilder AddReplyCoachRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var service = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(AuthSetup.PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = service.RateLimitPermits,
                    Window = TimeSpan.FromSeconds(service.RateLimitWindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.RateLimitWindowSeconds;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                ApiLog.RateLimited(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ReplyCoach.Api.RateLimit"), context.Request.Path);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Too many checks in a short time; try again in {seconds} seconds.",
                    },
                });
            };
        });
        return builder;
    }

    public static WebApplicationBuilder AddReplyCoachCors(this WebApplicationBuilder builder)
    {
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<ServiceOptions>>((cors, service) => cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(service.Value.AllowedOrigins)
                .WithMethods("GET", "POST", "DELETE")
                .WithHeaders("Content-Type", "Authorization", "Idempotency-Key", "X-ReplyCoach-Check-Id")
                .WithExposedHeaders("Retry-After", "X-ReplyCoach-Check-Id")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    public static WebApplication UseReplyCoachStaticFiles(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // Outlook caches add-in files hard; a short lifetime lets a new version reach agents the same day.
                context.Context.Response.Headers.CacheControl = "public, max-age=300";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        return app;
    }

    public static WebApplication MapReplyCoachHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
