using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Tests.Audit;

/// <summary><see cref="RecentFlags"/> on its own: the query it asks, its per-agent cache, its time limit and its failures.</summary>
public sealed class RecentFlagsCacheTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    private RecentFlags Create(ScriptedStore store, RecentFlagsOptions? options = null, bool auditEnabled = true) =>
        new(store, Options.Create(new AuditOptions { Enabled = auditEnabled }), Options.Create(options ?? new RecentFlagsOptions()), _time,
            NullLogger<RecentFlags>.Instance);

    [Test]
    public async Task CountAsync_Agent_AsksTheAgentsOwnFlagsWithinTheWindow()
    {
        var store = new ScriptedStore((_, _) => Task.FromResult(Flags(4)));

        var count = await Create(store, new RecentFlagsOptions { WindowMinutes = 90 }).CountAsync("agent-1", CancellationToken.None);

        Assert.That(count, Is.EqualTo(4));
        var (query, scope) = store.Asked.Single();
        Assert.That(scope, Is.EqualTo(AuditScope.Agent("agent-1")));
        Assert.That(query.GroupBy, Is.EqualTo(AuditGrouping.Agent));
        Assert.That(query.Filter, Is.EqualTo(new AuditFilter(AgentId: "agent-1", From: Now.AddMinutes(-90))));
    }

    [Test]
    public async Task CountAsync_WithinTheCacheTime_AsksOncePerAgentThenAgainAfterIt()
    {
        var store = new ScriptedStore((_, _) => Task.FromResult(Flags(2)));
        var recent = Create(store, new RecentFlagsOptions { CacheSeconds = 30 });

        await recent.CountAsync("agent-1", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(29));
        await recent.CountAsync("agent-1", CancellationToken.None);
        await recent.CountAsync("agent-2", CancellationToken.None);
        Assert.That(store.Asked, Has.Count.EqualTo(2), "agent-1 once, agent-2 once");

        _time.Advance(TimeSpan.FromSeconds(2));
        await recent.CountAsync("agent-1", CancellationToken.None);
        Assert.That(store.Asked, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Noted_CachedAgent_CountGoesUpWithoutAQuery()
    {
        var store = new ScriptedStore((_, _) => Task.FromResult(Flags(2)));
        var recent = Create(store);
        await recent.CountAsync("agent-1", CancellationToken.None);

        recent.Noted("agent-1");
        recent.Noted("agent-unknown");

        Assert.That(await recent.CountAsync("agent-1", CancellationToken.None), Is.EqualTo(3));
        Assert.That(store.Asked, Has.Count.EqualTo(1));
        Assert.That(recent.CachedAgents, Is.EqualTo(1), "a note for an agent without a cached count caches nothing");
    }

    [Test]
    public async Task CountAsync_CacheFull_StaysBoundedAndStillCounts()
    {
        var store = new ScriptedStore((_, _) => Task.FromResult(Flags(1)));
        var recent = Create(store, new RecentFlagsOptions { CacheSize = 2 });

        for (var i = 0; i < 5; i++)
        {
            Assert.That(await recent.CountAsync("agent-" + i, CancellationToken.None), Is.EqualTo(1));
        }

        Assert.That(recent.CachedAgents, Is.EqualTo(2));
        _time.Advance(TimeSpan.FromMinutes(1));
        await recent.CountAsync("agent-9", CancellationToken.None);
        Assert.That(recent.CachedAgents, Is.EqualTo(1), "expired entries make room");
    }

    [Test]
    public async Task CountAsync_StoreHangs_ZeroAfterTheLimitAndNotAskedAgainWhileCached()
    {
        var store = new ScriptedStore((_, _) => new TaskCompletionSource<IReadOnlyList<AuditAggregate>>().Task);
        var recent = Create(store, new RecentFlagsOptions { TimeoutMilliseconds = 150 });

        var pending = recent.CountAsync("agent-1", CancellationToken.None);
        await store.FirstAsked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(pending.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromMilliseconds(150));

        Assert.That(await pending.WaitAsync(TimeSpan.FromSeconds(10)), Is.Zero);
        Assert.That(await recent.CountAsync("agent-1", CancellationToken.None), Is.Zero);
        Assert.That(store.Asked, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CountAsync_StoreThrows_Zero()
    {
        var store = new ScriptedStore((_, _) => throw new IOException("database is locked"));

        Assert.That(await Create(store).CountAsync("agent-1", CancellationToken.None), Is.Zero);
    }

    [Test]
    public async Task CountAsync_NoAgentAuditOffOrNoWindow_ZeroWithoutAQuery()
    {
        var store = new ScriptedStore((_, _) => Task.FromResult(Flags(5)));

        Assert.That(await Create(store).CountAsync((string?)null, CancellationToken.None), Is.Zero);
        Assert.That(await Create(store, auditEnabled: false).CountAsync("agent-1", CancellationToken.None), Is.Zero);
        Assert.That(await Create(store, new RecentFlagsOptions { WindowMinutes = 0 }).CountAsync("agent-1", CancellationToken.None), Is.Zero);
        Assert.That(store.Asked, Is.Empty);
    }

    private static IReadOnlyList<AuditAggregate> Flags(long flags) =>
        [new AuditAggregate("agent", flags, flags, 0, 0, 0, 0, 0, new Dictionary<string, long>())];

    /// <summary>A store that answers aggregates from a script and records what it was asked; nothing else is used.</summary>
    private sealed class ScriptedStore(Func<AuditAggregateQuery, AuditScope, Task<IReadOnlyList<AuditAggregate>>> aggregate) : IAuditStore
    {
        private readonly List<(AuditAggregateQuery, AuditScope)> _asked = [];

        public IReadOnlyList<(AuditAggregateQuery Query, AuditScope Scope)> Asked
        {
            get
            {
                lock (_asked)
                {
                    return [.. _asked];
                }
            }
        }

        public TaskCompletionSource FirstAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<AuditAggregate>> AggregateAsync(AuditAggregateQuery query, AuditScope scope, CancellationToken cancellationToken = default)
        {
            lock (_asked)
            {
                _asked.Add((query, scope));
            }

            FirstAsked.TrySetResult();
            return aggregate(query, scope);
        }

        public Task<AuditWriteResult> RecordCheckAsync(AuditCheck check, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditWriteResult> RecordOutcomeAsync(AuditOutcomeReport report, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditPage> ListAsync(AuditQuery query, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditRecord?> GetAsync(long id, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditRecord?> ReviewAsync(long id, AuditReview review, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditRecord?> MarkFalsePositiveAsync(long id, AuditFalsePositive mark, AuditScope scope, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<AuditRecord> ExportAsync(AuditFilter filter, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditPurgeResult> PurgeAsync(AuditPurgeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
