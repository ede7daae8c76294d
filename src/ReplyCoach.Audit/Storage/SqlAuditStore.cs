using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.Extensions.Logging;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.Storage;

/// <summary>
/// The audit store over SQL: one set of queries for SQLite and PostgreSQL (the schemas are kept alike on purpose),
/// with the engine-specific parts (connections, transactions, migrations, erasing freed space) left to subclasses.
/// Redaction and id hashing happen here, before anything reaches either database.
/// </summary>
internal abstract partial class SqlAuditStore : IAuditStore, IAsyncDisposable
{
    private const int PurgeBatch = 1000;
    private const int ExportBatch = 500;

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    protected SqlAuditStore(AuditOptions options, IdHasher hasher, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(logger);
        Options = options;
        Hasher = hasher;
        Logger = logger;
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
        Validate(check);
        if (check.Level == RiskLevel.Ok)
        {
            return new AuditWriteResult(AuditWriteStatus.NotFlagged, null);
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var policy = Options.Redaction;
        var row = ToInsertRow(check, policy);
        return await WriteAsync(async (connection, transaction) =>
        {
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertFlagSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (id is null)
            {
                var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT id FROM audit_flag WHERE check_id = @CheckId", new { check.CheckId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                return new AuditWriteResult(AuditWriteStatus.Duplicate, existing);
            }

            var texts = Redactor.Select(check, policy, id.Value);
            if (texts.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO audit_text (flag_id, kind, ordinal, body) VALUES (@FlagId, @Kind, @Ordinal, @Body)", texts, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
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

        CheckProbability(report.RiskAtSend, nameof(report));
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(async (connection, transaction) =>
        {
            var current = await connection.QuerySingleOrDefaultAsync<OutcomeRow>(new CommandDefinition(
                "SELECT id AS Id, outcome AS Outcome, risk AS Risk, risk_at_send AS RiskAtSend FROM audit_flag WHERE check_id = @CheckId AND agent_id = @AgentId",
                new { report.CheckId, report.AgentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (current is null)
            {
                return new AuditWriteResult(AuditWriteStatus.NotFound, null);
            }

            if (current.Outcome == (int)report.Outcome && Nullable.Equals(current.RiskAtSend, report.RiskAtSend))
            {
                return new AuditWriteResult(AuditWriteStatus.Duplicate, current.Id);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE audit_flag SET outcome = @Outcome, risk_at_send = @RiskAtSend, outcome_at = @OutcomeAt,
                    improved = @Improved, counted = @Counted
                WHERE id = @Id
                """,
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
        var (where, parameters) = BuildWhere(query.Filter, scope);
        if (query.Cursor is not null)
        {
            var (at, id) = DecodeCursor(query.Cursor);
            where.Append(" AND (checked_at < @CursorAt OR (checked_at = @CursorAt AND id < @CursorId))");
            parameters.Add("CursorAt", at);
            parameters.Add("CursorId", id);
        }

        parameters.Add("Take", query.PageSize + 1);
        var sql = $"SELECT {FlagColumns} FROM audit_flag WHERE {where} ORDER BY checked_at DESC, id DESC LIMIT @Take";
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<FlagRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        string? next = null;
        if (rows.Count > query.PageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            next = EncodeCursor(rows[^1].CheckedAt, rows[^1].Id);
        }

        return new AuditPage(rows.Select(r => ToRecord(r, null)).ToList(), next);
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
        var (where, parameters) = BuildWhere(query.Filter, scope);
        var key = query.GroupBy switch
        {
            AuditGrouping.Agent => "agent_id",
            AuditGrouping.Team => "team",
            AuditGrouping.Week => "week",
            AuditGrouping.Category => "''",
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.GroupBy, "Unknown grouping."),
        };

        // Two shapes, chosen per engine by measurement: PostgreSQL is fastest grouped by the key and the category
        // mask with few expressions per row (the category split is folded in here from a few hundred groups);
        // SQLite is fastest with one group per key and the seven category counts summed in SQL.
        var name = query.GroupBy == AuditGrouping.Agent ? "MAX(agent_name)" : "NULL";
        var byMask = query.GroupBy == AuditGrouping.Category || AggregateByMask;
        var groupBy = query.GroupBy == AuditGrouping.Category ? "flagged_mask" : byMask ? $"{key}, flagged_mask" : key;
        var categorySums = byMask ? "" : ",\n    " + CategorySums;
        var sql = $"""
            SELECT CAST({key} AS {TextType}) AS GroupKey, {name} AS DisplayName, {(byMask ? "flagged_mask" : "-1")} AS Mask, COUNT(*) AS Flags,
                SUM(CASE WHEN level = 2 THEN 1 ELSE 0 END) AS Holds,
                SUM(counted) AS WithOutcome, SUM(improved) AS Improved,
                SUM(CASE WHEN outcome = {(int)AuditOutcome.SentAnyway} THEN 1 ELSE 0 END) AS SentAnyway,
                SUM(false_positive) AS FalsePositives, SUM(reviewed) AS Reviewed{categorySums}
            FROM audit_flag WHERE {where} GROUP BY {groupBy}
            """;
        List<AggregateRow> rows;
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = (await connection.QueryAsync<AggregateRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        }

        if (query.GroupBy == AuditGrouping.Category)
        {
            return ToneCategories.All
                .Select(c => (Category: c, Rows: rows.Where(r => (r.Mask & (1 << (int)c)) != 0).ToList()))
                .Where(x => x.Rows.Count > 0)
                .Select(x => Fold(ToneCategories.Name(x.Category), null, x.Rows))
                .ToList();
        }

        return rows
            .GroupBy(r => r.GroupKey ?? "", StringComparer.Ordinal)
            .Select(g => Fold(
                query.GroupBy == AuditGrouping.Week ? WeekKey(long.Parse(g.Key, CultureInfo.InvariantCulture)) : g.Key,
                g.Select(r => r.DisplayName).FirstOrDefault(n => n is not null),
                g.ToList()))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static AuditAggregate Fold(string key, string? displayName, List<AggregateRow> rows)
    {
        var byCategory = ToneCategories.All.ToDictionary(ToneCategories.Name, _ => 0L);
        foreach (var row in rows)
        {
            long[] summed = [row.C0, row.C1, row.C2, row.C3, row.C4, row.C5, row.C6];
            foreach (var c in ToneCategories.All)
            {
                if (row.Mask < 0)
                {
                    byCategory[ToneCategories.Name(c)] += summed[(int)c];
                }
                else if ((row.Mask & (1 << (int)c)) != 0)
                {
                    byCategory[ToneCategories.Name(c)] += row.Flags;
                }
            }
        }

        return new AuditAggregate(
            key,
            rows.Sum(r => r.Flags),
            rows.Sum(r => r.Holds),
            rows.Sum(r => r.WithOutcome),
            rows.Sum(r => r.Improved),
            rows.Sum(r => r.SentAnyway),
            rows.Sum(r => r.FalsePositives),
            rows.Sum(r => r.Reviewed),
            byCategory)
        {
            DisplayName = displayName,
        };
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
            var (where, parameters) = BuildWhere(filter, scope);
            if (afterAt is not null)
            {
                where.Append(" AND (checked_at > @AfterAt OR (checked_at = @AfterAt AND id > @AfterId))");
                parameters.Add("AfterAt", afterAt);
                parameters.Add("AfterId", afterId);
            }

            parameters.Add("Take", ExportBatch);
            List<FlagRow> rows;
            List<TextRow> texts;
            await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                rows = (await connection.QueryAsync<FlagRow>(new CommandDefinition(
                    $"SELECT {FlagColumns} FROM audit_flag WHERE {where} ORDER BY checked_at, id LIMIT @Take", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
                texts = rows.Count == 0 ? [] : await ReadTextsAsync(connection, null, rows.Select(r => r.Id).ToArray(), cancellationToken).ConfigureAwait(false);
            }

            var byFlag = texts.ToLookup(t => t.FlagId);
            foreach (var row in rows)
            {
                yield return ToRecord(row, byFlag[row.Id].ToList());
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

        var recordsDeleted = 0;
        while (true)
        {
            var deleted = await WriteAsync(async (connection, transaction) =>
            {
                var ids = (await connection.QueryAsync<long>(new CommandDefinition(
                    "SELECT id FROM audit_flag WHERE checked_at < @Cutoff ORDER BY checked_at LIMIT @Take",
                    new { Cutoff = recordCutoff, Take = PurgeBatch }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
                if (ids.Length > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM audit_text WHERE {InIds("flag_id")}", new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM audit_flag WHERE {InIds("id")}", new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return ids.Length;
            }, cancellationToken).ConfigureAwait(false);
            recordsDeleted += deleted;
            if (deleted < PurgeBatch)
            {
                break;
            }
        }

        var textsPurged = 0;
        while (true)
        {
            var purged = await WriteAsync(async (connection, transaction) =>
            {
                var ids = (await connection.QueryAsync<long>(new CommandDefinition(
                    "SELECT id FROM audit_flag WHERE checked_at < @Cutoff AND text_purged = 0 ORDER BY checked_at LIMIT @Take",
                    new { Cutoff = textCutoff, Take = PurgeBatch }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
                if (ids.Length > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM audit_text WHERE {InIds("flag_id")}", new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition($"UPDATE audit_flag SET text_purged = 1 WHERE {InIds("id")}", new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return ids.Length;
            }, cancellationToken).ConfigureAwait(false);
            textsPurged += purged;
            if (purged < PurgeBatch)
            {
                break;
            }
        }

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
            Validate(c);
            return (Check: c, Row: ToInsertRow(c, policy));
        }).ToList();
        return await WriteAsync(async (connection, transaction) =>
        {
            var created = 0;
            foreach (var (check, row) in rows)
            {
                var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertFlagSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (id is null)
                {
                    continue;
                }

                created++;
                var texts = Redactor.Select(check, policy, id.Value);
                if (texts.Count > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO audit_text (flag_id, kind, ordinal, body) VALUES (@FlagId, @Kind, @Ordinal, @Body)", texts, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }
            }

            return created;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"column is one of @Ids" (Dapper expands a list for SQLite; PostgreSQL takes the array as one parameter).</summary>
    protected virtual string InIds(string column) => $"{column} IN @Ids";

    /// <summary>Whether aggregates group by the category mask too (see <see cref="AggregateAsync"/>).</summary>
    protected virtual bool AggregateByMask => false;

    /// <summary>The SQL type to cast group keys to.</summary>
    protected virtual string TextType => "TEXT";

    public virtual ValueTask DisposeAsync()
    {
        _initLock.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<AuditRecord?> UpdateInScopeAsync(long id, AuditScope scope, string set, object values, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            var parameters = new DynamicParameters(values);
            parameters.Add("Id", id);
            var scopeSql = ScopeSql(scope, parameters);
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE audit_flag SET {set} WHERE id = @Id{scopeSql}", parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return changed == 0 ? null : await GetAsync(connection, transaction, id, scope, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuditRecord?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, AuditScope scope, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Id", id);
        var scopeSql = ScopeSql(scope, parameters);
        var row = await connection.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(
            $"SELECT {FlagColumns} FROM audit_flag WHERE id = @Id{scopeSql}", parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var texts = await ReadTextsAsync(connection, transaction, [id], cancellationToken).ConfigureAwait(false);
        return ToRecord(row, texts);
    }

    private async Task<List<TextRow>> ReadTextsAsync(DbConnection connection, DbTransaction? transaction, long[] ids, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<TextRow>(new CommandDefinition(
            $"SELECT flag_id AS FlagId, kind AS Kind, ordinal AS Ordinal, body AS Body FROM audit_text WHERE {InIds("flag_id")}",
            new { Ids = ids }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();

    private static string ScopeSql(AuditScope scope, DynamicParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(scope);
        switch (scope.Kind)
        {
            case AuditScopeKind.All:
                return "";
            case AuditScopeKind.Agent:
                parameters.Add("ScopeValue", RequireScopeValue(scope));
                return " AND agent_id = @ScopeValue";
            case AuditScopeKind.Team:
                parameters.Add("ScopeValue", RequireScopeValue(scope));
                return " AND team = @ScopeValue";
            default:
                throw new ArgumentOutOfRangeException(nameof(scope), scope.Kind, "Unknown scope.");
        }
    }

    private static string RequireScopeValue(AuditScope scope) =>
        string.IsNullOrEmpty(scope.Value)
            ? throw new ArgumentException("An agent or team scope needs a value; a caller without a team sees nothing rather than everything.", nameof(scope))
            : scope.Value;

    private static (StringBuilder Where, DynamicParameters Parameters) BuildWhere(AuditFilter filter, AuditScope scope)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters();
        var where = new StringBuilder("1 = 1");
        where.Append(ScopeSql(scope, parameters));
        if (filter.AgentId is not null)
        {
            where.Append(" AND agent_id = @AgentId");
            parameters.Add("AgentId", filter.AgentId);
        }

        if (filter.Team is not null)
        {
            where.Append(" AND team = @Team");
            parameters.Add("Team", filter.Team);
        }

        if (filter.Category is { } category)
        {
            where.Append(" AND (flagged_mask & @CategoryBit) <> 0");
            parameters.Add("CategoryBit", 1 << (int)category);
        }

        if (filter.Level is { } level)
        {
            where.Append(" AND level = @Level");
            parameters.Add("Level", (int)level);
        }

        if (filter.Outcome is { } outcome)
        {
            where.Append(" AND outcome = @Outcome");
            parameters.Add("Outcome", (int)outcome);
        }

        if (filter.From is { } from)
        {
            where.Append(" AND checked_at >= @From");
            parameters.Add("From", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            where.Append(" AND checked_at < @To");
            parameters.Add("To", to.ToUnixTimeMilliseconds());
        }

        if (filter.Reviewed is { } reviewed)
        {
            where.Append(" AND reviewed = @Reviewed");
            parameters.Add("Reviewed", reviewed ? 1 : 0);
        }

        if (filter.FalsePositive is { } falsePositive)
        {
            // A literal, not a parameter: only then can both engines use the partial index on false positives.
            where.Append(falsePositive ? " AND false_positive = 1" : " AND false_positive = 0");
        }

        return (where, parameters);
    }

    private static void Validate(AuditCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentException.ThrowIfNullOrWhiteSpace(check.CheckId);
        ArgumentException.ThrowIfNullOrWhiteSpace(check.AgentId);
        if (check.CheckId.Length > 200)
        {
            throw new ArgumentException("A check id is at most 200 characters.", nameof(check));
        }

        if (!Enum.IsDefined(check.Level) || !Enum.IsDefined(check.Source) || !Enum.IsDefined(check.Outcome))
        {
            throw new ArgumentException("Unknown level, source or outcome.", nameof(check));
        }

        CheckProbability(check.Risk, nameof(check));
        CheckProbability(check.RiskAtSend, nameof(check));
        ArgumentNullException.ThrowIfNull(check.Categories);
        ArgumentNullException.ThrowIfNull(check.Spans);
        ArgumentNullException.ThrowIfNull(check.Suggestions);
        foreach (var score in check.Categories.Values)
        {
            CheckProbability(score, nameof(check));
        }
    }

    private static void CheckProbability(double? value, string name)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0 || v > 1))
        {
            throw new ArgumentOutOfRangeException(name, v, "Risks and scores are between 0 and 1.");
        }
    }

    internal InsertRow ToInsertRow(AuditCheck check, RedactionPolicy policy)
    {
        var at = check.CheckedAt.ToUniversalTime();
        var mask = 0;
        foreach (var span in check.Spans)
        {
            mask |= 1 << (int)span.Category;
        }

        double Score(ToneCategory c) => check.Categories.TryGetValue(c, out var s) ? s : 0;
        var spans = check.Spans.Take(Redactor.MaxItems).Select(s => new StoredSpan(s.Start, s.Length, (int)s.Category, Truncate(s.Reason, 300))).ToList();
        var suggestions = check.Suggestions.Take(Redactor.MaxItems)
            .Select(s => new StoredSuggestion(s.SpanIndex, Truncate(s.Rationale, 300), s.RiskBefore, s.RiskAfter)).ToList();
        return new InsertRow
        {
            CheckId = check.CheckId,
            AgentId = check.AgentId,
            AgentName = check.AgentName is null ? null : Truncate(check.AgentName, 200),
            Team = check.Team ?? "",
            CheckedAt = at.ToUnixTimeMilliseconds(),
            Week = WeekStart(at).ToUnixTimeMilliseconds(),
            MessageHash = Hasher.Hash(check.MessageId),
            ConversationHash = Hasher.Hash(check.ConversationId),
            Level = (int)check.Level,
            Risk = check.Risk,
            SHostility = Score(ToneCategory.Hostility),
            SBlame = Score(ToneCategory.Blame),
            SGeneralization = Score(ToneCategory.Generalization),
            SThreat = Score(ToneCategory.Threat),
            SCondescension = Score(ToneCategory.Condescension),
            SDismissiveness = Score(ToneCategory.Dismissiveness),
            SProfanity = Score(ToneCategory.Profanity),
            FlaggedMask = mask,
            Source = (int)check.Source,
            Outcome = (int)check.Outcome,
            RiskAtSend = check.RiskAtSend,
            OutcomeAt = check.Outcome == AuditOutcome.Pending ? null : at.ToUnixTimeMilliseconds(),
            Improved = AuditOutcomes.IsImproved(check.Outcome, check.Risk, check.RiskAtSend) ? 1 : 0,
            Counted = AuditOutcomes.CountsTowardShare(check.Outcome) ? 1 : 0,
            Redaction = (int)policy,
            TextPurged = policy == RedactionPolicy.None ? 1 : 0,
            Detail = JsonSerializer.Serialize(new StoredDetail(spans, suggestions), AuditJson.Default.StoredDetail),
        };
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>The Monday 00:00 UTC of the week containing a time.</summary>
    internal static DateTimeOffset WeekStart(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var daysSinceMonday = ((int)utc.DayOfWeek + 6) % 7;
        return new DateTimeOffset(utc.Date.AddDays(-daysSinceMonday), TimeSpan.Zero);
    }

    private static string WeekKey(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static AuditRecord ToRecord(FlagRow row, List<TextRow>? texts)
    {
        var categories = new Dictionary<ToneCategory, double>
        {
            [ToneCategory.Hostility] = row.SHostility,
            [ToneCategory.Blame] = row.SBlame,
            [ToneCategory.Generalization] = row.SGeneralization,
            [ToneCategory.Threat] = row.SThreat,
            [ToneCategory.Condescension] = row.SCondescension,
            [ToneCategory.Dismissiveness] = row.SDismissiveness,
            [ToneCategory.Profanity] = row.SProfanity,
        };
        var flagged = ToneCategories.All.Where(c => (row.FlaggedMask & (1 << (int)c)) != 0).ToList();
        IReadOnlyList<AuditSpan> spans = [];
        IReadOnlyList<AuditSuggestion> suggestions = [];
        if (texts is not null)
        {
            var detail = JsonSerializer.Deserialize(row.Detail, AuditJson.Default.StoredDetail) ?? new StoredDetail([], []);
            string? Text(TextKind kind, int ordinal) => texts.FirstOrDefault(t => t.Kind == (int)kind && t.Ordinal == ordinal)?.Body;
            spans = detail.Spans.Select((s, i) => new AuditSpan(s.Start, s.Length, (ToneCategory)s.Category, s.Reason,
                Text(TextKind.SpanText, i), Text(TextKind.SpanSentence, i))).ToList();
            suggestions = detail.Suggestions.Select((s, i) => new AuditSuggestion(s.SpanIndex, s.Rationale, s.RiskBefore, s.RiskAfter,
                Text(TextKind.SuggestionReplacement, i), Text(TextKind.SuggestionSentence, i))).ToList();
        }

        static DateTimeOffset? At(long? ms) => ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
        return new AuditRecord(
            row.Id,
            row.CheckId,
            row.AgentId,
            row.AgentName,
            string.IsNullOrEmpty(row.Team) ? null : row.Team,
            DateTimeOffset.FromUnixTimeMilliseconds(row.CheckedAt),
            row.MessageHash,
            row.ConversationHash,
            (RiskLevel)row.Level,
            row.Risk,
            categories,
            flagged,
            (AuditSource)row.Source,
            (AuditOutcome)row.Outcome,
            row.RiskAtSend,
            At(row.OutcomeAt),
            (RedactionPolicy)row.Redaction,
            row.TextPurged != 0,
            At(row.ReviewedAt),
            row.ReviewedBy,
            row.CoachingNote,
            row.FalsePositive != 0,
            row.FpBy,
            At(row.FpAt),
            spans,
            suggestions);
    }

    private static string EncodeCursor(long checkedAt, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{checkedAt}:{id}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (long CheckedAt, long Id) DecodeCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
                && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                return (at, id);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("The paging cursor is not one this service handed out.", nameof(cursor));
    }

    private const string FlagColumns =
        "id AS Id, check_id AS CheckId, agent_id AS AgentId, agent_name AS AgentName, team AS Team, checked_at AS CheckedAt, " +
        "message_hash AS MessageHash, conversation_hash AS ConversationHash, level AS Level, risk AS Risk, " +
        "s_hostility AS SHostility, s_blame AS SBlame, s_generalization AS SGeneralization, s_threat AS SThreat, " +
        "s_condescension AS SCondescension, s_dismissiveness AS SDismissiveness, s_profanity AS SProfanity, " +
        "flagged_mask AS FlaggedMask, source AS Source, outcome AS Outcome, risk_at_send AS RiskAtSend, outcome_at AS OutcomeAt, " +
        "redaction AS Redaction, text_purged AS TextPurged, reviewed_at AS ReviewedAt, reviewed_by AS ReviewedBy, " +
        "coaching_note AS CoachingNote, false_positive AS FalsePositive, fp_by AS FpBy, fp_at AS FpAt, detail AS Detail";

    internal const string InsertFlagSql = """
        INSERT INTO audit_flag (check_id, agent_id, agent_name, team, checked_at, week, message_hash, conversation_hash,
            level, risk, s_hostility, s_blame, s_generalization, s_threat, s_condescension, s_dismissiveness, s_profanity,
            flagged_mask, source, outcome, risk_at_send, outcome_at, improved, counted, redaction, text_purged, detail)
        VALUES (@CheckId, @AgentId, @AgentName, @Team, @CheckedAt, @Week, @MessageHash, @ConversationHash,
            @Level, @Risk, @SHostility, @SBlame, @SGeneralization, @SThreat, @SCondescension, @SDismissiveness, @SProfanity,
            @FlaggedMask, @Source, @Outcome, @RiskAtSend, @OutcomeAt, @Improved, @Counted, @Redaction, @TextPurged, @Detail)
        ON CONFLICT (check_id) DO NOTHING
        RETURNING id
        """;

    private static readonly string CategorySums = string.Join(",\n    ", ToneCategories.All.Select(c =>
        $"SUM(CASE WHEN (flagged_mask & {1 << (int)c}) <> 0 THEN 1 ELSE 0 END) AS C{(int)c}"));

    internal sealed class InsertRow
    {
        public required string CheckId { get; init; }
        public required string AgentId { get; init; }
        public string? AgentName { get; init; }
        public required string Team { get; init; }
        public long CheckedAt { get; init; }
        public long Week { get; init; }
        public string? MessageHash { get; init; }
        public string? ConversationHash { get; init; }
        public int Level { get; init; }
        public double Risk { get; init; }
        public double SHostility { get; init; }
        public double SBlame { get; init; }
        public double SGeneralization { get; init; }
        public double SThreat { get; init; }
        public double SCondescension { get; init; }
        public double SDismissiveness { get; init; }
        public double SProfanity { get; init; }
        public int FlaggedMask { get; init; }
        public int Source { get; init; }
        public int Outcome { get; init; }
        public double? RiskAtSend { get; init; }
        public long? OutcomeAt { get; init; }
        public int Improved { get; init; }
        public int Counted { get; init; }
        public int Redaction { get; init; }
        public int TextPurged { get; init; }
        public required string Detail { get; init; }
    }

    private sealed class FlagRow
    {
        public long Id { get; set; }
        public string CheckId { get; set; } = "";
        public string AgentId { get; set; } = "";
        public string? AgentName { get; set; }
        public string? Team { get; set; }
        public long CheckedAt { get; set; }
        public string? MessageHash { get; set; }
        public string? ConversationHash { get; set; }
        public int Level { get; set; }
        public double Risk { get; set; }
        public double SHostility { get; set; }
        public double SBlame { get; set; }
        public double SGeneralization { get; set; }
        public double SThreat { get; set; }
        public double SCondescension { get; set; }
        public double SDismissiveness { get; set; }
        public double SProfanity { get; set; }
        public int FlaggedMask { get; set; }
        public int Source { get; set; }
        public int Outcome { get; set; }
        public double? RiskAtSend { get; set; }
        public long? OutcomeAt { get; set; }
        public int Redaction { get; set; }
        public int TextPurged { get; set; }
        public long? ReviewedAt { get; set; }
        public string? ReviewedBy { get; set; }
        public string? CoachingNote { get; set; }
        public int FalsePositive { get; set; }
        public string? FpBy { get; set; }
        public long? FpAt { get; set; }
        public string Detail { get; set; } = "";
    }

    private sealed class OutcomeRow
    {
        public long Id { get; set; }
        public int Outcome { get; set; }
        public double Risk { get; set; }
        public double? RiskAtSend { get; set; }
    }

    private sealed class AggregateRow
    {
        public string? GroupKey { get; set; }
        public string? DisplayName { get; set; }
        public int Mask { get; set; }
        public long Flags { get; set; }
        public long Holds { get; set; }
        public long WithOutcome { get; set; }
        public long Improved { get; set; }
        public long SentAnyway { get; set; }
        public long FalsePositives { get; set; }
        public long Reviewed { get; set; }
        public long C0 { get; set; }
        public long C1 { get; set; }
        public long C2 { get; set; }
        public long C3 { get; set; }
        public long C4 { get; set; }
        public long C5 { get; set; }
        public long C6 { get; set; }
    }
}

/// <summary>The text-free part of a record's spans and suggestions, kept as JSON in <c>audit_flag.detail</c>.</summary>
internal sealed record StoredDetail(List<StoredSpan> Spans, List<StoredSuggestion> Suggestions);

internal sealed record StoredSpan(int Start, int Length, int Category, string Reason);

internal sealed record StoredSuggestion(int SpanIndex, string Rationale, double RiskBefore, double RiskAfter);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredDetail))]
internal sealed partial class AuditJson : JsonSerializerContext;
