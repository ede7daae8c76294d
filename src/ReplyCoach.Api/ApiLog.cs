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
}
