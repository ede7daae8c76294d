using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReplyCoach.Audit.Storage;

namespace ReplyCoach.Audit;

/// <summary>
/// Enforces the retention periods: at start-up (which also creates or upgrades the schema) and then every
/// <see cref="AuditOptions.RetentionIntervalMinutes"/>. With several instances on one PostgreSQL store each runs it;
/// the purge is idempotent and the table rewrite is taken by one instance at a time.
/// </summary>
internal sealed class AuditRetentionService(IAuditStore store, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetentionService> logger)
    : BackgroundService
{
    /// <summary>Completed runs (for tests).</summary>
    public int Runs => _runs;

    private int _runs;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is SqlAuditStore sql)
        {
            // The schema is created before the service takes requests, so a broken store fails start-up, not a check.
            await sql.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.RetentionIntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One retention run; failures are logged and retried at the next interval.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await store.PurgeAsync(new AuditPurgeRequest(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            AuditLog.RetentionRan(logger, result.TextsPurged, result.RecordsDeleted, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AuditLog.RetentionFailed(logger, e.GetType().Name, e);
        }
        finally
        {
            Interlocked.Increment(ref _runs);
        }
    }
}
