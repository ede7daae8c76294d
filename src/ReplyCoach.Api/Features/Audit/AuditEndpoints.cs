using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Api.Hosting;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>
/// The audit trail over HTTP: the add-in's outcome report (<c>POST /api/v1/outcomes</c>) and the lead API under
/// <c>/api/v1/audit</c>. Reads are open to agents and leads, scoped by the token (an agent sees their own records,
/// a lead their team's); reviews, false-positive marks and exports are for leads only.
/// </summary>
internal static class AuditEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/outcomes", RecordOutcome)
            .WithTags("Audit")
            .RequireAuthorization(Roles.AgentPolicy)
            .WithName("RecordOutcome")
            .WithSummary("Records what the agent did with a flagged check (idempotent: the same report twice changes nothing).")
            .Accepts<OutcomeRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/config", Config)
            .AllowAnonymous()
            .WithName("AuditDashboardConfig")
            .WithSummary("What the dashboard needs to sign in (no secrets).");
        audit.MapGet("/me", Me)
            .RequireAuthorization(Roles.AgentPolicy)
            .WithName("AuditMe")
            .WithSummary("The caller's id, team and audit role.");
        audit.MapGet("/flags", List)
            .RequireAuthorization(Roles.AgentPolicy)
            .WithName("ListFlags")
            .WithSummary("Flags, newest first, filtered by agent, team, category, level, outcome, date range, reviewed and false positive; keyset paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        audit.MapGet("/flags/{id:long}", Get)
            .RequireAuthorization(Roles.AgentPolicy)
            .WithName("GetFlag")
            .WithSummary("One flag with its spans, suggestions, outcome and review.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapPost("/flags/{id:long}/review", Review)
            .RequireAuthorization(Roles.LeadPolicy)
            .WithName("ReviewFlag")
            .WithSummary("Marks a flag reviewed, with an optional coaching note.")
            .Accepts<ReviewRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapPost("/flags/{id:long}/false-positive", FalsePositive)
            .RequireAuthorization(Roles.LeadPolicy)
            .WithName("MarkFalsePositive")
            .WithSummary("Marks (or unmarks) a flag as a false positive; these feed the training export.")
            .Accepts<FalsePositiveRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/aggregates", Aggregates)
            .RequireAuthorization(Roles.AgentPolicy)
            .WithName("AuditAggregates")
            .WithSummary("Counts per week (with categories and the improved share), agent, team or category.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        audit.MapGet("/export.csv", ExportCsv)
            .RequireAuthorization(Roles.LeadPolicy)
            .WithName("ExportFlagsCsv")
            .WithSummary("The team's flags matching the filter as CSV, oldest first.");
        audit.MapGet("/false-positives.jsonl", ExportFalsePositives)
            .RequireAuthorization(Roles.LeadPolicy)
            .WithName("ExportFalsePositives")
            .WithSummary("The team's false positives as labelled JSON Lines for replycoach train.");
        return api;
    }

    internal static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> RecordOutcome(
        HttpRequest http, IAuditStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = AuditCaller.From(http.HttpContext);
        if (caller is null)
        {
            return Forbidden("Your token names no user (oid or sub claim).");
        }

        var (body, problem) = await JsonBody.ReadAsync(http, AuditApiJson.Default.OutcomeRequest, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.CheckId) || body.CheckId.Length > 200)
        {
            errors["checkId"] = ["The check id is required (at most 200 characters): the X-ReplyCoach-Check-Id the check answered with."];
        }

        if (!AuditOutcomes.TryParse(body.Outcome, out var outcome) || outcome == AuditOutcome.Pending)
        {
            errors["outcome"] = ["The outcome is edited, applied_suggestion, used_rewrite, accepted_delay, sent_anyway or discarded."];
        }

        if (body.RiskAtSend is { } risk && (double.IsNaN(risk) || risk < 0 || risk > 1))
        {
            errors["riskAtSend"] = ["The risk at send is between 0 and 1."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = "The outcome is not valid", Status = StatusCodes.Status400BadRequest });
        }

        var result = await store.RecordOutcomeAsync(new AuditOutcomeReport(AuditRecorder.StoredCheckId(caller.UserId, body.CheckId!.Trim()), caller.UserId, outcome, body.RiskAtSend, time.GetUtcNow()), cancellationToken);
        var status = result.Status switch
        {
            AuditWriteStatus.Created => "created",
            AuditWriteStatus.Duplicate => "duplicate",
            _ => "not_found",
        };
        return TypedResults.Ok(new OutcomeResponse(result.Status is AuditWriteStatus.Created or AuditWriteStatus.Duplicate, status));
    }

    internal static Ok<DashboardConfigResponse> Config(IOptions<ServiceOptions> service, IOptions<AuthOptions> auth, IOptions<DashboardOptions> dashboard)
    {
        if (service.Value.DevelopmentMode)
        {
            return TypedResults.Ok(new DashboardConfigResponse(true, null, null, null));
        }

        var a = auth.Value;
        var clientId = string.IsNullOrWhiteSpace(dashboard.Value.ClientId) ? a.ClientId : dashboard.Value.ClientId;
        var scope = string.IsNullOrWhiteSpace(dashboard.Value.Scope) ? $"api://{a.ClientId}/access_as_user" : dashboard.Value.Scope;
        return TypedResults.Ok(new DashboardConfigResponse(false, a.Authority, clientId, scope));
    }

    internal static Results<Ok<AuditMeResponse>, ProblemHttpResult> Me(HttpContext context, IOptions<ServiceOptions> service)
    {
        var caller = AuditCaller.From(context);
        return caller is null
            ? Forbidden("Your token names no user (oid or sub claim).")
            : TypedResults.Ok(new AuditMeResponse(caller.UserId, caller.Name, caller.Team, caller.IsLead ? "lead" : "agent", service.Value.DevelopmentMode));
    }

    internal static async Task<Results<Ok<FlagPageDto>, ProblemHttpResult>> List(HttpContext context, IAuditStore store, CancellationToken cancellationToken)
    {
        if (!TryReadScope(context, out var scope, out var denied))
        {
            return denied!;
        }

        var (filter, errors) = AuditQueryParser.Filter(context.Request.Query);
        var (pageSize, cursor) = AuditQueryParser.Paging(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        try
        {
            var page = await store.ListAsync(new AuditQuery(filter, pageSize, cursor), scope!, cancellationToken);
            return TypedResults.Ok(new FlagPageDto(page.Items.Select(AuditDto.Summary).ToList(), page.NextCursor));
        }
        catch (ArgumentException) when (cursor is not null)
        {
            return Invalid(new() { ["cursor"] = ["The cursor is not one this service handed out."] });
        }
    }

    internal static async Task<Results<Ok<FlagDetailDto>, ProblemHttpResult>> Get(long id, HttpContext context, IAuditStore store, CancellationToken cancellationToken)
    {
        if (!TryReadScope(context, out var scope, out var denied))
        {
            return denied!;
        }

        var record = await store.GetAsync(id, scope!, cancellationToken);
        return record is null ? NotFound() : TypedResults.Ok(AuditDto.Detail(record));
    }

    internal static async Task<Results<Ok<FlagDetailDto>, ProblemHttpResult>> Review(
        long id, HttpRequest http, IAuditStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = AuditCaller.From(http.HttpContext);
        if (caller?.LeadScope is not { } scope)
        {
            return NoTeam();
        }

        var body = new ReviewRequest(null);
        if (HasBody(http))
        {
            var (read, problem) = await JsonBody.ReadAsync(http, AuditApiJson.Default.ReviewRequest, MaxBodyBytes, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            body = read!;
        }

        if (body.Note is { Length: > 2000 })
        {
            return Invalid(new() { ["note"] = ["A coaching note is at most 2,000 characters."] });
        }

        var record = await store.ReviewAsync(id, new AuditReview(caller.UserId, body.Note, time.GetUtcNow()), scope, cancellationToken);
        return record is null ? NotFound() : TypedResults.Ok(AuditDto.Detail(record));
    }

    internal static async Task<Results<Ok<FlagDetailDto>, ProblemHttpResult>> FalsePositive(
        long id, HttpRequest http, IAuditStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = AuditCaller.From(http.HttpContext);
        if (caller?.LeadScope is not { } scope)
        {
            return NoTeam();
        }

        var mark = true;
        if (HasBody(http))
        {
            var (body, problem) = await JsonBody.ReadAsync(http, AuditApiJson.Default.FalsePositiveRequest, MaxBodyBytes, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            mark = body!.FalsePositive;
        }

        var record = await store.MarkFalsePositiveAsync(id, new AuditFalsePositive(caller.UserId, mark, time.GetUtcNow()), scope, cancellationToken);
        return record is null ? NotFound() : TypedResults.Ok(AuditDto.Detail(record));
    }

    internal static async Task<Results<Ok<AggregatesDto>, ProblemHttpResult>> Aggregates(
        HttpContext context, IAuditStore store, [FromQuery] string? groupBy, CancellationToken cancellationToken)
    {
        if (!TryReadScope(context, out var scope, out var denied))
        {
            return denied!;
        }

        var (filter, errors) = AuditQueryParser.Filter(context.Request.Query);
        var grouping = AuditQueryParser.Grouping(groupBy);
        if (grouping is null)
        {
            errors["groupBy"] = ["Group by week, agent, team or category."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var groups = await store.AggregateAsync(new AuditAggregateQuery(filter, grouping!.Value), scope!, cancellationToken);
        return TypedResults.Ok(new AggregatesDto(grouping.Value.ToString().ToLowerInvariant(), groups.Select(AuditDto.Aggregate).ToList()));
    }

    internal static IResult ExportCsv(HttpContext context, IAuditStore store, TimeProvider time, CancellationToken cancellationToken) =>
        Export(context, store, time, "replycoach-audit", "csv", "text/csv; charset=utf-8", static filter => filter, AuditExport.WriteCsvAsync, cancellationToken);

    internal static IResult ExportFalsePositives(HttpContext context, IAuditStore store, TimeProvider time, CancellationToken cancellationToken) =>
        Export(context, store, time, "replycoach-false-positives", "jsonl", "application/x-ndjson; charset=utf-8", static filter => filter with { FalsePositive = true }, AuditExport.WriteTrainingJsonlAsync, cancellationToken);

    // A lead's export: the team scope, the query's filter (narrowed by the export), streamed as a dated download.
    private static IResult Export(
        HttpContext context,
        IAuditStore store,
        TimeProvider time,
        string baseName,
        string extension,
        string contentType,
        Func<AuditFilter, AuditFilter> narrow,
        Func<IAsyncEnumerable<AuditRecord>, TextWriter, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        var caller = AuditCaller.From(context);
        if (caller?.LeadScope is not { } scope)
        {
            return NoTeam();
        }

        var (filter, errors) = AuditQueryParser.Filter(context.Request.Query);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        filter = narrow(filter);
        var name = $"{baseName}-{time.GetUtcNow():yyyyMMdd}.{extension}";
        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 16 * 1024);
            await write(store.ExportAsync(filter, scope, cancellationToken), writer, cancellationToken);
        }, contentType, name);
    }

    private static bool HasBody(HttpRequest http) => http.ContentLength is > 0 || (http.ContentLength is null && http.Headers.TransferEncoding.Count > 0);

    private static bool TryReadScope(HttpContext context, out AuditScope? scope, out ProblemHttpResult? denied)
    {
        var caller = AuditCaller.From(context);
        scope = caller?.ReadScope;
        denied = scope is null ? NoTeam() : null;
        return scope is not null;
    }

    private static ProblemHttpResult NoTeam() =>
        Forbidden("Your account has no team (no team claim in the token), so there is no team's audit trail to show. Ask your administrator to assign you to a team.");

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "There is no flag with this id in the records you can see (it may also have passed its retention period).");

    private static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = "The request is not valid", Status = StatusCodes.Status400BadRequest });
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OutcomeRequest))]
[JsonSerializable(typeof(ReviewRequest))]
[JsonSerializable(typeof(FalsePositiveRequest))]
internal sealed partial class AuditApiJson : JsonSerializerContext;
