using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// Two lanes for the engine's CPU work, so that heavy requests cannot take the on-send check's cores or threads:
/// assess, rewrite and the mailbox review run at most <see cref="ServiceOptions.AssessLaneWidth"/> at a time (one fewer
/// than the cores by default), each on a thread of its own rather than the thread pool's, with a bounded queue; the
/// on-send check has its own lane, which they cannot fill. Only the engine's work is inside a lane: reading the body,
/// waiting for a language model, Graph or the audit store is not.
/// </summary>
internal sealed class DraftLanes : IDisposable
{
    private readonly ConcurrencyLimiter _assess;
    private readonly ConcurrencyLimiter _sendCheck;
    private readonly TimeSpan _assessWait;

    public DraftLanes(IOptions<ServiceOptions> options)
    {
        var service = options.Value;
        _assess = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = service.AssessLaneWidth,
            QueueLimit = service.AssessQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _sendCheck = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = service.SendCheckLaneWidth,
            QueueLimit = service.SendCheckQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _assessWait = TimeSpan.FromMilliseconds(service.AssessQueueTimeoutMilliseconds);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the assess lane on a dedicated thread. Not admitted (the queue is full, or no
    /// place came free within the queue timeout): <c>Admitted</c> is false and nothing ran.
    /// </summary>
    public async Task<(bool Admitted, T? Value)> RunAssessAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        using var lease = await AcquireAsync(_assess, _assessWait, cancellationToken);
        if (lease is null)
        {
            return (false, default);
        }

        // A thread of its own: a long analysis must not hold one of the few thread-pool threads the requests run on.
        return (true, await Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the on-send lane (on the thread pool: the work is short). Not admitted within
    /// <paramref name="wait"/> (or the queue is full): <c>Admitted</c> is false and nothing ran. The place is held until
    /// the work has ended, even when the caller stopped waiting for it.
    /// </summary>
    public async Task<(bool Admitted, T? Value)> RunSendCheckAsync<T>(Func<T> work, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var lease = await AcquireAsync(_sendCheck, wait, cancellationToken);
        if (lease is null)
        {
            return (false, default);
        }

        return (true, await Task.Run(work, cancellationToken));
    }

    private static async Task<RateLimitLease?> AcquireAsync(ConcurrencyLimiter limiter, TimeSpan wait, CancellationToken cancellationToken)
    {
        var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            lease = await limiter.AcquireAsync(1, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    public void Dispose()
    {
        _assess.Dispose();
        _sendCheck.Dispose();
    }
}
