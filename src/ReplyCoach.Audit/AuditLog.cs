using Microsoft.Extensions.Logging;

namespace ReplyCoach.Audit;

/// <summary>Everything the audit trail logs. Never draft text, never raw message or conversation ids.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Audit store ({Engine}) schema migration {Version} '{Name}' applied")]
    public static partial void MigrationApplied(ILogger logger, string engine, int version, string name);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Audit store: the write-ahead log could not be truncated after a purge (readers kept it busy); it is retried on the next run")]
    public static partial void CheckpointBusy(ILogger logger);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Audit retention: text dropped from {Texts} records, {Records} records deleted in {ElapsedMs:0} ms")]
    public static partial void RetentionRan(ILogger logger, int texts, int records, double elapsedMs);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Audit retention run failed ({ExceptionType}); retried at the next interval")]
    public static partial void RetentionFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Audit store: {Engine} ({Location}), redaction {Redaction}, text kept {TextDays} days, records {RecordDays} days")]
    public static partial void StoreReady(ILogger logger, string engine, string location, RedactionPolicy redaction, int textDays, int recordDays);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Audit store: no ReplyCoach:Audit:HashKey configured; using the generated key next to the SQLite file")]
    public static partial void GeneratedHashKey(ILogger logger);
}
