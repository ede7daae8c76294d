using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// Checks a request against the limits, runs the engine and shapes the answer. The work per draft is bounded three
/// ways: caps in the engine (spans, coached sentences, suggestions), a time budget for the engine's work on each
/// request (<see cref="ServiceOptions.AssessBudgetMilliseconds"/>, the answer so far marked partial), and lanes that
/// limit how much of it runs at once (<see cref="DraftLanes"/>); what a user may send is limited by cost
/// (<see cref="DraftCost"/>) as well as by request count.
/// </summary>
internal sealed class DraftEngine(
    DraftAnalyzer analyzer,
    IDraftCoach coach,
    RecentFlags recentFlags,
    DraftLanes lanes,
    DraftCost cost,
    TimeProvider time,
    IOptions<ServiceOptions> options,
    ILogger<DraftEngine> logger)
{
    private readonly ServiceOptions _options = options.Value;

    public DraftAnalyzer Analyzer => analyzer;

    public IDraftCoach Coach => coach;

    public DraftLanes Lanes => lanes;

    /// <summary>Reads and validates the body of a draft request, and charges its characters to the caller's cost limit.</summary>
    public async Task<(DraftRequest? Request, DraftFormat Format, ProblemHttpResult? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync(http, ApiJson.Default.DraftRequest, _options.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null)
        {
            ApiLog.BodyRefused(logger, problem.ProblemDetails.Title ?? "bad body");
            return (null, default, problem);
        }

        var error = Validate(request!, out var format) ?? Charge(http.HttpContext, (long)request!.Draft!.Length + (request.Incoming?.Length ?? 0));
        if (error is not null)
        {
            ApiLog.BodyRefused(logger, error.ProblemDetails.Title ?? "invalid draft");
        }

        return (request, format, error);
    }

    /// <summary>
    /// Charges <paramref name="characters"/> to the caller's cost limit; when there is not enough left, the 429 to answer
    /// (with Retry-After set on the response).
    /// </summary>
    public ProblemHttpResult? Charge(HttpContext http, long characters)
    {
        var (allowed, retryAfter) = cost.TryCharge(http, characters);
        if (allowed)
        {
            return null;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        ApiLog.CostLimited(logger, http.Request.Path, characters);
        return TypedResults.Problem(
            title: "Too much text in a short time",
            detail: $"This account has sent more than {cost.Limit:N0} characters of drafts within {cost.Window.TotalSeconds:0} seconds; " +
                $"try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private ProblemHttpResult? Validate(DraftRequest request, out DraftFormat format)
    {
        format = DraftFormat.Auto;
        var errors = new Dictionary<string, string[]>();
        if (request.Draft is null)
        {
            errors["draft"] = ["The draft is required: a JSON string with the reply's text or HTML body."];
        }
        else if (request.Draft.Length > _options.MaxDraftChars)
        {
            errors["draft"] = [$"The draft is {request.Draft.Length:N0} characters long; at most {_options.MaxDraftChars:N0} are checked."];
        }

        if (request.Incoming?.Length > _options.MaxIncomingChars)
        {
            errors["incoming"] = [$"The incoming message is longer than {_options.MaxIncomingChars:N0} characters."];
        }

        switch (request.Format?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                format = DraftFormat.Auto;
                break;
            case "text":
                format = DraftFormat.Text;
                break;
            case "html":
                format = DraftFormat.Html;
                break;
            default:
                errors["format"] = ["The format must be \"auto\", \"text\" or \"html\"."];
                break;
        }

        return errors.Count > 0 ? Problem("The draft is not valid", errors) : null;
    }

    private static ProblemHttpResult Problem(string title, Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = title, Status = StatusCodes.Status400BadRequest });

    /// <summary>
    /// Normalises and analyses a draft (the engine's work, to run inside a lane): the 400 for HTML nested deeper than
    /// <see cref="ServiceOptions.MaxHtmlDepth"/> (as deep as the tree the extractor built), else the assessment, which
    /// stops at <paramref name="stop"/> with the verdict so far.
    /// </summary>
    public (Assessment? Assessment, ProblemHttpResult? Problem) Evaluate(string content, DraftFormat format, string? incoming, CancellationToken stop)
    {
        var draft = analyzer.Normalize(content, format);
        if (draft.MarkupDepth > _options.MaxHtmlDepth)
        {
            return (null, Problem("The draft's HTML is nested too deeply",
                new() { ["draft"] = [$"The HTML nests elements more than {_options.MaxHtmlDepth} deep; Outlook drafts never do."] }));
        }

        return (analyzer.Analyze(draft, incoming, stop), null);
    }

    /// <summary>The customer's message: as given, else the one quoted in the draft.</summary>
    public static string? Incoming(DraftRequest request) => string.IsNullOrWhiteSpace(request.Incoming) ? null : request.Incoming;

    /// <summary>
    /// Analyses and coaches a draft in the assess lane under the request's time budget: the assessment (or the 400 or
    /// 503 to answer) and its coaching (none when <paramref name="coachWhen"/> says so). <paramref name="agentId"/> (null
    /// when unknown) is whose recent flags lengthen the cooling-off advice (their count comes back too, 0 when the draft
    /// was not coached); <paramref name="languageModel"/> asks the configured language model first, outside the lane.
    /// </summary>
    public async Task<(Assessment? Assessment, Coaching Coaching, int RecentFlagged, ProblemHttpResult? Problem)> RunAsync(
        string content, DraftFormat format, string? incoming, string? agentId, bool languageModel, Func<Assessment, bool> coachWhen,
        CancellationToken cancellationToken)
    {
        var budget = new WorkBudget(TimeSpan.FromMilliseconds(_options.AssessBudgetMilliseconds), time);
        var askModel = languageModel && coach.UsesLanguageModel;
        Task<int> recent = Task.FromResult(0);
        var (admitted, outcome) = await lanes.RunAssessAsync(() =>
        {
            (Assessment? Assessment, ProblemHttpResult? Problem) evaluated;
            using (var phase = budget.Begin())
            {
                evaluated = Evaluate(content, format, incoming, phase.Token);
            }

            if (evaluated.Problem is not null || !coachWhen(evaluated.Assessment!))
            {
                return (evaluated.Assessment, (CoachingResult?)null, evaluated.Problem);
            }

            // Counted while the engine works; the store is never waited for inside the lane.
            recent = RecentFlaggedAsync(evaluated.Assessment!, agentId, cancellationToken);
            if (askModel)
            {
                return (evaluated.Assessment, null, null);
            }

            using var coaching = budget.Begin();
            return (evaluated.Assessment, coach.Coach(evaluated.Assessment!, incoming, LanguageModelRewordings.None, coaching.Token), null);
        }, cancellationToken);
        if (!admitted)
        {
            return (null, Coaching.None, 0, Busy());
        }

        var (assessment, result, problem) = outcome;
        if (problem is not null || !coachWhen(assessment!))
        {
            return (assessment, Coaching.None, 0, problem);
        }

        if (result is null)
        {
            // The language model is waited for outside the lane, then the rewordings are verified inside it.
            var rewordings = await coach.ProposeAsync(assessment!, cancellationToken);
            (admitted, result) = await lanes.RunAssessAsync(() =>
            {
                using var phase = budget.Begin();
                return coach.Coach(assessment!, incoming, rewordings, phase.Token);
            }, cancellationToken);
            if (!admitted)
            {
                return (null, Coaching.None, 0, Busy());
            }
        }

        var recentFlagged = await recent;
        return (assessment, coach.Shape(assessment!, result!, incoming, recentFlagged), recentFlagged, null);
    }

    private ProblemHttpResult Busy()
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(_options.AssessQueueTimeoutMilliseconds / 1000.0));
        ApiLog.AssessBusy(logger, _options.AssessLaneWidth, _options.AssessQueueLimit);
        return TypedResults.Problem(
            title: "ReplyCoach is busy",
            detail: $"Too many drafts are being checked right now; try again in {seconds} seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    /// <summary>Assesses and coaches a draft; <paramref name="agentId"/> (null when unknown) is whose recent flags lengthen the cooling-off advice.</summary>
    public async Task<Results<Ok<AssessResponse>, ProblemHttpResult>> AssessAsync(
        HttpContext http, DraftRequest request, DraftFormat format, string? agentId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (assessment, coaching, _, problem) = await RunAsync(request.Draft!, format, Incoming(request), agentId, languageModel: true,
            static a => a.Status == DraftStatus.Ok && a.Level != RiskLevel.Ok, cancellationToken);
        if (problem is not null)
        {
            return Answer(http, problem);
        }

        var response = ToResponse(assessment!, coaching);
        ApiLog.Assessed(logger, request.Draft!.Length, response.Level, response.Risk, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        LogIfBounded(response.Partial, response.Omitted);
        return TypedResults.Ok(response);
    }

    /// <summary>Rewrites a draft; <paramref name="agentId"/> as for <see cref="AssessAsync"/>.</summary>
    public async Task<Results<Ok<RewriteResponse>, ProblemHttpResult>> RewriteAsync(
        HttpContext http, DraftRequest request, DraftFormat format, string? agentId, CancellationToken cancellationToken)
    {
        var (assessment, coaching, _, problem) = await RunAsync(request.Draft!, format, Incoming(request), agentId, languageModel: true,
            static a => a.Status == DraftStatus.Ok, cancellationToken);
        if (problem is not null)
        {
            return Answer(http, problem);
        }

        if (coaching.Rewrite is { } rewrite)
        {
            ApiLog.Rewrote(logger, request.Draft!.Length, rewrite.RiskBefore, rewrite.RiskAfter, rewrite.Changed);
        }

        var partial = assessment!.Partial || coaching.Partial;
        var omitted = Omitted(assessment, coaching);
        LogIfBounded(partial, omitted);
        return TypedResults.Ok(new RewriteResponse(StatusName(assessment.Status), ToneCategories.Name(assessment.Level), Round(assessment.Risk),
            coaching.Rewrite, coaching.Suggestions, partial, omitted));
    }

    /// <summary>A problem as the answer: a busy lane also says when to come back in Retry-After.</summary>
    public static ProblemHttpResult Answer(HttpContext http, ProblemHttpResult problem)
    {
        if (problem.ProblemDetails.Extensions.TryGetValue("retryAfterSeconds", out var seconds) && seconds is int value)
        {
            http.Response.Headers.RetryAfter = value.ToString(CultureInfo.InvariantCulture);
        }

        return problem;
    }

    private void LogIfBounded(bool partial, OmittedDto omitted)
    {
        if (partial || omitted != OmittedDto.None)
        {
            ApiLog.WorkBounded(logger, partial, _options.AssessBudgetMilliseconds, omitted.Spans, omitted.UnscoredSentences, omitted.UncoachedSentences,
                omitted.SpansWithoutSuggestions);
        }
    }

    /// <summary>The agent's recently flagged checks, asked of the audit store only when the draft is flagged (else 0).</summary>
    public Task<int> RecentFlaggedAsync(Assessment assessment, string? agentId, CancellationToken cancellationToken) =>
        assessment.Status == DraftStatus.Ok && assessment.Level != RiskLevel.Ok ? recentFlags.CountAsync(agentId, cancellationToken) : Task.FromResult(0);

    public AssessResponse ToResponse(Assessment assessment, Coaching coaching)
    {
        var draft = assessment.Draft;
        var categories = new Dictionary<string, double>(ToneCategories.Count);
        foreach (var category in ToneCategories.All)
        {
            categories[ToneCategories.Name(category)] = Round(assessment.Categories.TryGetValue(category, out var v) ? v : 0);
        }

        var spans = new List<SpanDto>(assessment.Spans.Count);
        foreach (var span in assessment.Spans)
        {
            var original = assessment.ToOriginal(span);
            spans.Add(new SpanDto(span.Start, span.Length, draft.Text.Substring(span.Start, span.Length), original.Start, original.Length,
                ToneCategories.Name(span.Category), span.Reason, Round(span.Strength)));
        }

        return new AssessResponse(StatusName(assessment.Status), draft.Language, draft.Format.ToString().ToLowerInvariant(),
            Round(assessment.Risk), ToneCategories.Name(assessment.Level), categories, spans, draft.Text,
            coaching.Suggestions, coaching.Rewrite, coaching.CoolingOff,
            new ThresholdsDto(analyzer.Options.CautionThreshold, analyzer.Options.HoldThreshold),
            assessment.Partial || coaching.Partial,
            Omitted(assessment, coaching));
    }

    private static OmittedDto Omitted(Assessment assessment, Coaching coaching) =>
        assessment.OmittedSpans == 0 && assessment.UnscoredSentences == 0 && coaching.UncoachedSentences == 0 && coaching.SpansWithoutSuggestions == 0
            ? OmittedDto.None
            : new OmittedDto(assessment.OmittedSpans, assessment.UnscoredSentences, coaching.UncoachedSentences, coaching.SpansWithoutSuggestions);

    public static string StatusName(DraftStatus status) => status switch
    {
        DraftStatus.Ok => "ok",
        DraftStatus.Empty => "empty",
        DraftStatus.UnsupportedLanguage => "unsupported_language",
        _ => "unknown",
    };

    public static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
