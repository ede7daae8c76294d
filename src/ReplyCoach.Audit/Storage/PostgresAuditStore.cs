using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ReplyCoach.Audit.Storage;

/// <summary>
/// The shared engine for several service instances: PostgreSQL. No state is kept in the process beyond a
/// connection pool, so any instance can answer any request; migrations and retention runs serialise on advisory
/// locks, and idempotent inserts rely on the unique index (ON CONFLICT DO NOTHING), not on process memory.
/// </summary>
internal sealed class PostgresAuditStore : SqlAuditStore
{
    // Arbitrary, fixed keys for pg_advisory_*_lock: one for migrations, one for retention runs.
    private const long MigrationLock = 0x5265_706C_7943_0001;
    private const long RetentionLock = 0x5265_706C_7943_0002;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAuditStore(AuditOptions options, IdHasher hasher, string connectionString, TimeProvider time, ILogger<PostgresAuditStore> logger)
        : base(options, hasher, time, logger, AuditSqlDialect.PostgreSql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "ReplyCoach audit";
        }

        // Measured on the scale run: on a small server, JIT compilation and parallel workers add 100-250 ms to the
        // dashboard's aggregates over ~50,000 rows, which a single backend answers in a few tens of milliseconds.
        // Operators can override both with their own Options in the connection string.
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c jit=off -c max_parallel_workers_per_gather=0";
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string Engine => "postgresql";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException e) when (e.IsTransient && attempt < 3)
            {
                // Serialization failure or deadlock between instances: the whole transaction is safe to repeat.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(20 * attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Migrations.ApplyAsync(
            connection,
            "PostgreSql",
            async (c, ct) => await c.BeginTransactionAsync(ct).ConfigureAwait(false),
            Time,
            Logger,
            cancellationToken,
            lockSql: $"SELECT pg_advisory_xact_lock({MigrationLock})").ConfigureAwait(false);
    }

    protected override async Task EraseFreedSpaceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // Only one instance rewrites the table at a time; the others skip (the next run catches up).
        var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT pg_try_advisory_lock({RetentionLock})", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!locked)
        {
            return;
        }

        try
        {
            // A plain DELETE leaves dead tuples (and the text in them) in the table's pages until they are reused.
            // VACUUM FULL rewrites audit_text without them. The table holds only text inside the retention
            // period, so it stays small and the exclusive lock is short; records (no draft text) get a plain VACUUM.
            await connection.ExecuteAsync(new CommandDefinition("VACUUM FULL audit_text", commandTimeout: 600, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("VACUUM audit_flag", commandTimeout: 600, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_unlock({RetentionLock})", cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
