using ReplyCoach.Audit;

namespace ReplyCoach.Api;

/// <summary>
/// Everything the service logs. Draft text, incoming messages and suggestions are never arguments here: only
/// levels, scores, sizes and timings.
/// </summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message =
        "\n*********************************************************************************\n" +
        "* ReplyCoach is in DEVELOPMENT MODE: no sign-in is required and every caller is *\n" +
        "* a team lead. It listens on loopback only. Never use it with real mailboxes.   *\n" +
        "*********************************************************************************")]
    public static partial void DevelopmentModeWarning(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Critical, Message =
        "\n*********************************************************************************\n" +
        "* DEVELOPMENT MODE OUTSIDE THE DEVELOPMENT ENVIRONMENT ('{Environment}'), allowed  \n" +
        "* by ReplyCoach:Service:AllowDevelopmentModeOutsideDevelopment. Sign-in is OFF.  *\n" +
        "* Loopback only. Never on a machine that serves agents.                          *\n" +
        "*********************************************************************************")]
    public static partial void DevelopmentModeOutsideDevelopment(ILogger logger, string environment);

    [LoggerMessage(EventId = 12, Level = LogLevel.Critical, Message =
        "Development mode: the server is listening on {Addresses}, which is not loopback; stopping the server and the service now")]
    public static partial void DevelopmentModeBoundNonLoopback(ILogger logger, string addresses);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Development mode: refused a request that did not come from and to loopback")]
    public static partial void DevelopmentModeRefusedRequest(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Assessed a draft of {Length} characters: {Level} (risk {Risk:0.00}) in {ElapsedMs:0.0} ms")]
    public static partial void Assessed(ILogger logger, int length, string level, double risk, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Send check: {Decision} ({Reason}) in {ElapsedMs:0.0} ms")]
    public static partial void SendChecked(ILogger logger, string decision, string reason, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Send check ran out of its {BudgetMs} ms budget; the mail goes out unchecked")]
    public static partial void SendCheckTimedOut(ILogger logger, int budgetMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Send check failed ({ExceptionType}); the mail goes out unchecked")]
    public static partial void SendCheckFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Refused a request body: {Problem}")]
    public static partial void BodyRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Rate limit reached for a caller on {Path}")]
    public static partial void RateLimited(ILogger logger, string path);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Rewrote a draft of {Length} characters: risk {Before:0.00} -> {After:0.00}, changed {Changed}")]
    public static partial void Rewrote(ILogger logger, int length, double before, double after, bool changed);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, string exceptionType, string method, string path, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "The engine warm-up failed ({ExceptionType}); the first checks will be slower")]
    public static partial void WarmUpFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Cost limit reached for a caller on {Path} ({Characters} characters asked)")]
    public static partial void CostLimited(ILogger logger, string path, long characters);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Assess lane full ({Width} at work, {Queue} waiting at most); answered 503")]
    public static partial void AssessBusy(ILogger logger, int width, int queue);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message =
        "Bounded a draft's work: partial {Partial} (budget {BudgetMs} ms), spans left out {Spans}, sentences unscored {Unscored}, uncoached {Uncoached}, spans without suggestions {WithoutSuggestions}")]
    public static partial void WorkBounded(ILogger logger, bool partial, int budgetMs, int spans, int unscored, int uncoached, int withoutSuggestions);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Send check found no place in its lane within the {BudgetMs} ms budget; the mail goes out unchecked")]
    public static partial void SendCheckBusy(ILogger logger, int budgetMs);

    // On-send context and audit (statuses and timings, never text or ids).
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Send check: thread context {Status} (reply time known: {HasReceivedAt}, recipient hours known: {HasSchedule}) in {ElapsedMs:0.0} ms")]
    public static partial void SendCheckContextRead(ILogger logger, string status, bool hasReceivedAt, bool hasSchedule, double elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Send check: reading the thread context failed ({ExceptionType}); checking without it")]
    public static partial void SendCheckContextFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Send check: no mailbox to read the thread from ({Why}); checking without context")]
    public static partial void SendCheckNoMailbox(ILogger logger, string why);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Send check: the audit write outlasted the {BudgetMs} ms budget and finishes in the background")]
    public static partial void SendCheckAuditHandedOff(ILogger logger, int budgetMs);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Send check: the audit record could not be started ({ExceptionType}); the check went on")]
    public static partial void SendCheckAuditNotStarted(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Debug, Message = "Send check: the recent-flag count was not there within {BudgetMs:0} ms; advised without it")]
    public static partial void SendCheckRecentFlagsLate(ILogger logger, double budgetMs);

    // Recent flags for the cooling-off policy.
    [LoggerMessage(EventId = 3301, Level = LogLevel.Debug, Message = "Recent flags: counted in {ElapsedMs:0.0} ms")]
    public static partial void RecentFlagsCounted(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Recent flags: the audit store did not answer ({Status}) after {ElapsedMs:0.0} ms; counted as 0")]
    public static partial void RecentFlagsFailed(ILogger logger, string status, double elapsedMs);

    // The language-model rewriter: counts and the coach's notes only (the notes never quote the draft).
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Language-model rewriter on: {Endpoint} ({Model}), timeout {TimeoutSeconds:0.##} s")]
    public static partial void LanguageModelEnabled(ILogger logger, string endpoint, string model, double timeoutSeconds);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Language model reworded {Used} of {Flagged} flagged sentence(s)")]
    public static partial void LanguageModelUsed(ILogger logger, int used, int flagged);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Language model: {FellBack} of {Flagged} flagged sentence(s) fell back to the built-in rewriter. {Notes}")]
    public static partial void LanguageModelFellBack(ILogger logger, int fellBack, int flagged, string notes);

    // The audit trail: levels, statuses and timings.
    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Audit: recorded a {Level} check ({Status}) in {ElapsedMs:0.0} ms")]
    public static partial void AuditRecorded(ILogger logger, string level, AuditWriteStatus status, double elapsedMs);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Audit: a flagged check was not recorded ({ExceptionType} after {ElapsedMs:0} ms); the check itself went on")]
    public static partial void AuditRecordFailed(ILogger logger, string exceptionType, double elapsedMs, Exception exception);
}
