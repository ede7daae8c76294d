using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ReplyCoach.Audit;
using ReplyCoach.Graph;
using ReplyCoach.Graph.Sweep;
using Spectre.Console;

namespace ReplyCoach.Cli.Commands;

/// <summary>
/// <c>replycoach sweep --mailbox agent@contoso.com --since 2025-01-01</c>: reads what agents actually sent (Sent
/// Items, through Microsoft Graph delta queries that resume where the last sweep stopped), scores it and hands what
/// reads as hostile to the audit trail. Configuration as the service's: <c>ReplyCoach:Graph</c> and
/// <c>ReplyCoach:Audit</c> in appsettings.json, user secrets (id <c>ReplyCoach</c>) or <c>ReplyCoach__*</c> variables.
/// </summary>
internal static class SweepCommand
{
    /// <summary>The user-secrets id the command reads (dotnet user-secrets set --id ReplyCoach ...).</summary>
    public const string UserSecretsId = "ReplyCoach";

    public static Command Create()
    {
        var mailboxes = new Option<string[]>("--mailbox")
        {
            Description = "A mailbox to sweep (address or object id); repeat for more. Default: ReplyCoach:Graph:Sweep:Mailboxes.",
            AllowMultipleArgumentsPerToken = true,
        };
        var since = new Option<string?>("--since")
        {
            Description = "For a first sweep (or with --restart): mail sent from this time on, e.g. 2025-01-31, 2025-01-31T08:00Z or 7d / 12h ago. Default: the configured look-back (7 days).",
        };
        var restart = new Option<bool>("--restart") { Description = "Forget the saved delta link and read from --since again (the audit trail keeps one record per message)." };
        var agentId = new Option<string?>("--agent-id") { Description = "The agent's Entra object id for the audit trail (one --mailbox only; default: from configuration, else the address)." };
        var team = new Option<string?>("--team") { Description = "The agent's team for the audit trail (one --mailbox only)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON line per mailbox instead of the progress bar and table." };
        var command = new Command("sweep", "Audit what was sent: score each mailbox's new Sent Items and hand flagged ones to the audit trail.")
        {
            mailboxes, since, restart, agentId, team, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = LoadConfiguration();
            var requested = parse.GetValue(mailboxes) ?? [];
            await using var services = BuildServices(configuration);
            var start = ParseSince(parse.GetValue(since), services.GetRequiredService<TimeProvider>().GetUtcNow());
            var options = ReadOptions(services);
            var targets = Targets(options, requested, parse.GetValue(agentId), parse.GetValue(team));
            var requests = targets.Select(m => new SweepRequest(m, start, parse.GetValue(restart), EstimateTotal: true)).ToList();
            var sweeper = services.GetRequiredService<ISentItemsSweeper>();
            var reports = parse.GetValue(json)
                ? await RunQuietAsync(sweeper, requests, cancellationToken)
                : await RunWithProgressAsync(sweeper, requests, cancellationToken);
            return reports.All(r => r.Outcome == GraphStatus.Ok) ? 0 : CliRunner.Failure;
        });
        return command;
    }

    internal static IConfiguration LoadConfiguration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddUserSecrets(UserSecretsId, reloadOnChange: false)
        .AddEnvironmentVariables()
        .Build();

    private static ServiceProvider BuildServices(IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[GraphOptions.Section + ":TenantId"]))
        {
            throw new CliException(GraphFeature.NotConfiguredDetail);
        }

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // Warnings only, on stderr: retries and throttling show there; no mail content is ever logged.
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Error).AddFilter("Azure", LogLevel.Error));
        services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => EngineFactory.CreateAnalyzer());
        services.AddReplyCoachAudit(retention: false);
        services.AddReplyCoachGraph(configuration);
        return services.BuildServiceProvider();
    }

    private static GraphOptions ReadOptions(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<AuditOptions>>().Value;
            return services.GetRequiredService<IOptions<GraphOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            throw new CliException("The settings are invalid: " + string.Join(" ", e.Failures));
        }
    }

    internal static IReadOnlyList<SweepMailbox> Targets(GraphOptions options, IReadOnlyList<string> requested, string? agentId, string? team)
    {
        if (requested.Count == 0)
        {
            return options.Sweep.Mailboxes.Count > 0
                ? options.Sweep.Mailboxes
                : throw new CliException("Name a mailbox with --mailbox, or configure ReplyCoach:Graph:Sweep:Mailboxes.");
        }

        if (requested.Count > 1 && (agentId is not null || team is not null))
        {
            throw new CliException("--agent-id and --team apply to a single --mailbox.");
        }

        return requested.Select(address =>
        {
            var configured = options.Sweep.Mailboxes.FirstOrDefault(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));
            return new SweepMailbox
            {
                Address = address.Trim(),
                AgentId = agentId ?? configured?.AgentId,
                AgentName = configured?.AgentName,
                Team = team ?? configured?.Team,
            };
        }).ToList();
    }

    internal static DateTimeOffset? ParseSince(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > 1 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 'd':
                    return now.AddDays(-amount);
                case 'h':
                    return now.AddHours(-amount);
            }
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed <= now ? parsed : throw new CliException($"--since {text} is in the future.");
        }

        throw new CliException($"--since '{text}' is not a date (2025-01-31, 2025-01-31T08:00Z) or an age (7d, 12h).");
    }

    private static async Task<List<SweepReport>> RunQuietAsync(ISentItemsSweeper sweeper, List<SweepRequest> requests, CancellationToken cancellationToken)
    {
        var reports = new List<SweepReport>();
        foreach (var request in requests)
        {
            var report = await sweeper.SweepAsync(request, progress: null, cancellationToken);
            reports.Add(report);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                mailbox = report.Mailbox,
                outcome = report.Outcome.ToString(),
                detail = report.Detail,
                complete = report.Complete,
                resumed = report.Resumed,
                pages = report.Pages,
                scored = report.Scored,
                flagged = report.Flagged,
                skipped = report.Skipped,
                removed = report.Removed,
                requests = report.Requests,
                seconds = Math.Round(report.Elapsed.TotalSeconds, 2),
            }));
        }

        return reports;
    }

    private static async Task<List<SweepReport>> RunWithProgressAsync(ISentItemsSweeper sweeper, List<SweepRequest> requests, CancellationToken cancellationToken)
    {
        var reports = new List<SweepReport>();
        if (Console.IsOutputRedirected)
        {
            // A log file or a pipe has no width; the 80 columns Spectre assumes would cut the summary table.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                foreach (var request in requests)
                {
                    var task = progress.AddTask(Markup.Escape(request.Mailbox.Address), maxValue: 1);
                    task.IsIndeterminate = true;
                    var report = await sweeper.SweepAsync(request, new Reporter(task), cancellationToken);
                    reports.Add(report);
                    task.IsIndeterminate = false;
                    task.MaxValue = Math.Max(1, task.MaxValue);
                    task.Value = report.Outcome == GraphStatus.Ok ? task.MaxValue : task.Value;
                    task.Description = Markup.Escape(request.Mailbox.Address) + (report.Outcome == GraphStatus.Ok ? " [green]done[/]" : $" [red]{report.Outcome}[/]");
                    task.StopTask();
                }
            });

        var table = new Table().RoundedBorder()
            .AddColumn(new TableColumn("Mailbox").NoWrap())
            .AddColumns("Outcome", "Scored", "Flagged", "Skipped", "Pages", "Requests", "Time");
        foreach (var report in reports)
        {
            table.AddRow(
                Markup.Escape(report.Mailbox),
                report.Outcome == GraphStatus.Ok ? (report.Resumed ? "[green]ok[/] (resumed)" : "[green]ok[/]") : $"[red]{report.Outcome}[/]: {Markup.Escape(report.Detail ?? "")} (the next sweep resumes here)",
                report.Scored.ToString("N0", CultureInfo.InvariantCulture),
                report.Flagged.ToString("N0", CultureInfo.InvariantCulture),
                report.Skipped.ToString("N0", CultureInfo.InvariantCulture),
                report.Pages.ToString("N0", CultureInfo.InvariantCulture),
                report.Requests.ToString("N0", CultureInfo.InvariantCulture),
                report.Elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return reports;
    }

    /// <summary>Moves the bar: against the folder's item count when known, else as a running count.</summary>
    private sealed class Reporter(ProgressTask task) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            if (value.Total is > 0 and var total)
            {
                task.IsIndeterminate = false;
                task.MaxValue = Math.Max(total, value.Scored);
                task.Value = value.Scored;
            }

            task.Description = $"{Markup.Escape(value.Mailbox)}: {value.Scored:N0} scored, {value.Flagged:N0} flagged";
        }
    }
}
