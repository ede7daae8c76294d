using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ReplyCoach.Audit.Storage;

/// <summary>
/// The embedded engine: one SQLite file in WAL mode. Writers are serialised in-process (SQLite has one writer at a
/// time anyway; queueing here avoids busy-waiting), readers run alongside. <c>secure_delete</c> is on for every
/// connection, so erased text is overwritten with zeros rather than left in free pages.
/// </summary>
internal sealed class SqliteAuditStore : SqlAuditStore
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteAuditStore(AuditOptions options, IdHasher hasher, string path, TimeProvider time, ILogger<SqliteAuditStore> logger)
        : base(options, hasher, time, logger, AuditSqlDialect.Sqlite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var synchronous = options.SqliteDurability == SqliteDurability.Full ? "FULL" : "NORMAL";
        _pragmas = $"PRAGMA synchronous = {synchronous}; PRAGMA secure_delete = ON; PRAGMA busy_timeout = 10000; PRAGMA temp_store = MEMORY;";
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override string Engine => "sqlite";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            // BEGIN IMMEDIATE: take the write lock up front, so a second process waits instead of failing on upgrade.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // Outside any transaction: incremental auto-vacuum only takes effect on a new file (before the first
        // table); WAL is persistent once set.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA auto_vacuum = INCREMENTAL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The audit database '{Path}' could not be switched to WAL mode (it is in '{mode}' mode).");
        }

        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_size_limit = 67108864;", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await Migrations.ApplyAsync(connection, "Sqlite", BeginImmediateAsync, Time, Logger, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((SqliteConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task EraseFreedSpaceAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

            // secure_delete has zeroed the deleted cells; give the freed pages back to the file system, then copy
            // everything from the write-ahead log into the main file and truncate the log, so the text's earlier
            // versions (still in old log frames) are gone too. A reader holding an old snapshot makes the
            // checkpoint report busy; retry briefly.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA incremental_vacuum;", cancellationToken: cancellationToken)).ConfigureAwait(false);
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var result = await connection.QuerySingleAsync<(long Busy, long Log, long Checkpointed)>(
                    new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (result.Busy == 0)
                {
                    return;
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            AuditLog.CheckpointBusy(Logger);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _writeLock.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
