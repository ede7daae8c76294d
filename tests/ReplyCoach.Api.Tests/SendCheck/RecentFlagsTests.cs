using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReplyCoach.Api.Tests.Audit;
using ReplyCoach.Audit;

namespace ReplyCoach.Api.Tests.SendCheck;

/// <summary>
/// The agent's recently flagged checks, counted in the real SQLite audit store, lengthen the cooling-off advice of the
/// on-send check and of the task pane's assessment; old flags and other agents' flags do not count, and a store that
/// does not answer costs the check nothing but the count.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RecentFlagsTests
{
    private AuditTestHost _host = null!;

    [SetUp]
    public void Start() => _host = new AuditTestHost();

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    // Flagged checks of an agent, recorded straight into the store at a time before the fake clock's now.
    private async Task SeedAsync(string agent, int count, TimeSpan ago)
    {
        for (var i = 0; i < count; i++)
        {
            await _host.SeedAsync($"seed-{ago.TotalMinutes}-{i}", agent: agent, at: AuditTestHost.Now - ago);
        }
    }

    private async Task<JsonElement> PostAsync(string agent, string path, object body)
    {
        using var response = await _host.Client(AuditTestHost.Agent(agent)).PostAsync(path, Drafts.Json(body));
        return await Problems.JsonAsync(response);
    }

    private async Task<int> DelayAsync(string agent)
    {
        var decision = await PostAsync(agent, "/api/v1/send-check", new { draft = Drafts.Hostile });
        Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"));
        return decision.GetProperty("suggestedDelayMinutes").GetInt32();
    }

    private async Task<JsonElement> CoolingOffAsync(string agent) =>
        (await PostAsync(agent, "/api/v1/assess", new { draft = Drafts.Hostile })).GetProperty("coolingOff");

    [Test]
    public async Task SendCheck_AgentWithRecentFlags_LongerDelayThanAFreshAgent()
    {
        await SeedAsync("agent-busy", 5, TimeSpan.FromHours(1));

        var fresh = await PostAsync("agent-fresh", "/api/v1/send-check", new { draft = Drafts.Hostile });
        var busy = await PostAsync("agent-busy", "/api/v1/send-check", new { draft = Drafts.Hostile });

        var freshDelay = fresh.GetProperty("suggestedDelayMinutes").GetInt32();
        var busyDelay = busy.GetProperty("suggestedDelayMinutes").GetInt32();
        Assert.Multiple(() =>
        {
            Assert.That(busy.GetProperty("action").GetString(), Is.EqualTo("prompt"));
            Assert.That(busyDelay, Is.GreaterThan(freshDelay));
            Assert.That(SendAt(busy), Is.GreaterThan(SendAt(fresh)));
            Assert.That(SendAt(busy) - SendAt(fresh), Is.EqualTo(TimeSpan.FromMinutes(busyDelay - freshDelay)), "the same fake clock: only the wait differs");
            Assert.That(busy.GetProperty("message").GetString(), Does.Contain($"wait {busyDelay} minutes"));
        });
    }

    [Test]
    public async Task Assess_AgentWithRecentFlags_LongerCoolingOffWithTheReason()
    {
        await SeedAsync("agent-busy", 5, TimeSpan.FromHours(1));

        var fresh = await CoolingOffAsync("agent-fresh");
        var busy = await CoolingOffAsync("agent-busy");

        Assert.Multiple(() =>
        {
            Assert.That(busy.GetProperty("minutes").GetInt32(), Is.GreaterThan(fresh.GetProperty("minutes").GetInt32()));
            Assert.That(Reasons(busy), Has.Some.Contains("5 of your recent drafts were flagged"));
            Assert.That(Reasons(fresh), Has.None.Contains("recent drafts"));
        });
    }

    [Test]
    public async Task Rewrite_AgentWithRecentFlags_AnswersAsUsual()
    {
        await SeedAsync("agent-busy", 5, TimeSpan.FromHours(1));

        var rewrite = await PostAsync("agent-busy", "/api/v1/rewrite", new { draft = Drafts.Hostile });

        Assert.That(rewrite.GetProperty("level").GetString(), Is.EqualTo("hold"));
    }

    [Test]
    public async Task SendCheck_FlagsOlderThanTheWindowAndOtherAgentsFlags_DoNotCount()
    {
        // Eight hours is the default window: flags from ten hours ago are past it; a colleague's are not the agent's.
        await SeedAsync("agent-old", 5, TimeSpan.FromHours(10));
        await SeedAsync("agent-colleague", 5, TimeSpan.FromMinutes(30));
        await SeedAsync("agent-recent", 5, TimeSpan.FromMinutes(30));

        var fresh = await DelayAsync("agent-fresh");
        var old = await DelayAsync("agent-old");
        var recent = await DelayAsync("agent-recent");

        Assert.Multiple(async () =>
        {
            Assert.That(old, Is.EqualTo(fresh), "flags older than the window");
            Assert.That(fresh, Is.LessThan(recent), "the colleague's flags were not counted for agent-fresh");
            Assert.That(Reasons(await CoolingOffAsync("agent-old")), Has.None.Contains("recent drafts"));
        });
    }

    [Test]
    public async Task SendCheck_ShortConfiguredWindow_OnlyFlagsInsideItCount()
    {
        await _host.DisposeAsync();
        _host = new AuditTestHost(new Dictionary<string, string?> { ["ReplyCoach:Audit:RecentFlags:WindowMinutes"] = "60" });
        await SeedAsync("agent-two-hours", 5, TimeSpan.FromHours(2));
        await SeedAsync("agent-half-hour", 5, TimeSpan.FromMinutes(30));

        var fresh = await DelayAsync("agent-fresh");

        Assert.That(await DelayAsync("agent-two-hours"), Is.EqualTo(fresh));
        Assert.That(await DelayAsync("agent-half-hour"), Is.GreaterThan(fresh));
    }

    [Test]
    public async Task SendCheck_ChecksOfTheAgent_CountFromTheNextCheckOnAndNotTheCurrentOne()
    {
        var first = await DelayAsync("agent-streak");
        var second = await DelayAsync("agent-streak");
        var third = await DelayAsync("agent-streak");
        var fourth = await DelayAsync("agent-streak");

        // Allowance 1: the first two (0 and 1 earlier flags) are alike; after that each earlier flag adds to the wait,
        // the cached count included (a recorded flag raises it without a new query).
        Assert.That(second, Is.EqualTo(first));
        Assert.That(third, Is.GreaterThan(second));
        Assert.That(fourth, Is.GreaterThan(third));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task SendCheck_AuditStoreDoesNotAnswer_PromptsWithinBudgetWithoutTheCount(bool hangs)
    {
        // Real time here (the limits must really run out), with the real store behind a broken read path.
        const int budgetMs = 1500;
        await using var api = new ApiFactory(
            new Dictionary<string, string?> { ["ReplyCoach:Service:SendCheckBudgetMilliseconds"] = budgetMs.ToString(CultureInfo.InvariantCulture) },
            services =>
            {
                var original = services.Last(d => d.ServiceType == typeof(IAuditStore));
                services.Remove(original);
                services.AddSingleton<IAuditStore>(sp => new StoreWithBrokenReads((IAuditStore)original.ImplementationFactory!(sp), hangs));
            });
        using (var warm = await api.Client(AuditTestHost.Agent("agent-warm")).PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Drafts.Polite })))
        {
            await Problems.JsonAsync(warm);
        }

        var clock = Stopwatch.StartNew();
        using var response = await api.Client(AuditTestHost.Agent("agent-stuck")).PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Drafts.Hostile }));
        clock.Stop();
        var decision = await Problems.JsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"), "the count failed open, the check did not time out");
            Assert.That(decision.GetProperty("suggestedDelayMinutes").GetInt32(), Is.GreaterThan(0));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(budgetMs) + TimeSpan.FromSeconds(1)));
        });
    }

    private static DateTimeOffset SendAt(JsonElement decision) =>
        DateTimeOffset.Parse(decision.GetProperty("suggestedSendAt").GetString()!, CultureInfo.InvariantCulture);

    private static List<string> Reasons(JsonElement coolingOff) =>
        coolingOff.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();

    /// <summary>The real store, except that its aggregates hang (ignoring cancellation, like a locked file) or throw.</summary>
    private sealed class StoreWithBrokenReads(IAuditStore inner, bool hangs) : IAuditStore
    {
        public Task<IReadOnlyList<AuditAggregate>> AggregateAsync(AuditAggregateQuery query, AuditScope scope, CancellationToken cancellationToken = default) =>
            hangs ? new TaskCompletionSource<IReadOnlyList<AuditAggregate>>().Task : throw new IOException("database is locked");

        public Task<AuditWriteResult> RecordCheckAsync(AuditCheck check, CancellationToken cancellationToken = default) => inner.RecordCheckAsync(check, cancellationToken);

        public Task<AuditWriteResult> RecordOutcomeAsync(AuditOutcomeReport report, CancellationToken cancellationToken = default) => inner.RecordOutcomeAsync(report, cancellationToken);

        public Task<AuditPage> ListAsync(AuditQuery query, AuditScope scope, CancellationToken cancellationToken = default) => inner.ListAsync(query, scope, cancellationToken);

        public Task<AuditRecord?> GetAsync(long id, AuditScope scope, CancellationToken cancellationToken = default) => inner.GetAsync(id, scope, cancellationToken);

        public Task<AuditRecord?> ReviewAsync(long id, AuditReview review, AuditScope scope, CancellationToken cancellationToken = default) =>
            inner.ReviewAsync(id, review, scope, cancellationToken);

        public Task<AuditRecord?> MarkFalsePositiveAsync(long id, AuditFalsePositive mark, AuditScope scope, CancellationToken cancellationToken = default) =>
            inner.MarkFalsePositiveAsync(id, mark, scope, cancellationToken);

        public IAsyncEnumerable<AuditRecord> ExportAsync(AuditFilter filter, AuditScope scope, CancellationToken cancellationToken = default) =>
            inner.ExportAsync(filter, scope, cancellationToken);

        public Task<AuditPurgeResult> PurgeAsync(AuditPurgeRequest request, CancellationToken cancellationToken = default) => inner.PurgeAsync(request, cancellationToken);
    }
}
