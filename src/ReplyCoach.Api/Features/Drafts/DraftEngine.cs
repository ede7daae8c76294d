using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>Checks a request against the limits, runs the engine and shapes the answer.</summary>
internal sealed class DraftEngine(
    DraftAnalyzer analyzer, IDraftCoach coach, RecentFlags recentFlags, IOptions<ServiceOptions> options, ILogger<DraftEngine> logger)
{
    private readonly ServiceOptions _options = options.Value;

    public DraftAnalyzer Analyzer => analyzer;

    public IDraftCoach Coach => coach;

    /// <summary>Reads and validates the body of a draft request.</summary>
    public async Task<(DraftRequest? Request, DraftFormat Format, ProblemHttpResult? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync(http, ApiJson.Default.DraftRequest, _options.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null)
        {
            ApiLog.BodyRefused(logger, problem.ProblemDetails.Title ?? "bad body");
            return (null, default, problem);
        }

        var error = Validate(request!, out var format);
        if (error is not null)
        {
            ApiLog.BodyRefused(logger, error.ProblemDetails.Title ?? "invalid draft");
        }

        return (request, format, error);
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

        if (errors.Count > 0)
        {
            return Problem("The draft is not valid", errors);
        }

        if (format != DraftFormat.Text && request.Draft!.Contains('<') && HtmlDepth.Exceeds(request.Draft, _options.MaxHtmlDepth))
        {
            return Problem("The draft's HTML is nested too deeply",
                new() { ["draft"] = [$"The HTML nests elements more than {_options.MaxHtmlDepth} deep; Outlook drafts never do."] });
        }

        return null;
    }

    private static ProblemHttpResult Problem(string title, Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = title, Status = StatusCodes.Status400BadRequest });

    public Assessment Analyze(DraftRequest request, DraftFormat format) => analyzer.Analyze(request.Draft!, format, Incoming(request));

    /// <summary>The customer's message: as given, else the one quoted in the draft.</summary>
    public static string? Incoming(DraftRequest request) => string.IsNullOrWhiteSpace(request.Incoming) ? null : request.Incoming;

    /// <summary>Assesses and coaches a draft; <paramref name="agentId"/> (null when unknown) is whose recent flags lengthen the cooling-off advice.</summary>
    public async Task<AssessResponse> AssessAsync(DraftRequest request, DraftFormat format, string? agentId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var assessment = Analyze(request, format);
        cancellationToken.ThrowIfCancellationRequested();
        var coaching = assessment.Status == DraftStatus.Ok && assessment.Level != RiskLevel.Ok
            ? await coach.CoachWithLanguageModelAsync(assessment, Incoming(request), await RecentFlaggedAsync(assessment, agentId, cancellationToken), cancellationToken)
            : Coaching.None;
        ApiLog.Assessed(logger, request.Draft!.Length, ToneCategories.Name(assessment.Level), assessment.Risk,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return ToResponse(assessment, coaching);
    }

    /// <summary>Rewrites a draft; <paramref name="agentId"/> as for <see cref="AssessAsync"/>.</summary>
    public async Task<RewriteResponse> RewriteAsync(DraftRequest request, DraftFormat format, string? agentId, CancellationToken cancellationToken)
    {
        var assessment = Analyze(request, format);
        var coaching = assessment.Status == DraftStatus.Ok
            ? await coach.CoachWithLanguageModelAsync(assessment, Incoming(request), await RecentFlaggedAsync(assessment, agentId, cancellationToken), cancellationToken)
            : Coaching.None;
        if (coaching.Rewrite is { } rewrite)
        {
            ApiLog.Rewrote(logger, request.Draft!.Length, rewrite.RiskBefore, rewrite.RiskAfter, rewrite.Changed);
        }

        return new RewriteResponse(StatusName(assessment.Status), ToneCategories.Name(assessment.Level), Round(assessment.Risk),
            coaching.Rewrite, coaching.Suggestions);
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
            new ThresholdsDto(analyzer.Options.CautionThreshold, analyzer.Options.HoldThreshold));
    }

    public static string StatusName(DraftStatus status) => status switch
    {
        DraftStatus.Ok => "ok",
        DraftStatus.Empty => "empty",
        DraftStatus.UnsupportedLanguage => "unsupported_language",
        _ => "unknown",
    };

    public static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
