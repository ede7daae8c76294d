using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Api.Hosting;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.CoolingOff;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Graph;
using ReplyCoach.Graph.Context;
using ReplyCoach.Graph.Decisions;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// The Microsoft Graph integration in the web service (<c>builder.AddGraphIntegration()</c>, <c>app.MapDrafts()</c>):
/// review a draft in the agent's mailbox with its thread context, schedule a cooling-off send, cancel it. Without a
/// tenant configured every endpoint answers 501 with a ProblemDetails saying so, and the rest of the service works.
/// </summary>
internal static class DraftMailboxEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>Graph services, from ReplyCoach:Graph, with the scheduled audit sweep of the configured mailboxes.</summary>
    public static WebApplicationBuilder AddGraphIntegration(this WebApplicationBuilder builder)
    {
        builder.Services.AddReplyCoachGraph(builder.Configuration, scheduledSweep: true);
        return builder;
    }

    /// <summary>POST /api/v1/drafts/{id}/review, POST and DELETE /api/v1/drafts/{id}/defer.</summary>
    public static WebApplication MapDrafts(this WebApplication app)
    {
        var drafts = app.MapGroup("/api/v1/drafts")
            .RequireCors(ServiceSetup.CorsPolicy)
            .RequireRateLimiting(ServiceSetup.RateLimitPolicy)
            .RequireAuthorization(Roles.AgentPolicy)
            .WithTags("Mailbox");
        drafts.MapPost("/{id}/review", Review)
            .WithName("ReviewDraft")
            .WithSummary("Reads the draft from the agent's mailbox with the customer's latest message and the recipient's working hours, assesses it, and tags it with a category when flagged.")
            .Accepts<DraftReviewRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        drafts.MapPost("/{id}/defer", Defer)
            .WithName("DeferDraft")
            .WithSummary("Schedules a cooling-off send: Exchange holds the draft until the time and sends it then.")
            .Accepts<DeferRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status501NotImplemented);
        drafts.MapDelete("/{id}/defer", CancelDefer)
            .WithName("CancelDeferredDraft")
            .WithSummary("Calls off a scheduled send: the message goes back to Drafts, unsent.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status501NotImplemented);
        return app;
    }

    internal static async Task<Results<Ok<DraftReviewResponse>, ProblemHttpResult>> Review(
        string id, HttpContext http, GraphFeature feature, IThreadContextService threads, IDraftActions actions, DraftEngine engine, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!feature.IsEnabled)
        {
            return GraphProblems.NotConfigured();
        }

        var access = MailboxCaller.From(http, out var why);
        if (access is null)
        {
            return GraphProblems.Caller(why!);
        }

        var (body, problem) = await ReadOptionalAsync(http.Request, MailboxJson.Default.DraftReviewRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var read = await threads.GetAsync(access, id, cancellationToken);
        if (!read.IsOk)
        {
            return GraphProblems.For(http, read, "draft");
        }

        var context = read.Value!;
        var draft = context.Draft!;
        if (engine.Charge(http, (long)draft.Body.Length + (context.IncomingText?.Length ?? 0)) is { } limited)
        {
            return limited;
        }

        // The same lane, budget and caps as POST /assess (without the language model, like before).
        var (analysed, coaching, recent, refused) = await engine.RunAsync(draft.Body, draft.IsHtml ? DraftFormat.Html : DraftFormat.Text, context.IncomingText,
            AuditCaller.From(http)?.UserId, languageModel: false, static a => a.Status == DraftStatus.Ok && a.Level != RiskLevel.Ok, cancellationToken);
        if (refused is not null)
        {
            return DraftEngine.Answer(http, refused);
        }

        var assessment = analysed!;
        var flagged = assessment.Status == DraftStatus.Ok && assessment.Level != RiskLevel.Ok;
        if (flagged && http.RequestServices.GetService<CoolingOffPolicy>() is { } policy)
        {
            // The thread context makes the advice concrete: how fast the agent is answering, and when the recipient works.
            var advice = policy.Advise(new CoolingOffRequest(assessment.Level, assessment.Categories, IncomingMood.IsUpset(context.IncomingText),
                context.IncomingReceivedAt, recent, context.Recipient?.ToRecipientSchedule()));
            coaching = coaching with
            {
                CoolingOff = advice.Minutes <= 0 ? null : new CoolingOffDto(advice.Minutes, advice.SendAt, string.Join(" ", advice.Reasons), advice.Reasons),
            };
        }

        var tagged = false;
        string? category = null;
        string? tagProblem = null;
        if (flagged && body?.Tag != false)
        {
            var tag = await actions.TagAsync(access, draft.Id, body?.Category, cancellationToken);
            tagged = tag.IsOk;
            category = tag.Value?.Category;
            tagProblem = tag.IsOk ? null : tag.Detail;
        }

        return TypedResults.Ok(new DraftReviewResponse(draft.Id, engine.ToResponse(assessment, coaching), tagged, category, tagProblem, ToDto(context, time.GetUtcNow())));
    }

    internal static async Task<Results<Accepted<DeferResponse>, ProblemHttpResult>> Defer(
        string id, HttpContext http, GraphFeature feature, IDraftActions actions, IOptions<GraphOptions> graph, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!feature.IsEnabled)
        {
            return GraphProblems.NotConfigured();
        }

        var access = MailboxCaller.From(http, out var why);
        if (access is null)
        {
            return GraphProblems.Caller(why!);
        }

        var (body, problem) = await ReadOptionalAsync(http.Request, MailboxJson.Default.DeferRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body is { Minutes: not null, SendAt: not null })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: "Give minutes or sendAt, not both.");
        }

        var sendAt = body?.SendAt ?? time.GetUtcNow().AddMinutes(body?.Minutes ?? graph.Value.Decisions.DefaultDeferMinutes);
        var result = await actions.DeferSendAsync(access, id, sendAt, cancellationToken);
        return result.IsOk
            ? TypedResults.Accepted((string?)null, new DeferResponse(result.Value!.MessageId, result.Value.SendAt))
            : GraphProblems.For(http, result, "draft");
    }

    internal static async Task<Results<Ok<CancelDeferResponse>, ProblemHttpResult>> CancelDefer(
        string id, HttpContext http, GraphFeature feature, IDraftActions actions, CancellationToken cancellationToken)
    {
        if (!feature.IsEnabled)
        {
            return GraphProblems.NotConfigured();
        }

        var access = MailboxCaller.From(http, out var why);
        if (access is null)
        {
            return GraphProblems.Caller(why!);
        }

        var result = await actions.CancelDeferredSendAsync(access, id, cancellationToken);
        return result.IsOk
            ? TypedResults.Ok(new CancelDeferResponse(result.Value!.MessageId, Cancelled: true))
            : GraphProblems.For(http, result, "scheduled message");
    }

    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadOptionalAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType)))
        {
            return (null, null);
        }

        return await JsonBody.ReadAsync(request, type, MaxBodyBytes, cancellationToken);
    }

    private static ThreadContextDto ToDto(ThreadContext context, DateTimeOffset now)
    {
        var status = context.Status switch
        {
            ThreadContextStatus.Complete => "complete",
            ThreadContextStatus.Partial => "partial",
            ThreadContextStatus.TimedOut => "timed_out",
            _ => "unavailable",
        };
        var recipient = context.Recipient is { } r
            ? new RecipientScheduleDto(r.Address, r.Source == ScheduleSource.Recipient ? "recipient" : "agent", r.TimeZone,
                r.WorkingDays.Select(d => d.ToString().ToLowerInvariant()).ToList(),
                r.WorkingHoursStart?.ToString("HH:mm", CultureInfo.InvariantCulture), r.WorkingHoursEnd?.ToString("HH:mm", CultureInfo.InvariantCulture))
            : null;
        var delay = context.ReplyDelay(now);
        return new ThreadContextDto(status, context.Draft?.ConversationId ?? context.Conversation?.ConversationId, context.IncomingReceivedAt,
            delay is { } d ? Math.Round(d.TotalMinutes, 1) : null, recipient);
    }
}
