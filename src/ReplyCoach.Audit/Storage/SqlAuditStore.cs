using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Logging;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.Storage;

/// <summary>
/// The audit store over SQL: the operations of <see cref="IAuditStore"/>, one implementation for SQLite and
/// PostgreSQL. The statements come from <see cref="AuditQueryBuilder"/> (with the engine's <see cref="AuditSqlDialect"/>),
/// rows are mapped by <see cref="AuditRowMapper"/>, and the engine-specific parts (connections, transactions,
/// migrations, erasing freed space) are left to subclasses. Redaction and id hashing happen before anything reaches
/// either database.
/// </summary>
internal abstract class SqlAuditStore : IAuditStore, IAsyncDisposable
{
    private const int PurgeBatch = 1000;
    private const int ExportBatch = 500;

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly AuditQueryBuilder _sql;
    private volatile bool _initialized;

    protected SqlAuditStore(AuditOptions options, IdHasher hasher, TimeProvider time, ILogger logger, AuditSqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(dialect);
        Options = options;
        Hasher = hasher;
        Logger = logger;
        _sql = new AuditQueryBuilder(dialect);
    }

    protected AuditOptions Options { get; }

    protected IdHasher Hasher { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>Short engine name for logs ("sqlite", "postgresql").</summary>
    public abstract string Engine { get; }

    /// <summary>Opens a connection with the engine's per-connection settings applied.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs a write transaction (serialised per process for SQLite; retried on conflicts where the engine needs it).</summary>
    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Creates or upgrades the schema; safe to call from several processes at once.</summary>
    protected abstract Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>After a purge removed something: make sure the freed bytes are gone from the files.</summary>
    protected abstract Task EraseFreedSpaceAsync(CancellationToken cancellationToken);

    /// <summary>Creates or upgrades the schema now (otherwise it happens on first use).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<AuditWriteResult> RecordCheckAsync(AuditCheck check, CancellationToken cancellationToken = default)
    {
        AuditValidation.Check(check);
        if (check.Level == RiskLevel.Ok)
        {
            return new AuditWriteResult(AuditWriteStatus.NotFlagged, null);
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var policy = Options.Redaction;
        var row = ToInsertRow(check, policy);
        return await WriteAsync(async (connection, transaction) =>
        {
            var id = await InsertAsync(connection, transaction, check, row, policy, cancellationToken).ConfigureAwait(false);
            if (id is null)
            {
                var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    AuditQueryBuilder.FlagIdOfCheck, new { check.CheckId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                return new AuditWriteResult(AuditWriteStatus.Duplicate, existing);
            }

            return new AuditWriteResult(AuditWriteStatus.Created, id);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AuditWriteResult> RecordOutcomeAsync(AuditOutcomeReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.CheckId);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.AgentId);
        if (!Enum.IsDefined(report.Outcome) || report.Outcome == AuditOutcome.Pending)
        {
            throw new ArgumentException("The outcome must be one of what an agent can do (not pending).", nameof(report));
        }

        AuditValidation.Probability(report.RiskAtSend, nameof(report));
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(async (connection, transaction) =>
        {
            var current = await connection.QuerySingleOrDefaultAsync<OutcomeRow>(new CommandDefinition(
                AuditQueryBuilder.OutcomeOfCheck, new { report.CheckId, report.AgentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (current is null)
            {
                return new AuditWriteResult(AuditWriteStatus.NotFound, null);
            }

            if (current.Outcome == (int)report.Outcome && Nullable.Equals(current.RiskAtSend, report.RiskAtSend))
            {
                return new AuditWriteResult(AuditWriteStatus.Duplicate, current.Id);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                AuditQueryBuilder.UpdateOutcome,
                new
                {
                    current.Id,
                    Outcome = (int)report.Outcome,
                    report.RiskAtSend,
                    OutcomeAt = report.ReportedAt.ToUnixTimeMilliseconds(),
                    Improved = AuditOutcomes.IsImproved(report.Outcome, current.Risk, report.RiskAtSend) ? 1 : 0,
                    Counted = AuditOutcomes.CountsTowardShare(report.Outcome) ? 1 : 0,
                },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new AuditWriteResult(AuditWriteStatus.Created, current.Id);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AuditPage> ListAsync(AuditQuery query, AuditScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be 1..500.");
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var (sql, parameters) = AuditQueryBuilder.ListPage(query, scope);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<FlagRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        string? next = null;
        if (rows.Count > query.PageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            next = AuditCursor.Encode(rows[^1].CheckedAt, rows[^1].Id);
        }

        return new AuditPage(rows.Select(r => AuditRowMapper.ToRecord(r, null)).ToList(), next);
    }

    /// <inheritdoc />
    public async Task<AuditRecord?> GetAsync(long id, AuditScope scope, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, id, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AuditRecord?> ReviewAsync(long id, AuditReview review, AuditScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentException.ThrowIfNullOrWhiteSpace(review.ReviewedBy);
        if (review.Note is { Length: > 2000 })
        {
            throw new ArgumentException("A coaching note is at most 2,000 characters.", nameof(review));
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await UpdateInScopeAsync(id, scope,
            "reviewed = 1, reviewed_at = @At, reviewed_by = @By, coaching_note = @Note",
            new { At = review.At.ToUnixTimeMilliseconds(), By = review.ReviewedBy, Note = string.IsNullOrWhiteSpace(review.Note) ? null : review.Note.Trim() },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AuditRecord?> MarkFalsePositiveAsync(long id, AuditFalsePositive mark, AuditScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mark);
        ArgumentException.ThrowIfNullOrWhiteSpace(mark.MarkedBy);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await UpdateInScopeAsync(id, scope,
            "false_positive = @Fp, fp_by = @By, fp_at = @At",
            new { Fp = mark.FalsePositive ? 1 : 0, By = mark.FalsePositive ? mark.MarkedBy : null, At = mark.FalsePositive ? mark.At.ToUnixTimeMilliseconds() : (long?)null },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditAggregate>> AggregateAsync(AuditAggregateQuery query, AuditScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var (sql, parameters) = _sql.Aggregate(query, scope);
        List<AggregateRow> rows;
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = (await connection.QueryAsync<AggregateRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        }

        return AuditRowMapper.ToAggregates(query.GroupBy, rows);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ExportAsync(AuditFilter filter, AuditScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);

        // Keyset pages, each read on its own short connection: a long export never pins an old snapshot
        // (which would stop SQLite's checkpoints or hold back PostgreSQL's vacuum).
        long? afterAt = null;
        long afterId = 0;
        while (true)
        {
            var (sql, parameters) = AuditQueryBuilder.ExportPage(filter, scope, afterAt, afterId, ExportBatch);
            List<FlagRow> rows;
            List<TextRow> texts;
            await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                rows = (await connection.QueryAsync<FlagRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
                texts = rows.Count == 0 ? [] : await ReadTextsAsync(connection, null, rows.Select(r => r.Id).ToArray(), cancellationToken).ConfigureAwait(false);
            }

            var byFlag = texts.ToLookup(t => t.FlagId);
            foreach (var row in rows)
            {
                yield return AuditRowMapper.ToRecord(row, byFlag[row.Id].ToList());
            }

            if (rows.Count < ExportBatch)
            {
                yield break;
            }

            afterAt = rows[^1].CheckedAt;
            afterId = rows[^1].Id;
        }
    }

    /// <inheritdoc />
    public async Task<AuditPurgeResult> PurgeAsync(AuditPurgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var textCutoff = (request.Now - (request.TextRetention ?? Options.TextRetention)).ToUnixTimeMilliseconds();
        var recordCutoff = (request.Now - (request.RecordRetention ?? Options.RecordRetention)).ToUnixTimeMilliseconds();

        // Whole records past their retention first, then the texts of the records that stay.
        var recordsDeleted = await PurgeInBatchesAsync(AuditQueryBuilder.FlagsBefore, recordCutoff, _sql.DeleteFlags, cancellationToken).ConfigureAwait(false);
        var textsPurged = await PurgeInBatchesAsync(AuditQueryBuilder.FlagsWithTextBefore, textCutoff, _sql.MarkTextsPurged, cancellationToken).ConfigureAwait(false);
        if (textsPurged > 0 || recordsDeleted > 0)
        {
            await EraseFreedSpaceAsync(cancellationToken).ConfigureAwait(false);
        }

        return new AuditPurgeResult(textsPurged, recordsDeleted);
    }

    /// <summary>Bulk insert for seeding benchmarks and imports: many checks in one transaction, same rules as <see cref="RecordCheckAsync"/>.</summary>
    internal async Task<int> RecordManyAsync(IReadOnlyList<AuditCheck> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var policy = Options.Redaction;
        var rows = checks.Where(c => c.Level != RiskLevel.Ok).Select(c =>
        {
            AuditValidation.Check(c);
            return (Check: c, Row: ToInsertRow(c, policy));
        }).ToList();
        return await WriteAsync(async (connection, transaction) =>
        {
            var created = 0;
            foreach (var (check, row) in rows)
            {
                if (await InsertAsync(connection, transaction, check, row, policy, cancellationToken).ConfigureAwait(false) is not null)
                {
                    created++;
                }
            }

            return created;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A check as this store writes it (ids hashed with its key).</summary>
    internal InsertRow ToInsertRow(AuditCheck check, RedactionPolicy policy) => AuditRowMapper.ToInsertRow(check, policy, Hasher);

    public virtual ValueTask DisposeAsync()
    {
        _initLock.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    // Inserts the flag and the texts the policy keeps; null when the check id is already stored (nothing written).
    private static async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, AuditCheck check, InsertRow row, RedactionPolicy policy, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(AuditQueryBuilder.InsertFlag, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (id is null)
        {
            return null;
        }

        var texts = Redactor.Select(check, policy, id.Value);
        if (texts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(AuditQueryBuilder.InsertText, texts, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return id;
    }

    // Deletes in batches, each its own short transaction: the texts of the flags <selectIds> finds before the cutoff,
    // then <thenSql> on those flags. Returns how many flags were handled.
    private async Task<int> PurgeInBatchesAsync(string selectIds, long cutoff, string thenSql, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var handled = await WriteAsync(async (connection, transaction) =>
            {
                var ids = (await connection.QueryAsync<long>(new CommandDefinition(
                    selectIds, new { Cutoff = cutoff, Take = PurgeBatch }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
                if (ids.Length > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(_sql.DeleteTextsOfFlags, new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition(thenSql, new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return ids.Length;
            }, cancellationToken).ConfigureAwait(false);
            total += handled;
            if (handled < PurgeBatch)
            {
                return total;
            }
        }
    }

    private async Task<AuditRecord?> UpdateInScopeAsync(long id, AuditScope scope, string set, object values, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            var (sql, parameters) = AuditQueryBuilder.Update(id, scope, set, values);
            var changed = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return changed == 0 ? null : await GetAsync(connection, transaction, id, scope, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuditRecord?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, AuditScope scope, CancellationToken cancellationToken)
    {
        var (sql, parameters) = AuditQueryBuilder.Flag(id, scope);
        var row = await connection.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var texts = await ReadTextsAsync(connection, transaction, [id], cancellationToken).ConfigureAwait(false);
        return AuditRowMapper.ToRecord(row, texts);
    }

    private async Task<List<TextRow>> ReadTextsAsync(DbConnection connection, DbTransaction? transaction, long[] ids, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<TextRow>(new CommandDefinition(
            _sql.TextsOfFlags, new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
}
