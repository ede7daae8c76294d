using Microsoft.AspNetCore.Http.HttpResults;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Api.Hosting;

namespace ReplyCoach.Api.Features.SendCheck;

/// <summary>POST /api/v1/send-check: the on-send decision behind the Smart Alert.</summary>
internal static class SendCheckEndpoints
{
    public static RouteGroupBuilder MapSendCheckEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/send-check", SendCheck)
            .WithTags("Send check")
            .RequireAuthorization(Roles.AgentPolicy)
            .WithName("SendCheck")
            .WithSummary("Allow, or prompt with a message of at most 500 characters, a suggested delay and the task pane link. With Graph configured, reads the customer's latest message and the recipient's working hours within a share of the budget. Flagged checks are audited (Idempotency-Key; the answer carries X-ReplyCoach-Check-Id). Answers within its time budget; lets the mail go when anything is slow or fails.")
            .AcceptsDraftBody();
        return api;
    }

    internal static async Task<Results<Ok<SendCheckResponse>, ProblemHttpResult>> SendCheck(
        HttpRequest http, DraftEngine engine, SendCheckService sendCheck, CancellationToken cancellationToken)
    {
        var (request, format, problem) = await engine.ReadAsync(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (decision, tooDeep) = await sendCheck.DecideAsync(http.HttpContext, request!, format, cancellationToken);
        return tooDeep is not null ? tooDeep : TypedResults.Ok(decision!);
    }
}
