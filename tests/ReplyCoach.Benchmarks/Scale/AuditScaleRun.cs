using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NpgsqlTypes;
using ReplyCoach.Audit;
using ReplyCoach.Audit.Storage;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Audit.TestKit;

namespace ReplyCoach.Benchmarks.Scale;

/// <summary>
/// The scale figures for the docs: seeds N records with a bulk generator (a year of flags from 20 teams of 20
/// agents), then measures the sustained insert rate through the real write path and the dashboard's queries
/// (the same <see cref="IAuditStore"/> calls the lead API makes) on each engine.
/// <c>dotnet run -c Release --project tests/ReplyCoach.Benchmarks -- scale [--records N] [--engine sqlite|postgresql|both] [--inserts N] [--keep]</c>
/// </summary>
internal static class AuditScaleRun
{
    private const int Teams = 20;
    private const int AgentsPerTeam = 20;
    private static readonly DateTimeOffset End = new(2025, 11, 3, 0, 0, 0, TimeSpan.Zero); // a Monday

    public static async Task<int> RunAsync(string[] args)
    {
        var records = 1_000_000;
        var inserts = 3000;
        var engines = "both";
        var keep = args.Contains("--keep");
        for (var i = 1; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--records": records = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--inserts": inserts = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--engine": engines = args[i + 1]; break;
                case "--keep": i--; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        var report = new StringBuilder();
        try
        {
            return await RunAsync(records, inserts, engines, keep, report);
        }
        finally
        {
            Console.WriteLine(report.ToString());
        }
    }

    private static async Task<int> RunAsync(int records, int inserts, string engines, bool keep, StringBuilder report)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"Audit store scale run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Machine()}, {records:N0} records, load average {LoadAverage()}");
        if (engines is "sqlite" or "both")
        {
            var folder = Path.Combine(Path.GetTempPath(), "replycoach-scale-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            try
            {
                var path = Path.Combine(folder, "audit.db");
                var options = new AuditOptions { SqlitePath = path, HashKey = "scale-hash-key-0123456789abcdef", SqliteDurability = SqliteDurability.Full };
                await using (var store = AuditStoreFactory.CreateSql(options, null, new FakeTimeProvider(End), NullLoggerFactory.Instance))
                {
                    await store.InitializeAsync();
                    var seeded = Stopwatch.StartNew();
                    await SeedSqliteAsync(store, path, records);
                    report.AppendLine(CultureInfo.InvariantCulture, $"sqlite: seeded {records:N0} records in {seeded.Elapsed.TotalSeconds:0.0} s ({new FileInfo(path).Length / 1048576.0:0} MB)");
                    await MeasureQueriesAsync("sqlite", store, report);
                    await ExplainSqliteAsync(path, report);
                    await MeasureInsertsAsync("sqlite synchronous=FULL", store, inserts, report);
                }

                SqliteConnection.ClearAllPools();
                options.SqliteDurability = SqliteDurability.Normal;
                await using (var normal = AuditStoreFactory.CreateSql(options, null, new FakeTimeProvider(End), NullLoggerFactory.Instance))
                {
                    await MeasureInsertsAsync("sqlite synchronous=NORMAL", normal, inserts, report);
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (keep)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"sqlite kept: {folder}");
                }
                else
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        if (engines is "postgresql" or "both")
        {
            var server = await PostgresCluster.StartAsync(durable: true);
            if (server is null)
            {
                report.AppendLine("postgresql: not installed, skipped");
            }
            else
            {
                try
                {
                    var connection = await server.CreateSchemaAsync("scale");
                    var options = new AuditOptions { Provider = AuditProvider.PostgreSql, ConnectionString = connection, HashKey = "scale-hash-key-0123456789abcdef" };
                    await using var store = AuditStoreFactory.CreateSql(options, null, new FakeTimeProvider(End), NullLoggerFactory.Instance);
                    await store.InitializeAsync();
                    var seeded = Stopwatch.StartNew();
                    await SeedPostgresAsync(store, connection, records);
                    report.AppendLine(CultureInfo.InvariantCulture, $"postgresql: seeded {records:N0} records in {seeded.Elapsed.TotalSeconds:0.0} s (COPY, then VACUUM ANALYZE)");
                    await MeasureQueriesAsync("postgresql", store, report);
                    await ExplainPostgresAsync(connection, report);
                    await MeasureInsertsAsync("postgresql (fsync on, synchronous_commit on)", store, inserts, report);
                }
                finally
                {
                    if (keep)
                    {
                        report.AppendLine(CultureInfo.InvariantCulture, $"postgresql kept running: {server.ConnectionString};Search Path=scale");
                    }
                    else
                    {
                        server.Stop();
                    }
                }
            }
        }

        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Machine()
    {
        try
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            return $"{model ?? "unknown CPU"}, {Environment.OSVersion.VersionString}";
        }
        catch (IOException)
        {
            return Environment.OSVersion.VersionString;
        }
    }

    /// <summary>The synthetic year: deterministic, skewed the way real flags are (blame and hostility common, threats rare).</summary>
    internal static IEnumerable<AuditCheck> Generate(int count, int seed = 11)
    {
        var random = new Random(seed);
        var span = TimeSpan.FromDays(364);
        ToneCategory[] weighted =
        [
            .. Enumerable.Repeat(ToneCategory.Blame, 35), .. Enumerable.Repeat(ToneCategory.Hostility, 20),
            .. Enumerable.Repeat(ToneCategory.Condescension, 20), .. Enumerable.Repeat(ToneCategory.Dismissiveness, 15),
            .. Enumerable.Repeat(ToneCategory.Threat, 4), .. Enumerable.Repeat(ToneCategory.Generalization, 3),
            .. Enumerable.Repeat(ToneCategory.Profanity, 3),
        ];
        AuditOutcome[] outcomes =
        [
            AuditOutcome.Pending, AuditOutcome.Edited, AuditOutcome.Edited, AuditOutcome.AppliedSuggestion, AuditOutcome.AppliedSuggestion,
            AuditOutcome.UsedRewrite, AuditOutcome.AcceptedDelay, AuditOutcome.SentAnyway, AuditOutcome.SentAnyway, AuditOutcome.Discarded,
        ];
        for (var i = 0; i < count; i++)
        {
            // Ordered in time like real traffic, with jitter.
            var at = End - span + TimeSpan.FromTicks((long)(span.Ticks * ((i + random.NextDouble()) / count)));
            var team = random.Next(Teams);
            var agent = (team * AgentsPerTeam) + random.Next(AgentsPerTeam);
            var category = weighted[random.Next(weighted.Length)];
            var hold = random.NextDouble() < 0.35;
            var risk = hold ? 0.8 + (random.NextDouble() * 0.2) : 0.5 + (random.NextDouble() * 0.3);
            var outcome = outcomes[random.Next(outcomes.Length)];
            double? atSend = outcome switch
            {
                AuditOutcome.Pending or AuditOutcome.Discarded => null,
                AuditOutcome.SentAnyway or AuditOutcome.AcceptedDelay => risk,
                _ => random.NextDouble() * 0.4,
            };
            var more = random.NextDouble() < 0.2 ? new[] { weighted[random.Next(weighted.Length)] }.Where(c => c != category).ToArray() : [];
            yield return AuditChecks.Flagged(
                "scale-" + i.ToString(CultureInfo.InvariantCulture),
                agent: "agent-" + agent.ToString("000", CultureInfo.InvariantCulture),
                team: "team-" + team.ToString("00", CultureInfo.InvariantCulture),
                at: at,
                level: hold ? RiskLevel.Hold : RiskLevel.Caution,
                risk: Math.Round(risk, 4),
                category: category,
                outcome: outcome,
                riskAtSend: atSend is null ? null : Math.Round(atSend.Value, 4),
                more: more);
        }
    }

    private static async Task SeedSqliteAsync(SqlAuditStore store, string path, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
            await pragma.ExecuteNonQueryAsync();
        }

        var flag = connection.CreateCommand();
        flag.CommandText = AuditQueryBuilder.InsertFlag;
        var flagParameters = typeof(InsertRow).GetProperties()
            .Select(p => (Property: p, Parameter: flag.Parameters.Add(new SqliteParameter("@" + p.Name, null)))).ToArray();
        var text = connection.CreateCommand();
        text.CommandText = "INSERT INTO audit_text (flag_id, kind, ordinal, body) VALUES (@f, @k, @o, @b)";
        var f = text.Parameters.Add(new SqliteParameter("@f", null));
        var k = text.Parameters.Add(new SqliteParameter("@k", null));
        var o = text.Parameters.Add(new SqliteParameter("@o", null));
        var b = text.Parameters.Add(new SqliteParameter("@b", null));
        SqliteTransaction? transaction = null;
        var n = 0;
        foreach (var check in Generate(count))
        {
            if (n % 20_000 == 0)
            {
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                }

                transaction = connection.BeginTransaction();
                flag.Transaction = transaction;
                text.Transaction = transaction;
            }

            var row = store.ToInsertRow(check, RedactionPolicy.SpansOnly);
            foreach (var (property, parameter) in flagParameters)
            {
                parameter.Value = property.GetValue(row) ?? DBNull.Value;
            }

            var id = (long)(await flag.ExecuteScalarAsync())!;
            foreach (var t in Redactor.Select(check, RedactionPolicy.SpansOnly, id))
            {
                f.Value = t.FlagId;
                k.Value = t.Kind;
                o.Value = t.Ordinal;
                b.Value = t.Body;
                await text.ExecuteNonQueryAsync();
            }

            n++;
        }

        await transaction!.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task SeedPostgresAsync(SqlAuditStore store, string connectionString, int count)
    {
        // A loaded machine makes a million-row COPY slow: no command timeout for the seeding.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0, Timeout = 60 }.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var columns = "id, check_id, agent_id, agent_name, team, checked_at, week, message_hash, conversation_hash, level, risk, s_hostility, s_blame, s_generalization, s_threat, s_condescension, s_dismissiveness, s_profanity, flagged_mask, source, outcome, risk_at_send, outcome_at, improved, counted, redaction, text_purged, detail";
        var texts = new List<TextRow>(count * 2);
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY audit_flag ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            long id = 0;
            foreach (var check in Generate(count))
            {
                id++;
                var row = store.ToInsertRow(check, RedactionPolicy.SpansOnly);
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.CheckId, NpgsqlDbType.Text);
                await writer.WriteAsync(row.AgentId, NpgsqlDbType.Text);
                await WriteNullableAsync(writer, row.AgentName, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Team, NpgsqlDbType.Text);
                await writer.WriteAsync(row.CheckedAt, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.Week, NpgsqlDbType.Bigint);
                await WriteNullableAsync(writer, row.MessageHash, NpgsqlDbType.Text);
                await WriteNullableAsync(writer, row.ConversationHash, NpgsqlDbType.Text);
                await writer.WriteAsync((short)row.Level, NpgsqlDbType.Smallint);
                foreach (var score in new[] { row.Risk, row.SHostility, row.SBlame, row.SGeneralization, row.SThreat, row.SCondescension, row.SDismissiveness, row.SProfanity })
                {
                    await writer.WriteAsync(score, NpgsqlDbType.Double);
                }

                await writer.WriteAsync(row.FlaggedMask, NpgsqlDbType.Integer);
                await writer.WriteAsync((short)row.Source, NpgsqlDbType.Smallint);
                await writer.WriteAsync((short)row.Outcome, NpgsqlDbType.Smallint);
                await WriteNullableAsync(writer, row.RiskAtSend, NpgsqlDbType.Double);
                await WriteNullableAsync(writer, row.OutcomeAt, NpgsqlDbType.Bigint);
                await writer.WriteAsync((short)row.Improved, NpgsqlDbType.Smallint);
                await writer.WriteAsync((short)row.Counted, NpgsqlDbType.Smallint);
                await writer.WriteAsync((short)row.Redaction, NpgsqlDbType.Smallint);
                await writer.WriteAsync((short)row.TextPurged, NpgsqlDbType.Smallint);
                await writer.WriteAsync(row.Detail, NpgsqlDbType.Text);
                texts.AddRange(Redactor.Select(check, RedactionPolicy.SpansOnly, id));
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY audit_text (flag_id, kind, ordinal, body) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in texts)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(t.FlagId, NpgsqlDbType.Bigint);
                await writer.WriteAsync((short)t.Kind, NpgsqlDbType.Smallint);
                await writer.WriteAsync(t.Ordinal, NpgsqlDbType.Integer);
                await writer.WriteAsync(t.Body, NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        foreach (var sql in new[] { "SELECT setval(pg_get_serial_sequence('audit_flag', 'id'), (SELECT MAX(id) FROM audit_flag))", "VACUUM ANALYZE audit_flag", "VACUUM ANALYZE audit_text" })
        {
            await using var after = connection.CreateCommand();
            after.CommandTimeout = 3600;
            after.CommandText = sql;
            await after.ExecuteNonQueryAsync();
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, type);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, double? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value.Value, type);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, long? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value.Value, type);
        }
    }

    private static async Task MeasureQueriesAsync(string engine, IAuditStore store, StringBuilder report)
    {
        var team = AuditScope.Team("team-07");
        var twelveWeeks = End.AddDays(-84);
        var firstPage = await store.ListAsync(new AuditQuery(new AuditFilter(), 50), team);
        var queries = new (string Name, Func<Task> Run)[]
        {
            ("list: team, first page of 50", () => store.ListAsync(new AuditQuery(new AuditFilter(), 50), team)),
            ("list: team, next page (cursor)", () => store.ListAsync(new AuditQuery(new AuditFilter(), 50, firstPage.NextCursor), team)),
            ("list: team + category threat (4%)", () => store.ListAsync(new AuditQuery(new AuditFilter(Category: ToneCategory.Threat), 50), team)),
            ("list: team + level hold + outcome sent_anyway + 12 weeks", () => store.ListAsync(new AuditQuery(new AuditFilter(Level: RiskLevel.Hold, Outcome: AuditOutcome.SentAnyway, From: twelveWeeks), 50), team)),
            ("list: team + one agent + 12 weeks", () => store.ListAsync(new AuditQuery(new AuditFilter(AgentId: "agent-141", From: twelveWeeks), 50), team)),
            ("list: team + false positives only (none marked)", () => store.ListAsync(new AuditQuery(new AuditFilter(FalsePositive: true), 50), team)),
            ("weekly aggregate: team, 12 weeks (dashboard default)", () => store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(From: twelveWeeks), AuditGrouping.Week), team)),
            ("weekly aggregate: team, whole year", () => store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(), AuditGrouping.Week), team)),
            ("weekly aggregate: team + category blame, 12 weeks", () => store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(Category: ToneCategory.Blame, From: twelveWeeks), AuditGrouping.Week), team)),
            ("agent aggregate: team, 12 weeks", () => store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(From: twelveWeeks), AuditGrouping.Agent), team)),
            ("weekly aggregate: ALL teams, 12 weeks (operator)", () => store.AggregateAsync(new AuditAggregateQuery(new AuditFilter(From: twelveWeeks), AuditGrouping.Week), AuditScope.All)),
            ("detail: one record with spans", () => store.GetAsync(firstPage.Items[0].Id, team)),
        };
        report.AppendLine(CultureInfo.InvariantCulture, $"{engine}: query | median ms | p95 ms | max ms | median CPU ms of this process (30 runs after 3 warm-up; load average {LoadAverage()})");
        foreach (var (name, run) in queries)
        {
            for (var i = 0; i < 3; i++)
            {
                await run();
            }

            var times = new List<double>();
            var cpu = new List<double>();
            using var process = Process.GetCurrentProcess();
            for (var i = 0; i < 30; i++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                await run();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }

            times.Sort();
            cpu.Sort();
            report.AppendLine(CultureInfo.InvariantCulture, $"  {name} | {times[15]:0.00} | {times[28]:0.00} | {times[^1]:0.00} | {cpu[15]:0.0}");
        }
    }

    private static async Task MeasureInsertsAsync(string engine, SqlAuditStore store, int count, StringBuilder report)
    {
        // Through the real write path: one transaction per flagged check, as the service writes them.
        var checks = Generate(count, seed: 99).Select((c, i) => c with { CheckId = $"insert-{engine}-{i}", CheckedAt = End.AddSeconds(i) }).ToList();
        var started = Stopwatch.GetTimestamp();
        foreach (var check in checks.Take(count / 2))
        {
            await store.RecordCheckAsync(check);
        }

        var sequential = (count / 2) / Stopwatch.GetElapsedTime(started).TotalSeconds;

        started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(checks.Skip(count / 2), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (check, ct) => await store.RecordCheckAsync(check, ct));
        var concurrent = (count - (count / 2)) / Stopwatch.GetElapsedTime(started).TotalSeconds;

        report.AppendLine(CultureInfo.InvariantCulture, $"{engine}: sustained inserts, one transaction each: {sequential:N0}/s from one writer, {concurrent:N0}/s from 8 concurrent writers ({count:N0} records)");
    }

    private static async Task ExplainSqliteAsync(string path, StringBuilder report)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "SELECT id FROM audit_flag WHERE 1 = 1 AND team = 'team-07' ORDER BY checked_at DESC, id DESC LIMIT 51",
            "SELECT week, COUNT(*), SUM(improved) FROM audit_flag WHERE 1 = 1 AND team = 'team-07' AND checked_at >= 0 GROUP BY week",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await using var reader = await command.ExecuteReaderAsync();
            var plan = new List<string>();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"  sqlite plan: {string.Join("; ", plan)}");
        }
    }

    private static async Task ExplainPostgresAsync(string connectionString, StringBuilder report)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        foreach (var sql in new[]
        {
            "SELECT id FROM audit_flag WHERE 1 = 1 AND team = 'team-07' ORDER BY checked_at DESC, id DESC LIMIT 51",
            "SELECT week, COUNT(*), SUM(improved) FROM audit_flag WHERE 1 = 1 AND team = 'team-07' AND checked_at >= 0 GROUP BY week",
        })
        {
            await using var command = dataSource.CreateCommand("EXPLAIN " + sql);
            await using var reader = await command.ExecuteReaderAsync();
            var plan = new List<string>();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0).Trim());
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"  postgresql plan: {string.Join(" / ", plan.Take(4))}");
        }
    }
}
