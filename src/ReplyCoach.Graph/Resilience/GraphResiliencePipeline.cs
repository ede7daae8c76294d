using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace ReplyCoach.Graph.Resilience;

/// <summary>Counts what the Graph pipeline did, for reports and tests (thread-safe).</summary>
public sealed class GraphTraffic
{
    private long _attempts;
    private long _retries;
    private long _throttled;
    private long _breakerOpened;

    /// <summary>HTTP attempts sent to Graph (each retry is one more).</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Retries scheduled.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>429 responses received.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Times a circuit breaker opened (each mailbox has its own).</summary>
    public long BreakerOpened => Interlocked.Read(ref _breakerOpened);

    internal void Attempt() => Interlocked.Increment(ref _attempts);

    internal void Retry() => Interlocked.Increment(ref _retries);

    internal void Throttle() => Interlocked.Increment(ref _throttled);

    internal void Opened() => Interlocked.Increment(ref _breakerOpened);
}

/// <summary>
/// The one retry layer on the Graph HTTP pipeline, outermost first: total timeout → retry (Retry-After honoured
/// exactly for 429/503/504, otherwise jittered exponential back-off) → circuit breaker → at most N concurrent
/// requests per mailbox → per-attempt timeout. One pipeline is built per mailbox (see <see cref="MailboxPipelines"/>),
/// so each mailbox has its own breaker; the concurrency limiter is shared and partitioned by mailbox. The SDK's own
/// RetryHandler is removed (see <see cref="Hosting.GraphClientProvider"/>).
/// </summary>
internal static class GraphResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(
        string mailbox,
        GraphResilienceOptions options,
        TimeProvider time,
        ILogger logger,
        GraphTraffic traffic,
        PartitionedRateLimiter<string> mailboxLimiter)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "graph", InstanceName = mailbox, TimeProvider = time };
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = options.TotalTimeout,
            OnTimeout = args =>
            {
                GraphLog.TotalTimeout(logger, args.Timeout.TotalSeconds);
                return default;
            },
        });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayFor(args.Outcome, args.AttemptNumber, options, time)),
                OnRetry = args =>
                {
                    traffic.Retry();
                    var request = args.Context.GetRequestMessage();
                    GraphLog.Retrying(logger, request?.Method.Method ?? "?", MailboxKey.From(request?.RequestUri), Describe(args.Outcome),
                        args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
            OnOpened = args =>
            {
                traffic.Opened();
                GraphLog.BreakerOpened(logger, mailbox, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                return default;
            },
            OnClosed = _ =>
            {
                GraphLog.BreakerClosed(logger, mailbox);
                return default;
            },
        });

        builder.AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = args => mailboxLimiter.AcquireAsync(MailboxKey.From(args.Context.GetRequestMessage()?.RequestUri), 1, args.Context.CancellationToken),
            OnRejected = args =>
            {
                GraphLog.MailboxQueueFull(logger, MailboxKey.From(args.Context.GetRequestMessage()?.RequestUri));
                return default;
            },
        });

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>The per-mailbox concurrency limiter: N requests in flight per mailbox, the rest wait in order.</summary>
    public static PartitionedRateLimiter<string> CreateMailboxLimiter(GraphResilienceOptions options) =>
        PartitionedRateLimiter.Create<string, string>(mailbox => RateLimitPartition.GetConcurrencyLimiter(mailbox, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequestsPerMailbox,
            QueueLimit = options.MaxQueuedRequestsPerMailbox,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }), StringComparer.OrdinalIgnoreCase);

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, GraphResilienceOptions options, TimeProvider time)
    {
        var method = context.GetRequestMessage()?.Method ?? HttpMethod.Get;
        // POST (send, move, create) is retried only when Graph says it did not process the request: 429 and 503.
        // A dropped connection or a timeout after a POST may have done the work; retrying could send twice.
        var safe = method != HttpMethod.Post;
        if (outcome.Exception is not null)
        {
            return safe && outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        var retryable = status switch
        {
            429 or 503 => true,
            504 or 502 or 500 or 408 => safe,
            _ => false,
        };
        if (!retryable)
        {
            return false;
        }

        // A Retry-After longer than we are prepared to wait goes back to the caller as a throttled result.
        var retryAfter = RetryAfterHeader.Read(response.Headers.RetryAfter, time.GetUtcNow());
        return retryAfter is null || retryAfter <= options.MaxRetryAfter;
    }

    internal static TimeSpan DelayFor(Outcome<HttpResponseMessage> outcome, int attempt, GraphResilienceOptions options, TimeProvider time)
    {
        if (outcome.Result is { } response && RetryAfterHeader.Read(response.Headers.RetryAfter, time.GetUtcNow()) is { } told)
        {
            return told; // exactly as told: Graph's throttling guidance
        }

        // Exponential back-off with "equal jitter": half fixed, half random, so waiting clients spread out.
        var ceiling = Math.Min(options.MaxRetryDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    internal static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException or IOException => true,
        not null => false,
        null => outcome.Result!.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
    };

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? e.GetType().Name : ((int)outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
