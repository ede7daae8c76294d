using Microsoft.AspNetCore.Http.HttpResults;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Api.Hosting;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>POST /api/v1/assess and /api/v1/rewrite.</summary>
internal static class DraftEndpoints
{
    public static RouteGroupBuilder MapDraftEndpoints(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("").WithTags("Drafts").RequireAuthorization(Roles.AgentPolicy);
        drafts.MapPost("/assess", Assess)
            .AddEndpointFilter<Audit.AuditRecordingFilter>()
            .WithName("Assess")
            .WithSummary("Assesses a draft: level, per-category scores, flagged words with reasons, suggestions, verified rewrite and cooling-off advice. The work per draft is bounded (caps and a time budget; see partial and omitted).")
            .AcceptsDraftBody()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        drafts.MapPost("/rewrite", Rewrite)
            .WithName("Rewrite")
            .WithSummary("Rewrites the agent's words in a calmer tone; the rewrite is re-scored and keeps every fact.")
            .AcceptsDraftBody()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    internal static async Task<Results<Ok<AssessResponse>, ProblemHttpResult>> Assess(HttpRequest http, DraftEngine engine, CancellationToken cancellationToken)
    {
        var (request, format, problem) = await engine.ReadAsync(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await engine.AssessAsync(http.HttpContext, request!, format, AuditCaller.From(http.HttpContext)?.UserId, cancellationToken);
    }

    internal static async Task<Results<Ok<RewriteResponse>, ProblemHttpResult>> Rewrite(HttpRequest http, DraftEngine engine, CancellationToken cancellationToken)
    {
        var (request, format, problem) = await engine.ReadAsync(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await engine.RewriteAsync(http.HttpContext, request!, format, AuditCaller.From(http.HttpContext)?.UserId, cancellationToken);
    }
}
