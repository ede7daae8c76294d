using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Hosting;

namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// The per-user rate limit that counts cost, not requests: every draft request is charged its characters (draft plus
/// incoming message) against a token bucket of <see cref="ServiceOptions.RateLimitCharacters"/> per
/// <see cref="ServiceOptions.RateLimitWindowSeconds"/>, refilled evenly. It sits next to the request count of the
/// rate-limiting middleware (<see cref="ServiceSetup.RateLimitPolicy"/>), partitioned the same way.
/// </summary>
internal sealed class DraftCost : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly int _limit;

    public DraftCost(IOptions<ServiceOptions> options)
    {
        var service = options.Value;
        _limit = service.RateLimitCharacters;
        Window = TimeSpan.FromSeconds(service.RateLimitWindowSeconds);
        var perSecond = (int)Math.Min(int.MaxValue, Math.Ceiling((double)_limit / service.RateLimitWindowSeconds));
        _buckets = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _limit,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The characters a user may send per <see cref="Window"/>.</summary>
    public int Limit => _limit;

    public TimeSpan Window { get; }

    /// <summary>Charges the caller <paramref name="characters"/>; when the bucket has too few left, says how long to wait.</summary>
    public (bool Allowed, TimeSpan RetryAfter) TryCharge(HttpContext http, long characters)
    {
        var cost = (int)Math.Clamp(characters, 1, _limit);
        using var lease = _buckets.AttemptAcquire(AuthSetup.PartitionKey(http), cost);
        if (lease.IsAcquired)
        {
            return (true, TimeSpan.Zero);
        }

        return (false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window);
    }

    public void Dispose() => _buckets.Dispose();
}
