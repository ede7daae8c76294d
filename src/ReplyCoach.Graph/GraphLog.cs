using Microsoft.Extensions.Logging;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Graph.Context;

namespace ReplyCoach.Graph;

/// <summary>
/// Everything the Graph integration logs. Never mail content, tokens, secrets or links with sync tokens: only
/// operations, statuses, mailbox ids, counts and timings.
/// </summary>
internal static partial class GraphLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Graph {Operation} failed: {Status} ({ExceptionType}) {Detail}")]
    public static partial void CallFailed(ILogger logger, string operation, GraphStatus status, string exceptionType, string detail);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Graph {Method} for mailbox {Mailbox} answered {Outcome}; retry {Attempt} in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string method, string mailbox, string outcome, int attempt, double delayMs);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Graph circuit breaker opened for mailbox {Mailbox} for {Seconds:0.#} s after {Outcome}")]
    public static partial void BreakerOpened(ILogger logger, string mailbox, double seconds, string outcome);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Graph circuit breaker closed for mailbox {Mailbox}")]
    public static partial void BreakerClosed(ILogger logger, string mailbox);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Too many Graph requests queued for mailbox {Mailbox}; refused one")]
    public static partial void MailboxQueueFull(ILogger logger, string mailbox);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "A Graph call ran out of its total time ({Seconds:0.#} s)")]
    public static partial void TotalTimeout(ILogger logger, double seconds);

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Thread context: the on-send budget of {BudgetMs:0} ms ran out ({Status}); scoring goes on without the rest")]
    public static partial void ContextBudgetSpent(ILogger logger, double budgetMs, ThreadContextStatus status);

    [LoggerMessage(EventId = 611, Level = LogLevel.Debug, Message = "Thread context: reading a conversation for mailbox {Mailbox}")]
    public static partial void ContextFetchStarted(ILogger logger, string mailbox);

    [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "Tagged a flagged draft in mailbox {Mailbox}")]
    public static partial void Tagged(ILogger logger, string mailbox);

    [LoggerMessage(EventId = 621, Level = LogLevel.Information, Message = "Scheduled a cooling-off send in mailbox {Mailbox}, {Minutes:0.#} minutes from now")]
    public static partial void Deferred(ILogger logger, string mailbox, double minutes);

    [LoggerMessage(EventId = 622, Level = LogLevel.Information, Message = "Cancelled a scheduled send in mailbox {Mailbox} (moved back to Drafts: {Moved})")]
    public static partial void DeferCancelled(ILogger logger, string mailbox, bool moved);

    [LoggerMessage(EventId = 630, Level = LogLevel.Information, Message = "Sweep of {Mailbox} started (resuming: {Resumed}, incremental: {Incremental})")]
    public static partial void SweepStarted(ILogger logger, string mailbox, bool resumed, bool incremental);

    [LoggerMessage(EventId = 631, Level = LogLevel.Information, Message = "Sweep of {Mailbox} completed: {Pages} pages, {Scored} scored, {Flagged} flagged in {Seconds:0.0} s")]
    public static partial void SweepCompleted(ILogger logger, string mailbox, int pages, int scored, int flagged, double seconds);

    [LoggerMessage(EventId = 632, Level = LogLevel.Warning, Message = "Sweep of {Mailbox} stopped after {Pages} pages: {Status}; the next sweep resumes there")]
    public static partial void SweepStopped(ILogger logger, string mailbox, GraphStatus status, int pages);

    [LoggerMessage(EventId = 633, Level = LogLevel.Information, Message = "Scheduled sweeps of {Count} mailboxes every {Minutes:0.#} minutes")]
    public static partial void SweepScheduled(ILogger logger, int count, double minutes);

    [LoggerMessage(EventId = 634, Level = LogLevel.Information, Message = "No scheduled Graph sweep: ReplyCoach:Graph:Sweep has no mailboxes or is disabled")]
    public static partial void SweepNotScheduled(ILogger logger);

    [LoggerMessage(EventId = 635, Level = LogLevel.Warning, Message = "Scheduled sweep of {Mailbox} did not finish: {Status} {Detail}")]
    public static partial void ScheduledSweepIncomplete(ILogger logger, string mailbox, GraphStatus status, string detail);

    [LoggerMessage(EventId = 636, Level = LogLevel.Error, Message = "Sweep state of {Mailbox} could not be read or written ({ExceptionType})")]
    public static partial void SweepStateFailed(ILogger logger, string mailbox, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 637, Level = LogLevel.Warning, Message = "Flagged a sent message in {Mailbox} ({Level}, risk {Risk:0.00}) but no audit store is configured; it is not kept")]
    public static partial void FlaggedWithoutAudit(ILogger logger, string mailbox, RiskLevel level, double risk);
}
