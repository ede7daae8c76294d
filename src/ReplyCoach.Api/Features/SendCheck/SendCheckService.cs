using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Addin;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.CoolingOff;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Graph;
using ReplyCoach.Graph.Context;

namespace ReplyCoach.Api.Features.SendCheck;

/// <summary>
/// Decides whether Outlook should prompt before sending. Only a draft at the hold level prompts (precision before
/// recall); anything slow or failing lets the mail go, because a tone coach must never lose or hold up mail.
/// </summary>
/// <remarks>
/// With Microsoft Graph configured and a conversation or item id in the request, the customer's latest message (its
/// text and when it arrived) and the recipient's working hours are read first, within a share of the check's budget,
/// and feed the scoring and the cooling-off advice; when they are not there in time the check goes on without them.
/// The agent's recently flagged checks (<see cref="RecentFlags"/>, from the audit store) are counted while the draft is
/// scored and lengthen the advice; the count has its own short limit and is never waited for past a third of the budget.
/// Flagged checks (caution or hold) go to the audit trail as <see cref="AuditSource.SendCheck"/>: the write is waited
/// for while the budget lasts, then left to finish on its own.
/// The engine's work runs in the on-send lane (<see cref="DraftLanes"/>), which assess and rewrite cannot fill: a check
/// that finds no place there within its budget lets the mail go (reason <c>busy</c>), and an abandoned check stops its
/// analysis, so Send never waits for someone else's heavy request.
/// </remarks>
internal sealed partial class SendCheckService(
    DraftEngine engine,
    CoolingOffPolicy coolingOff,
    IThreadContextService threads,
    GraphFeature graph,
    IOptions<GraphOptions> graphOptions,
    AuditRecorder audit,
    RecentFlags recentFlags,
    TimeProvider time,
    IOptions<ServiceOptions> options,
    ILogger<SendCheckService> logger)
{
    /// <summary>Outlook's limit for <c>errorMessage</c> and <c>errorMessageMarkdown</c>.</summary>
    public const int MaxMessageLength = 500;

    /// <summary>The delay suggested when the coaching layer gives none.</summary>
    public const int DefaultDelayMinutes = 10;

    // Real Graph ids are a few hundred characters at most; anything longer is not looked up.
    private const int MaxIdLength = 1024;

    private readonly int _budgetMs = options.Value.SendCheckBudgetMilliseconds;

    /// <summary>
    /// How long the check waits for the thread context: the context's own on-send budget, but never more than two
    /// thirds of the check's budget, so the scoring always has the last third.
    /// </summary>
    internal TimeSpan ContextBudget { get; } = Min(
        graphOptions.Value.ThreadContext.OnSendBudget, TimeSpan.FromMilliseconds(options.Value.SendCheckBudgetMilliseconds * 2 / 3.0));

    /// <summary>
    /// How long a hold decision waits for the recent-flag count once the scoring is done (it runs alongside the
    /// scoring, bounded by its own limit): at most a third of the budget, so it never makes the check late.
    /// </summary>
    internal TimeSpan RecentFlagsBudget { get; } = TimeSpan.FromMilliseconds(options.Value.SendCheckBudgetMilliseconds / 3.0);

    /// <summary>The decision, or (for HTML nested too deeply) the 400 to answer.</summary>
    public async Task<(SendCheckResponse? Decision, ProblemHttpResult? Problem)> DecideAsync(
        HttpContext http, DraftRequest request, DraftFormat format, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var origin = AddinOrigin.Of(http.Request);
        var access = ContextAccess(http, request, out var wantsContext);
        var agentId = AuditCaller.From(http)?.UserId;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Evaluation evaluation;
        try
        {
            var work = EvaluateAsync(request, format, origin, wantsContext, access, agentId, started, abandon.Token);
            evaluation = await work.WaitAsync(TimeSpan.FromMilliseconds(_budgetMs), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Also stops the engine: the analysis returns at once with what it has, and its place in the lane comes free.
            await abandon.CancelAsync();
            ApiLog.SendCheckTimedOut(logger, _budgetMs);
            evaluation = new Evaluation(Allow("timeout"), null, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ApiLog.SendCheckFailed(logger, e.GetType().Name, e);
            evaluation = new Evaluation(Allow("error"), null, null);
        }

        if (evaluation.Problem is not null)
        {
            return (null, evaluation.Problem);
        }

        if (evaluation.Assessment is { } assessment)
        {
            await RecordAsync(http, request, assessment, evaluation.Context, started);
        }

        var decision = evaluation.Decision;
        ApiLog.SendChecked(logger, decision.Action, decision.Reason, time.GetElapsedTime(started).TotalMilliseconds);
        return (decision, null);
    }

    private async Task<Evaluation> EvaluateAsync(
        DraftRequest request, DraftFormat format, string origin, bool wantsContext, GraphAccess? access, string? agentId, long started,
        CancellationToken cancellationToken)
    {
        // Counted alongside everything else (the check being decided is recorded only after the decision).
        var counting = recentFlags.CountAsync(agentId, cancellationToken);
        var given = DraftEngine.Incoming(request);
        Task<ThreadContext>? reading = !wantsContext
            ? null
            : access is null
                ? Task.FromResult(ThreadContext.None(ThreadContextStatus.Unavailable, null))
                : ReadContextAsync(access, request, cancellationToken);

        // With the customer's message in the request, scoring needs nothing from Graph: it runs while the context is read.
        var scoring = given is not null || reading is null ? ScoreAsync(request, format, given, started, cancellationToken) : null;
        var context = reading is null ? null : await reading;
        var incoming = given ?? context?.IncomingText;
        var (admitted, evaluated) = await (scoring ?? ScoreAsync(request, format, incoming, started, cancellationToken));
        if (!admitted)
        {
            ApiLog.SendCheckBusy(logger, _budgetMs);
            return new Evaluation(Allow("busy") with { Context = context is null ? null : ContextName(context.Status) }, null, context);
        }

        if (evaluated.Problem is not null)
        {
            return new Evaluation(Allow("error"), null, context, evaluated.Problem);
        }

        var assessment = evaluated.Assessment!;
        cancellationToken.ThrowIfCancellationRequested();
        var recent = assessment.Status == DraftStatus.Ok && assessment.Level == RiskLevel.Hold ? await RecentAsync(counting, cancellationToken) : 0;
        return Decide(assessment, incoming, context, recent, origin);
    }

    // The engine's work in the on-send lane, which assess and rewrite cannot fill; a place is waited for only while the
    // budget lasts, and the analysis stops when the check is abandoned.
    private Task<(bool Admitted, (Assessment? Assessment, ProblemHttpResult? Problem) Value)> ScoreAsync(
        DraftRequest request, DraftFormat format, string? incoming, long started, CancellationToken cancellationToken) =>
        engine.Lanes.RunSendCheckAsync(
            () => engine.Evaluate(request.Draft!, format, incoming, cancellationToken),
            TimeSpan.FromMilliseconds(_budgetMs) - time.GetElapsedTime(started),
            cancellationToken);

    // Fails open like the count itself: an answer later than the count's share of the budget is taken as 0.
    private async Task<int> RecentAsync(Task<int> counting, CancellationToken cancellationToken)
    {
        try
        {
            return await counting.WaitAsync(RecentFlagsBudget, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            ApiLog.SendCheckRecentFlagsLate(logger, RecentFlagsBudget.TotalMilliseconds);
            return 0;
        }
    }

    // Never throws and never waits past the context budget: no context is a normal outcome.
    private async Task<ThreadContext> ReadContextAsync(GraphAccess access, DraftRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        ThreadContext context;
        try
        {
            var asked = new SendContextRequest(Id(request.ConversationId), Id(request.ConversationId) is null ? Id(request.ItemId) : null);

            // On the pool: building a Graph client (a certificate, a credential) must not eat the budget unseen.
            context = await Task.Run(() => threads.GetForSendAsync(access, asked, cancellationToken), cancellationToken)
                .WaitAsync(ContextBudget, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            context = ThreadContext.None(ThreadContextStatus.TimedOut, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            ApiLog.SendCheckContextFailed(logger, e.GetType().Name, e);
            context = ThreadContext.None(ThreadContextStatus.Unavailable, null);
        }

        ApiLog.SendCheckContextRead(logger, ContextName(context.Status), context.IncomingReceivedAt is not null, context.Recipient is not null,
            time.GetElapsedTime(started).TotalMilliseconds);
        return context;
    }

    private Evaluation Decide(Assessment assessment, string? incoming, ThreadContext? context, int recentFlagged, string origin)
    {
        var contextName = context is null ? null : ContextName(context.Status);
        if (assessment.Status != DraftStatus.Ok)
        {
            return new Evaluation(Allow(DraftEngine.StatusName(assessment.Status)) with { Context = contextName }, null, context);
        }

        var level = ToneCategories.Name(assessment.Level);
        var risk = DraftEngine.Round(assessment.Risk);
        if (assessment.Level != RiskLevel.Hold)
        {
            return new Evaluation(new SendCheckResponse("allow", level, null, null, null, null, level, risk, null, contextName), assessment, context);
        }

        // The thread context makes the advice concrete: how fast the agent is answering an upset customer, and
        // whether the wait would land outside the recipient's working hours.
        var advice = coolingOff.Advise(new CoolingOffRequest(
            assessment.Level,
            assessment.Categories,
            IncomingMood.IsUpset(incoming ?? assessment.Draft.QuotedMessage),
            context?.IncomingReceivedAt,
            recentFlagged,
            context?.Recipient?.ToRecipientSchedule()));
        var delay = advice.Minutes > 0 ? advice.Minutes : DefaultDelayMinutes;
        var sendAt = advice.Minutes > 0 ? advice.SendAt : time.GetUtcNow().AddMinutes(delay);
        var (message, markdown) = Messages(assessment, delay);
        return new Evaluation(
            new SendCheckResponse("prompt", level, message, markdown, delay, origin + "/taskpane.html", level, risk, sendAt, contextName), assessment, context);
    }

    // A flagged check is waited for while the budget lasts, then left to finish by itself (bounded by the audit
    // write timeout): the answer never waits longer, and a broken store costs nothing but the record.
    private async Task RecordAsync(HttpContext http, DraftRequest request, Assessment assessment, ThreadContext? context, long started)
    {
        DetachedAuditWrite? write;
        try
        {
            var conversationId = Id(request.ConversationId) ?? context?.Conversation?.ConversationId ?? context?.Draft?.ConversationId;
            write = audit.StartRecording(http, AuditSource.SendCheck, assessment, conversationId, Id(request.ItemId));
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            ApiLog.SendCheckAuditNotStarted(logger, e.GetType().Name, e);
            return;
        }

        if (write is null)
        {
            return;
        }

        var left = TimeSpan.FromMilliseconds(_budgetMs) - time.GetElapsedTime(started);
        var written = (bool?)null;
        try
        {
            written = left > TimeSpan.Zero ? await write.Written.WaitAsync(left, time, http.RequestAborted) : null;
        }
        catch (TimeoutException)
        {
            written = null;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (written is null)
        {
            ApiLog.SendCheckAuditHandedOff(logger, _budgetMs);
        }

        // The id is given unless the write has already failed: the outcome report finds the record under it.
        if (written != false && !http.Response.HasStarted)
        {
            http.Response.Headers[AuditRecorder.CheckIdHeader] = write.CheckId;
        }
    }

    private GraphAccess? ContextAccess(HttpContext http, DraftRequest request, out bool wantsContext)
    {
        wantsContext = graph.IsEnabled && (Id(request.ConversationId) is not null || Id(request.ItemId) is not null);
        if (!wantsContext)
        {
            return null;
        }

        var access = MailboxCaller.From(http, out var why);
        if (access is null)
        {
            ApiLog.SendCheckNoMailbox(logger, why ?? "no mailbox");
        }

        return access;
    }

    private static string? Id(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength ? null : value.Trim();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string ContextName(ThreadContextStatus status) => status switch
    {
        ThreadContextStatus.Complete => "complete",
        ThreadContextStatus.Partial => "partial",
        ThreadContextStatus.TimedOut => "timed_out",
        _ => "unavailable",
    };

    private sealed record Evaluation(SendCheckResponse Decision, Assessment? Assessment, ThreadContext? Context, ProblemHttpResult? Problem = null);

    private static SendCheckResponse Allow(string reason) => new("allow", reason, null, null, null, null, "ok", 0);

    /// <summary>The Smart Alert text, plain and Markdown, each at most 500 characters.</summary>
    internal static (string Plain, string Markdown) Messages(Assessment assessment, int delayMinutes)
    {
        var draft = assessment.Draft;
        var top = assessment.Categories.Where(c => c.Value > 0).OrderByDescending(c => c.Value).Take(2).Select(c => Describe(c.Key)).ToList();
        var how = top.Count == 0 ? "hostile" : string.Join(" and ", top);
        var examples = assessment.Spans
            .OrderByDescending(s => s.Strength)
            .Take(2)
            .Select(s => (Words: Clip(draft.Text.Substring(s.Start, s.Length), 60), s.Reason))
            .ToList();

        var plain = new StringBuilder($"This reply may come across as {how}.");
        foreach (var (words, reason) in examples)
        {
            plain.Append($" \"{words}\" {reason}.");
        }

        plain.Append($" Consider rewording it, or wait {delayMinutes} minutes before sending. Select Review in ReplyCoach for suggested wording.");

        var markdown = new StringBuilder($"**This reply may come across as {how}.**\n\n");
        foreach (var (words, reason) in examples)
        {
            markdown.Append($"- \"{EscapeMarkdown(words)}\": {EscapeMarkdown(reason)}\n");
        }

        markdown.Append($"\nConsider rewording it, or wait **{delayMinutes} minutes** before sending. Select **Review in ReplyCoach** for suggested wording.");
        return (Fit(plain.ToString(), how, delayMinutes, false), Fit(markdown.ToString(), how, delayMinutes, true));
    }

    // Examples go first when the message is too long; the advice at the end must survive.
    private static string Fit(string message, string how, int delayMinutes, bool markdown)
    {
        if (message.Length <= MaxMessageLength)
        {
            return message;
        }

        var shortMessage = markdown
            ? $"**This reply may come across as {how}.**\n\nConsider rewording it, or wait **{delayMinutes} minutes** before sending. Select **Review in ReplyCoach** for suggested wording."
            : $"This reply may come across as {how}. Consider rewording it, or wait {delayMinutes} minutes before sending. Select Review in ReplyCoach for suggested wording.";
        return shortMessage.Length <= MaxMessageLength ? shortMessage : shortMessage[..(MaxMessageLength - 1)] + "…";
    }

    private static string Clip(string text, int max)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)].TrimEnd() + "…";
    }

    private static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if ("\\`*_[]#<>|~".Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string Describe(ToneCategory category) => category switch
    {
        ToneCategory.Hostility => "hostile",
        ToneCategory.Blame => "blaming the customer",
        ToneCategory.Generalization => "generalising about a group of people",
        ToneCategory.Threat => "threatening",
        ToneCategory.Condescension => "condescending",
        ToneCategory.Dismissiveness => "dismissive",
        ToneCategory.Profanity => "crude",
        _ => "hostile",
    };
}
