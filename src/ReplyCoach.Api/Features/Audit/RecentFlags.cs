using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>
/// How the recent-flag count for the cooling-off advice is read from the audit store
/// (section <c>ReplyCoach:Audit:RecentFlags</c>).
/// </summary>
internal sealed class RecentFlagsOptions
{
    public const string Section = AuditOptions.Section + ":RecentFlags";

    /// <summary>Flagged checks of the agent within this many minutes count as recent; 0 turns the count off.</summary>
    [Range(0, 10_080)]
    public int WindowMinutes { get; set; } = 480;

    /// <summary>Longest wait for the store's answer before the count is taken as 0 (fail open).</summary>
    [Range(10, 5_000)]
    public int TimeoutMilliseconds { get; set; } = 150;

    /// <summary>How long an agent's count is reused before the store is asked again; 0 asks every time.</summary>
    [Range(0, 3_600)]
    public int CacheSeconds { get; set; } = 30;

    /// <summary>Most agents whose count is cached at once.</summary>
    [Range(1, 1_000_000)]
    public int CacheSize { get; set; } = 10_000;
}

/// <summary>
/// How many of the calling agent's checks were flagged (caution or hold) within the configured window, for the
/// cooling-off advice. The count comes from the audit store's per-agent aggregate, is cached per agent for a short
/// while (a flagged check recorded by this instance adds one to the cached count), and fails open: a slow or
/// broken store, the audit trail turned off, or a caller without an agent identity all count as 0.
/// </summary>
/// <remarks>
/// The check being decided is never in the count: it is recorded only after the decision. Logs carry statuses and
/// timings only, never draft text or agent ids.
/// </remarks>
internal sealed partial class RecentFlags(
    IAuditStore store, IOptions<AuditOptions> audit, IOptions<RecentFlagsOptions> options, TimeProvider time, ILogger<RecentFlags> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>The count for the caller of a request (0 without an agent identity).</summary>
    public Task<int> CountAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        return CountAsync(AuditCaller.From(http)?.UserId, cancellationToken);
    }

    /// <summary>The count for an agent (0 for null, when the audit trail or the count is off, or on any failure).</summary>
    public async Task<int> CountAsync(string? agentId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(agentId) || !audit.Value.Enabled || settings.WindowMinutes == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        if (_cache.TryGetValue(agentId, out var cached) && cached.Until > now)
        {
            return cached.Count;
        }

        var started = Stopwatch.GetTimestamp();
        var limit = TimeSpan.FromMilliseconds(settings.TimeoutMilliseconds);
        int count;
        try
        {
            using var expiry = new CancellationTokenSource(limit, time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
            var query = new AuditAggregateQuery(new AuditFilter(AgentId: agentId, From: now.AddMinutes(-settings.WindowMinutes)), AuditGrouping.Agent);

            // On the pool and awaited with a limit: a store that blocks (a locked SQLite file) must not hold the caller.
            var groups = await Task.Run(() => store.AggregateAsync(query, AuditScope.Agent(agentId), timeout.Token), timeout.Token)
                .WaitAsync(limit, time, cancellationToken);
            count = (int)Math.Min(int.MaxValue, groups.Sum(static g => g.Flags));
            ApiLog.RecentFlagsCounted(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Remembered like an answer: a store that is down is not asked again on every check.
            count = 0;
            ApiLog.RecentFlagsFailed(logger, e is TimeoutException or OperationCanceledException ? "timed out" : e.GetType().Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Remember(agentId, count, now, settings);
        return count;
    }

    /// <summary>A flagged check of the agent reached the store: the cached count (if any) goes up by one.</summary>
    public void Noted(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        if (_cache.TryGetValue(agentId, out var cached) && cached.Until > time.GetUtcNow())
        {
            _cache.TryUpdate(agentId, cached with { Count = cached.Count + 1 }, cached);
        }
    }

    private void Remember(string agentId, int count, DateTimeOffset now, RecentFlagsOptions settings)
    {
        if (settings.CacheSeconds == 0)
        {
            return;
        }

        if (_cache.Count >= settings.CacheSize && !_cache.ContainsKey(agentId))
        {
            foreach (var (key, entry) in _cache)
            {
                if (entry.Until <= now)
                {
                    _cache.TryRemove(key, out _);
                }
            }

            if (_cache.Count >= settings.CacheSize)
            {
                // Full of live entries: this agent goes uncached rather than the cache growing without bound.
                return;
            }
        }

        _cache[agentId] = new Entry(count, now.AddSeconds(settings.CacheSeconds));
    }

    /// <summary>How many agents have a cached count (for tests).</summary>
    internal int CachedAgents => _cache.Count;

    private sealed record Entry(int Count, DateTimeOffset Until);
}
