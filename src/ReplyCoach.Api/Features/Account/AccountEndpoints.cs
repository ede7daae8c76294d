using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Api.Hosting;

namespace ReplyCoach.Api.Features.Account;

/// <summary>GET /api/v1/me (any signed-in agent) and GET /api/v1/settings (team leads).</summary>
internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me)
            .WithTags("Account")
            .RequireAuthorization(Roles.AgentPolicy)
            .WithName("Me")
            .WithSummary("Who the caller is and which ReplyCoach roles they hold.");
        api.MapGet("/settings", Settings)
            .WithTags("Account")
            .RequireAuthorization(Roles.LeadPolicy)
            .WithName("Settings")
            .WithSummary("The engine settings in force (team leads only).");
        return api;
    }

    internal static Ok<MeResponse> Me(HttpContext context, IOptions<ServiceOptions> options)
    {
        var user = context.User;
        var roles = user.FindAll("roles").Select(c => c.Value).Where(r => r is Roles.Agent or Roles.Lead).Distinct().ToList();
        return TypedResults.Ok(new MeResponse(user.Identity?.Name ?? user.FindFirst("preferred_username")?.Value ?? "unknown", roles, options.Value.DevelopmentMode));
    }

    internal static Ok<SettingsResponse> Settings(DraftEngine engine, IOptions<ServiceOptions> options) =>
        TypedResults.Ok(new SettingsResponse(
            new ThresholdsDto(engine.Analyzer.Options.CautionThreshold, engine.Analyzer.Options.HoldThreshold),
            engine.Analyzer.HasModel,
            options.Value.MaxDraftChars,
            options.Value.SendCheckBudgetMilliseconds,
            options.Value.AssessBudgetMilliseconds,
            options.Value.RateLimitCharacters,
            options.Value.RateLimitWindowSeconds));
}
