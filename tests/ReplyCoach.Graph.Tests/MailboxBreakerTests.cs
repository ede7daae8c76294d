using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using ReplyCoach.Graph.Hosting;
using ReplyCoach.Graph.Resilience;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

/// <summary>
/// The circuit breaker is per mailbox: one mailbox failing opens its own breaker while the others go on. Asserts are
/// on request counts and outcomes, never on how long something took.
/// </summary>
public sealed class MailboxBreakerTests
{
    private static readonly GraphAccess Colleague = GraphAccess.App(GraphHarness.Colleague);

    private static bool ForAgent(FakeRequest r) => r.Mailbox == GraphHarness.Agent;

    private static int AgentRequests(GraphHarness harness) => harness.Server.Stats.Log.Count(r => r.Mailbox == GraphHarness.Agent);

    private static int ColleagueRequests(GraphHarness harness) => harness.Server.Stats.Log.Count(r => r.Mailbox == GraphHarness.Colleague);

    private static string AgentDraft(GraphHarness harness) =>
        harness.Server.Mailbox(GraphHarness.Agent).AddDraft("conv-a", new FakePerson("mark@customer.example"), "<p>Hello</p>").Id;

    private static string ColleagueDraft(GraphHarness harness) =>
        harness.Server.Mailbox(GraphHarness.Colleague).AddDraft("conv-b", new FakePerson("x@example.net"), "<p>Hi</p>").Id;

    private static void Breaker(Dictionary<string, string?> s, string breakDuration)
    {
        s["ReplyCoach:Graph:Resilience:MaxRetryAttempts"] = "0";
        s["ReplyCoach:Graph:Resilience:BreakerMinimumThroughput"] = "4";
        s["ReplyCoach:Graph:Resilience:BreakerFailureRatio"] = "0.5";
        s["ReplyCoach:Graph:Resilience:BreakDuration"] = breakDuration;
    }

    [Test]
    public async Task CircuitBreaker_OneMailboxUnavailable_OpensOnlyItsBreakerOthersGoOn()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await GraphHarness.StartAsync(s => Breaker(s, "00:00:20"), clientTime: clock);
        var a = AgentDraft(harness);
        var b = ColleagueDraft(harness);
        harness.Server.Faults.Add(FaultKind.Unavailable, ForAgent, times: -1);

        var failures = new List<GraphResult>();
        var colleagueResults = new List<GraphResult>();
        for (var i = 0; i < 4; i++)
        {
            failures.Add(await harness.Context.GetAsync(GraphHarness.App, a));
            colleagueResults.Add(await harness.Context.GetAsync(Colleague, b));
        }

        var agentRequestsWhenOpened = AgentRequests(harness);
        var colleagueRequestsWhenOpened = ColleagueRequests(harness);
        var whileOpen = new List<GraphResult>();
        for (var i = 0; i < 5; i++)
        {
            whileOpen.Add(await harness.Context.GetAsync(GraphHarness.App, a));
            colleagueResults.Add(await harness.Context.GetAsync(Colleague, b));
        }

        var agentRequestsWhileOpen = AgentRequests(harness) - agentRequestsWhenOpened;
        var colleagueRequestsWhileOpen = ColleagueRequests(harness) - colleagueRequestsWhenOpened;

        Assert.That(failures.Select(f => f.Status), Is.All.EqualTo(GraphStatus.Unavailable));
        Assert.That(failures.Select(f => f.Detail), Has.None.Contain("circuit breaker"), "the first four reached Graph");
        Assert.That(harness.Traffic.BreakerOpened, Is.EqualTo(1), "one breaker opened: the agent's");
        Assert.That(whileOpen.Select(r => r.Status), Is.All.EqualTo(GraphStatus.Unavailable));
        Assert.That(whileOpen.Select(r => r.Detail), Is.All.Contain("circuit breaker is open"));
        Assert.That(whileOpen.Select(r => r.RetryAfter), Is.All.Not.Null);
        Assert.That(agentRequestsWhileOpen, Is.Zero, "the open breaker fails fast: Graph sees nothing for that mailbox");
        Assert.That(colleagueResults.Select(r => r.Status), Is.All.EqualTo(GraphStatus.Ok), "the other mailbox is not affected");
        Assert.That(colleagueRequestsWhileOpen, Is.GreaterThanOrEqualTo(5), "the other mailbox's calls really reached Graph");
        Assert.That(harness.Logs.All, Does.Contain("circuit breaker opened for mailbox " + GraphHarness.Agent));
        Assert.That(harness.Logs.All, Does.Not.Contain("circuit breaker opened for mailbox " + GraphHarness.Colleague));
    }

    [Test]
    public async Task CircuitBreaker_FaultStopsAfterBreak_MailboxClosesAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await GraphHarness.StartAsync(s => Breaker(s, "00:00:20"), clientTime: clock);
        var a = AgentDraft(harness);
        harness.Server.Faults.Add(FaultKind.Unavailable, ForAgent, times: -1);
        for (var i = 0; i < 4; i++)
        {
            await harness.Context.GetAsync(GraphHarness.App, a);
        }

        harness.Server.Faults.Clear();
        var beforeBreakEnds = await harness.Context.GetAsync(GraphHarness.App, a);
        var requestsBeforeBreakEnds = AgentRequests(harness);
        clock.Advance(TimeSpan.FromSeconds(21));
        var probe = await harness.Context.GetAsync(GraphHarness.App, a);
        var after = await harness.Context.GetAsync(GraphHarness.App, a);

        Assert.That(beforeBreakEnds.Detail, Does.Contain("circuit breaker is open"), "the fault stopped, but the break is not over");
        Assert.That(requestsBeforeBreakEnds, Is.EqualTo(4));
        Assert.That(probe.IsOk, Is.True, probe.Detail);
        Assert.That(after.IsOk, Is.True, after.Detail);
        Assert.That(harness.Logs.All, Does.Contain("circuit breaker closed for mailbox " + GraphHarness.Agent));
        Assert.That(harness.Traffic.BreakerOpened, Is.EqualTo(1));
    }

    [Test]
    public async Task CircuitBreaker_OneMailboxTimingOut_OpensOnlyItsBreakerAndClosesAfterRealBreak()
    {
        // Real time here: the attempts really time out. Short durations, generous upper bounds.
        await using var harness = await GraphHarness.StartAsync(s =>
        {
            Breaker(s, "00:00:01");
            s["ReplyCoach:Graph:Resilience:AttemptTimeout"] = "00:00:00.250";
        });
        var a = AgentDraft(harness);
        var b = ColleagueDraft(harness);
        harness.Server.Faults.Add(FaultKind.Hang, ForAgent, times: -1);

        // The agent's calls hang and time out while the colleague's go on in the same period.
        var agentCalls = Enumerable.Range(0, 4).Select(_ => harness.Context.GetAsync(GraphHarness.App, a)).ToList();
        var colleagueResults = new List<GraphResult>();
        for (var i = 0; i < 3; i++)
        {
            colleagueResults.Add(await harness.Context.GetAsync(Colleague, b));
        }

        var timedOut = await Task.WhenAll(agentCalls).WaitAsync(TimeSpan.FromSeconds(20));
        // The server logs a hung request once it notices the client went away, a little after the client's timeout.
        await ResilienceTests.WaitUntilAsync(() => AgentRequests(harness) == 4);
        var agentRequestsWhenOpened = AgentRequests(harness);
        var whileOpen = await harness.Context.GetAsync(GraphHarness.App, a);
        colleagueResults.Add(await harness.Context.GetAsync(Colleague, b));
        var agentRequestsWhileOpen = AgentRequests(harness) - agentRequestsWhenOpened;

        harness.Server.Faults.Clear();
        GraphResult? recovered = null;
        var tries = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20)) // a guard against a hang; how soon it recovers is not asserted
        {
            tries++;
            recovered = await harness.Context.GetAsync(GraphHarness.App, a);
            if (recovered.IsOk)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.That(timedOut.Select(r => r.Status), Is.All.EqualTo(GraphStatus.Timeout));
        Assert.That(whileOpen.Status, Is.EqualTo(GraphStatus.Unavailable));
        Assert.That(whileOpen.Detail, Does.Contain("circuit breaker is open"));
        Assert.That(agentRequestsWhileOpen, Is.Zero);
        Assert.That(colleagueResults.Select(r => r.Status), Is.All.EqualTo(GraphStatus.Ok));
        Assert.That(harness.Traffic.BreakerOpened, Is.EqualTo(1));
        Assert.That(recovered!.IsOk, Is.True, $"the agent's mailbox works again after its 1 s break ({tries} tries): {recovered.Detail}");
    }

    [Test]
    public async Task Concurrency_OtherMailboxBreakerOpen_StillNeverMoreThanFourInFlight()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await GraphHarness.StartAsync(s => Breaker(s, "00:01:00"), clientTime: clock);
        var a = AgentDraft(harness);
        var colleagueDrafts = Enumerable.Range(0, 16).Select(_ => ColleagueDraft(harness)).ToList();
        harness.Server.Faults.Add(FaultKind.Unavailable, ForAgent, times: -1);
        harness.Server.Faults.Add(FaultKind.Delay, r => r.Mailbox == GraphHarness.Colleague && r.Path.Contains("/messages/", StringComparison.Ordinal),
            times: -1, delay: TimeSpan.FromMilliseconds(150));
        for (var i = 0; i < 4; i++)
        {
            await harness.Context.GetAsync(GraphHarness.App, a);
        }

        var results = await Task.WhenAll(colleagueDrafts.Select(id => harness.Context.GetAsync(Colleague, id))
            .Append(harness.Context.GetAsync(GraphHarness.App, a)));

        Assert.That(harness.Traffic.BreakerOpened, Is.EqualTo(1));
        Assert.That(results[..^1].Select(r => r.Status), Is.All.EqualTo(GraphStatus.Ok));
        Assert.That(results[^1].Detail, Does.Contain("circuit breaker is open"));
        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Colleague), Is.EqualTo(4), "four at a time, and the limit is used");
    }

    [Test]
    public async Task Pipelines_SweepOverManyMailboxes_CacheStaysBoundedAndLimitHolds()
    {
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:Resilience:MaxMailboxPipelines"] = "3");
        var pipelines = harness.Services.GetRequiredService<GraphClientProvider>().Pipelines;
        var counts = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var address = $"user{i}@contoso.example";
            var draft = harness.Server.AddMailbox(address).AddDraft("c", new FakePerson("x@example.net"), "<p>x</p>");
            var result = await harness.Context.GetAsync(GraphAccess.App(address), draft.Id);
            Assert.That(result.IsOk, Is.True, result.Detail);
            counts.Add(pipelines.Count);
        }

        // With the cache full, two busy mailboxes still keep their own limit of four each.
        var ours = Enumerable.Range(0, 10).Select(_ => AgentDraft(harness)).ToList();
        var theirs = Enumerable.Range(0, 10).Select(_ => ColleagueDraft(harness)).ToList();
        harness.Server.Faults.Add(FaultKind.Delay, r => r.Path.Contains("/messages/", StringComparison.Ordinal), times: -1, delay: TimeSpan.FromMilliseconds(150));
        var busy = await Task.WhenAll(ours.Select(id => harness.Context.GetAsync(GraphHarness.App, id))
            .Concat(theirs.Select(id => harness.Context.GetAsync(Colleague, id))));

        Assert.That(counts, Is.All.LessThanOrEqualTo(3));
        Assert.That(busy.Select(r => r.Status), Is.All.EqualTo(GraphStatus.Ok));
        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Agent), Is.EqualTo(4));
        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Colleague), Is.EqualTo(4));
        Assert.That(pipelines.Count, Is.LessThanOrEqualTo(3));
    }
}

/// <summary>The per-mailbox pipeline cache on its own, with a fake clock.</summary>
public sealed class MailboxPipelinesTests
{
    private static (MailboxPipelines Pipelines, FakeTimeProvider Clock, List<string> Built) Create(int capacity, TimeSpan idle)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        var built = new List<string>();
        var options = new GraphResilienceOptions
        {
            MaxMailboxPipelines = capacity,
            MailboxPipelineIdleTime = idle,
            BreakDuration = TimeSpan.FromSeconds(5),
            BreakerSamplingDuration = TimeSpan.FromSeconds(10),
        };
        var pipelines = new MailboxPipelines(options, clock, mailbox =>
        {
            built.Add(mailbox);
            return new ResiliencePipelineBuilder<HttpResponseMessage>().Build();
        });
        return (pipelines, clock, built);
    }

    [Test]
    public void Acquire_SameMailboxAnyCase_SamePipeline()
    {
        var (pipelines, _, built) = Create(10, TimeSpan.FromMinutes(1));

        using (var first = pipelines.Acquire("a@x"))
        using (var second = pipelines.Acquire("A@X"))
        {
            Assert.That(second.Pipeline, Is.SameAs(first.Pipeline));
        }

        Assert.That(built, Has.Count.EqualTo(1));
    }

    [Test]
    public void Acquire_MoreMailboxesThanCapacity_DropsLeastRecentlyUsedIdleOnes()
    {
        var (pipelines, clock, built) = Create(2, TimeSpan.FromMinutes(1));

        foreach (var mailbox in new[] { "a", "b", "c", "d" })
        {
            pipelines.Acquire(mailbox).Dispose();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        pipelines.Acquire("d").Dispose();
        pipelines.Acquire("c").Dispose();

        Assert.That(pipelines.Count, Is.EqualTo(2));
        Assert.That(built, Is.EqualTo(new[] { "a", "b", "c", "d" }), "c and d, the most recent, were kept");
    }

    [Test]
    public void Acquire_OverCapacityWhileAllBusy_KeepsPipelinesInUse()
    {
        var (pipelines, _, _) = Create(1, TimeSpan.FromMinutes(1));

        var a = pipelines.Acquire("a");
        var b = pipelines.Acquire("b");
        var aAgain = pipelines.Acquire("a");

        Assert.That(pipelines.Count, Is.EqualTo(2), "a mailbox with a call in flight keeps its pipeline (and breaker)");
        Assert.That(aAgain.Pipeline, Is.SameAs(a.Pipeline));
        a.Dispose();
        aAgain.Dispose();
        pipelines.Acquire("c").Dispose();
        Assert.That(pipelines.Count, Is.EqualTo(2), "a is idle now and dropped; b is still busy");
        b.Dispose();
    }

    [Test]
    public void Acquire_AfterIdleTime_DropsIdlePipelinesButNeverBeforeBreakAndSamplingWindow()
    {
        var (pipelines, clock, _) = Create(100, TimeSpan.Zero);
        Assert.That(pipelines.IdleTime, Is.EqualTo(TimeSpan.FromSeconds(10)), "never less than the sampling window and the break");

        pipelines.Acquire("a").Dispose();
        pipelines.Acquire("b").Dispose();
        clock.Advance(TimeSpan.FromSeconds(9));
        pipelines.Acquire("c").Dispose();
        var beforeIdle = pipelines.Count;
        clock.Advance(TimeSpan.FromSeconds(2));
        pipelines.Acquire("c").Dispose();

        Assert.That(beforeIdle, Is.EqualTo(3));
        Assert.That(pipelines.Count, Is.EqualTo(1), "a and b were idle for 11 s; c was used 2 s ago");
    }
}
