using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Graph.Sweep;

/// <summary>
/// Sweeps the configured mailboxes on a schedule (<see cref="SweepOptions.Interval"/>), one after another. A
/// mailbox that fails (throttled, Graph down) is left for the next round, which resumes where it stopped.
/// </summary>
internal sealed class SweepHostedService(
    ISentItemsSweeper sweeper, IOptions<GraphOptions> options, TimeProvider time, ILogger<SweepHostedService> logger) : BackgroundService
{
    private readonly SweepOptions _options = options.Value.Sweep;

    /// <summary>Completed rounds over all mailboxes (for tests).</summary>
    internal int Rounds { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || _options.Mailboxes.Count == 0)
        {
            GraphLog.SweepNotScheduled(logger);
            return;
        }

        GraphLog.SweepScheduled(logger, _options.Mailboxes.Count, _options.Interval.TotalMinutes);
        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            await RunRoundAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        foreach (var mailbox in _options.Mailboxes)
        {
            try
            {
                var report = await sweeper.SweepAsync(new SweepRequest(mailbox), progress: null, cancellationToken).ConfigureAwait(false);
                if (report.Outcome != GraphStatus.Ok)
                {
                    GraphLog.ScheduledSweepIncomplete(logger, mailbox.Address, report.Outcome, report.Detail ?? "");
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // The state file could not be read or written; the next round tries again.
                GraphLog.SweepStateFailed(logger, mailbox.Address, e.GetType().Name, e);
            }
        }

        Rounds++;
    }
}
