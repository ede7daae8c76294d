using Microsoft.Extensions.Logging;
using ReplyCoach.Audit.Storage;

namespace ReplyCoach.Audit;

/// <summary>Builds the configured store; used by the service's dependency injection and by the command line.</summary>
public static class AuditStoreFactory
{
    /// <summary>Creates the store the options name. The caller owns it (dispose it with <c>await using</c> when it is not a DI singleton).</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="dataFolder">The configured data folder (<see cref="AuditOptions.DataFolderKey"/>), or null for the default.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Where to log.</param>
    public static IAuditStore Create(AuditOptions options, string? dataFolder, TimeProvider time, ILoggerFactory loggers) =>
        CreateSql(options, dataFolder, time, loggers);

    internal static SqlAuditStore CreateSql(AuditOptions options, string? dataFolder, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("ReplyCoach.Audit");
        SqlAuditStore store;
        if (options.Provider == AuditProvider.PostgreSql)
        {
            store = new PostgresAuditStore(options, IdHasher.FromOptions(options, null), options.ConnectionString!, time, loggers.CreateLogger<PostgresAuditStore>());
            AuditLog.StoreReady(logger, store.Engine, "configured connection", options.Redaction, options.TextRetentionDays, options.RecordRetentionDays);
        }
        else
        {
            var path = options.ResolveSqlitePath(dataFolder);
            if (string.IsNullOrWhiteSpace(options.HashKey))
            {
                AuditLog.GeneratedHashKey(logger);
            }

            store = new SqliteAuditStore(options, IdHasher.FromOptions(options, path), path, time, loggers.CreateLogger<SqliteAuditStore>());
            AuditLog.StoreReady(logger, store.Engine, path, options.Redaction, options.TextRetentionDays, options.RecordRetentionDays);
        }

        return store;
    }
}
