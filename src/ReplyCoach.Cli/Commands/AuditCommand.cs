using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Cli.Commands;

/// <summary>
/// <c>replycoach audit list|export|purge</c>: the audit trail from the command line, against the store the service
/// is configured with (<c>ReplyCoach:Audit</c> in appsettings.json or <c>ReplyCoach__Audit__*</c> variables), or
/// one named with <c>--sqlite</c> / <c>--postgres</c>. An operator on the store sees every team.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var sqlite = new Option<string?>("--sqlite") { Description = "Use this SQLite audit file instead of the configured store.", Recursive = true };
        var postgres = new Option<string?>("--postgres") { Description = "Use this PostgreSQL connection string instead of the configured store.", Recursive = true };
        var command = new Command("audit", "The audit trail of flagged drafts: list, export (CSV or training data) and purge by the retention periods.")
        {
            sqlite, postgres, List(sqlite, postgres), Export(sqlite, postgres), Purge(sqlite, postgres),
        };
        return command;
    }

    private sealed record Filters(
        Option<string?> Team, Option<string?> Agent, Option<string?> Category, Option<string?> Level, Option<string?> Outcome,
        Option<string?> From, Option<string?> To, Option<bool> FalsePositives)
    {
        public static Filters Create() => new(
            new Option<string?>("--team") { Description = "Only this team." },
            new Option<string?>("--agent") { Description = "Only this agent (their id)." },
            new Option<string?>("--category") { Description = "Only flags of this category (hostility, blame, generalization, threat, condescension, dismissiveness, profanity)." },
            new Option<string?>("--level") { Description = "caution or hold." },
            new Option<string?>("--outcome") { Description = "pending, edited, applied_suggestion, used_rewrite, accepted_delay, sent_anyway or discarded." },
            new Option<string?>("--from") { Description = "Checked on or after this date (yyyy-MM-dd, UTC)." },
            new Option<string?>("--to") { Description = "Checked on or before this date (yyyy-MM-dd, UTC)." },
            new Option<bool>("--false-positives") { Description = "Only flags a lead marked as false positives." });

        public void AddTo(Command command)
        {
            command.Options.Add(Team);
            command.Options.Add(Agent);
            command.Options.Add(Category);
            command.Options.Add(Level);
            command.Options.Add(Outcome);
            command.Options.Add(From);
            command.Options.Add(To);
            command.Options.Add(FalsePositives);
        }

        public AuditFilter Read(ParseResult parse)
        {
            ToneCategory? category = null;
            if (parse.GetValue(Category) is { } c)
            {
                category = ToneCategories.TryParse(c, out var parsed) ? parsed : throw new CliException($"Unknown category '{c}'.");
            }

            RiskLevel? level = parse.GetValue(Level)?.Trim().ToLowerInvariant() switch
            {
                null => null,
                "caution" => RiskLevel.Caution,
                "hold" => RiskLevel.Hold,
                var other => throw new CliException($"Unknown level '{other}': use caution or hold."),
            };
            AuditOutcome? outcome = null;
            if (parse.GetValue(Outcome) is { } o)
            {
                outcome = AuditOutcomes.TryParse(o, out var parsed) ? parsed : throw new CliException($"Unknown outcome '{o}'.");
            }

            return new AuditFilter(
                AgentId: parse.GetValue(Agent),
                Team: parse.GetValue(Team),
                Category: category,
                Level: level,
                Outcome: outcome,
                From: Date(parse.GetValue(From), "--from"),
                To: Date(parse.GetValue(To), "--to")?.AddDays(1),
                FalsePositive: parse.GetValue(FalsePositives) ? true : null);
        }

        private static DateTimeOffset? Date(string? value, string name) =>
            value is null ? null
            : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : throw new CliException($"{name} must be a date such as 2025-03-31.");
    }

    private static Command List(Option<string?> sqlite, Option<string?> postgres)
    {
        var filters = Filters.Create();
        var limit = new Option<int>("--limit") { Description = "How many flags, newest first (1-500).", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table." };
        var command = new Command("list", "List flagged drafts, newest first.") { limit, json };
        filters.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var take = parse.GetValue(limit);
            if (take is < 1 or > 500)
            {
                throw new CliException("--limit must be from 1 to 500.");
            }

            var filter = filters.Read(parse);
            var store = Open(parse, sqlite, postgres);
            await using var owned = store as IAsyncDisposable;
            var page = await store.ListAsync(new AuditQuery(filter, take), AuditScope.All, cancellationToken);
            var output = Console.Out;
            if (parse.GetValue(json))
            {
                foreach (var r in page.Items)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        id = r.Id,
                        checkedAt = r.CheckedAt,
                        agent = r.AgentId,
                        agentName = r.AgentName,
                        team = r.Team,
                        level = ToneCategories.Name(r.Level),
                        risk = Math.Round(r.Risk, 4),
                        flagged = r.Flagged.Select(ToneCategories.Name),
                        outcome = AuditOutcomes.Name(r.Outcome),
                        riskAtSend = r.RiskAtSend,
                        improved = r.Improved,
                        reviewed = r.ReviewedAt is not null,
                        falsePositive = r.FalsePositive,
                    }));
                }

                return 0;
            }

            if (page.Items.Count == 0)
            {
                await output.WriteLineAsync("No flagged drafts match.");
                return 0;
            }

            var table = new StringBuilder();
            table.AppendLine(CultureInfo.InvariantCulture, $"{"id",8}  {"checked (UTC)",-16}  {"agent",-20}  {"team",-12}  {"level",-7}  {"risk",4}  {"categories",-28}  {"outcome",-18}  review");
            foreach (var r in page.Items)
            {
                var review = (r.ReviewedAt is null ? "" : "reviewed ") + (r.FalsePositive ? "false-positive" : "");
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"{r.Id,8}  {r.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm}  {Clip(r.AgentName ?? r.AgentId, 20),-20}  {Clip(r.Team ?? "-", 12),-12}  {ToneCategories.Name(r.Level),-7}  {r.Risk * 100,3:0}%  {Clip(string.Join(",", r.Flagged.Select(ToneCategories.Name)), 28),-28}  {AuditOutcomes.Name(r.Outcome),-18}  {review.Trim()}");
            }

            await output.WriteAsync(table.ToString());
            if (page.NextCursor is not null)
            {
                await output.WriteLineAsync($"(more than {take}; narrow the filters or raise --limit)");
            }

            return 0;
        });
        return command;
    }

    private static Command Export(Option<string?> sqlite, Option<string?> postgres)
    {
        var filters = Filters.Create();
        var format = new Option<string>("--format") { Description = "csv (every column, for people) or training (false positives as labelled JSON Lines for replycoach train).", DefaultValueFactory = _ => "csv" };
        var output = new Option<string>("--out") { Description = "The file to write, or - for standard output.", DefaultValueFactory = _ => "-" };
        var command = new Command("export", "Export flagged drafts as CSV, or the false positives as training data.") { format, output };
        filters.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kind = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (kind is not ("csv" or "training"))
            {
                throw new CliException("--format must be csv or training.");
            }

            var filter = filters.Read(parse);
            if (kind == "training")
            {
                filter = filter with { FalsePositive = true };
            }

            var store = Open(parse, sqlite, postgres);
            await using var owned = store as IAsyncDisposable;
            var path = parse.GetValue(output)!;
            await using var writer = path == "-"
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false }
                : new StreamWriter(path, append: false, new UTF8Encoding(false));
            var records = store.ExportAsync(filter, AuditScope.All, cancellationToken);
            if (kind == "csv")
            {
                var rows = await AuditExport.WriteCsvAsync(records, writer, cancellationToken);
                await Console.Error.WriteLineAsync($"replycoach: exported {rows} flags.");
            }
            else
            {
                var (written, skipped) = await AuditExport.WriteTrainingJsonlAsync(records, writer, cancellationToken);
                await Console.Error.WriteLineAsync($"replycoach: exported {written} labelled examples; {skipped} false positives had no text left (redaction or retention).");
            }

            return 0;
        });
        return command;
    }

    private static Command Purge(Option<string?> sqlite, Option<string?> postgres)
    {
        var textDays = new Option<int?>("--text-days") { Description = "Drop text older than this many days (default: ReplyCoach:Audit:TextRetentionDays)." };
        var recordDays = new Option<int?>("--record-days") { Description = "Delete records older than this many days (default: ReplyCoach:Audit:RecordRetentionDays)." };
        var command = new Command("purge", "Apply the retention periods now: erase expired text and delete expired records from the database files.") { textDays, recordDays };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(textDays);
            var record = parse.GetValue(recordDays);
            if (text is < 0 || record is < 0)
            {
                throw new CliException("--text-days and --record-days must be 0 or more.");
            }

            var store = Open(parse, sqlite, postgres);
            await using var owned = store as IAsyncDisposable;
            var result = await store.PurgeAsync(
                new AuditPurgeRequest(TimeProvider.System.GetUtcNow(), text is null ? null : TimeSpan.FromDays(text.Value), record is null ? null : TimeSpan.FromDays(record.Value)),
                cancellationToken);
            await Console.Out.WriteLineAsync($"Text erased from {result.TextsPurged} flags; {result.RecordsDeleted} flags deleted.");
            return 0;
        });
        return command;
    }

    private static IAuditStore Open(ParseResult parse, Option<string?> sqlite, Option<string?> postgres)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new AuditOptions();
        configuration.GetSection(AuditOptions.Section).Bind(options);
        if (parse.GetValue(sqlite) is { } file)
        {
            options.Provider = AuditProvider.Sqlite;
            options.SqlitePath = file;
            if (!File.Exists(file))
            {
                throw new CliException($"There is no audit database at '{file}'.");
            }
        }

        if (parse.GetValue(postgres) is { } connection)
        {
            options.Provider = AuditProvider.PostgreSql;
            options.ConnectionString = connection;
        }

        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new CliException(string.Join(" ", problems));
        }

        return AuditStoreFactory.Create(options, configuration[AuditOptions.DataFolderKey], TimeProvider.System, NullLoggerFactory.Instance);
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
