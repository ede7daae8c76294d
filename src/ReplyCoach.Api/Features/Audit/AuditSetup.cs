using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Hosting;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>The audit trail and team-lead dashboard: <c>builder.AddAudit()</c> and <c>app.MapAudit()</c>.</summary>
internal static class AuditSetup
{
    /// <summary>The store (SQLite or PostgreSQL, from ReplyCoach:Audit), its retention service, the recorder, the recent-flag count and a readiness check.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddReplyCoachAudit();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        builder.Services.AddSingleton<AuditRecorder>();
        builder.Services.AddOptions<RecentFlagsOptions>().BindConfiguration(RecentFlagsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RecentFlags>();
        builder.Services.AddHealthChecks().AddCheck<AuditHealthCheck>("audit", tags: ["ready"]);
        return builder;
    }

    /// <summary>The outcome report and lead API under /api/v1, and the dashboard page at /dashboard/.</summary>
    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapGroup("/api/v1")
            .RequireCors(ServiceSetup.CorsPolicy)
            .RequireRateLimiting(ServiceSetup.RateLimitPolicy)
            .MapAuditEndpoints();

        // The page itself is public (it holds no data); everything it shows comes from the lead API with a token.
        // Routing treats "/dashboard" and "/dashboard/" alike; the handler sends the first to the second.
        app.MapGet("/dashboard", DashboardPage).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult DashboardPage(HttpContext context, IWebHostEnvironment environment, IOptions<AuthOptions> auth)
    {
        if (!context.Request.Path.Value!.EndsWith('/'))
        {
            return TypedResults.Redirect("/dashboard/" + context.Request.QueryString);
        }

        var file = environment.WebRootFileProvider.GetFileInfo("dashboard/index.html");
        if (!file.Exists || file.PhysicalPath is null)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        var login = new Uri(auth.Value.Instance).GetLeftPart(UriPartial.Authority);
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' {login}; frame-ancestors 'none'; base-uri 'none'; form-action 'self' {login}";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(file.PhysicalPath, "text/html; charset=utf-8");
    }

    /// <summary>Ready when the store answers a query.</summary>
    private sealed class AuditHealthCheck(IAuditStore store, IOptions<AuditOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!options.Value.Enabled)
            {
                return HealthCheckResult.Healthy("audit disabled");
            }

            try
            {
                await store.ListAsync(new AuditQuery(new AuditFilter(), 1), AuditScope.All, cancellationToken);
                return HealthCheckResult.Healthy($"audit store ({options.Value.Provider})");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"the audit store does not answer ({e.GetType().Name})");
            }
        }
    }
}
