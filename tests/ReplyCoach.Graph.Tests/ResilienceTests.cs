using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using ReplyCoach.Graph.Context;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

/// <summary>Every fault of the fake server against the real pipeline: one retry layer, typed results.</summary>
public sealed class ResilienceTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);

    // Only against a hang of the test itself, never a measurement: the calls under a fake clock wait on that clock.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static FakeMessage Draft(GraphHarness harness) =>
        harness.Server.Mailbox(GraphHarness.Agent).AddDraft("conv-r", new FakePerson("mark@customer.example"), "<p>Hello</p>");

    private static bool IsDraftRead(FakeRequest r) => r.Method == "GET" && r.Path.Contains("/messages/AAMkdraft", StringComparison.Ordinal);

    private static int DraftReads(GraphHarness harness) => harness.Server.Stats.Log.Count(r => r.Method == "GET" && r.Path.Contains("/messages/AAMkdraft", StringComparison.Ordinal));

    [Test]
    public async Task Throttled_RetryAfter_WaitsExactlyAsToldThenSucceeds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:Resilience:TotalTimeout"] = "00:02:00", clientTime: clock);
        var draft = Draft(harness);
        harness.Server.Faults.Throttle(TimeSpan.FromSeconds(30), times: 1, match: IsDraftRead);

        var call = harness.Context.GetAsync(GraphHarness.App, draft.Id);
        await WaitUntilAsync(() => DraftReads(harness) == 1);
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(300);
        var readsBeforeRetryAfter = DraftReads(harness);
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(readsBeforeRetryAfter, Is.EqualTo(1), "nothing is sent before Retry-After has passed");
        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(DraftReads(harness), Is.EqualTo(2));
        Assert.That(harness.Traffic.Throttled, Is.EqualTo(1));
    }

    [Test]
    public async Task Throttled_EveryTime_ReturnsThrottledResultAfterOneRetryLayer()
    {
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:Resilience:MaxRetryAttempts"] = "3");
        var draft = Draft(harness);
        harness.Server.Faults.Throttle(TimeSpan.Zero, times: -1, match: IsDraftRead);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Throttled));
        Assert.That(DraftReads(harness), Is.EqualTo(4), "1 attempt + 3 retries: the SDK's own RetryHandler does not multiply them");
    }

    [Test]
    public async Task Throttled_RetryAfterLongerThanWeWait_ReturnsThrottledWithRetryAfterAtOnce()
    {
        // The client's clock stands still: had the call waited on it at all, it would never return.
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:Resilience:MaxRetryAfter"] = "00:01:00", clientTime: clock);
        var draft = Draft(harness);
        harness.Server.Faults.Throttle(TimeSpan.FromMinutes(5), times: 1, match: IsDraftRead);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id).WaitAsync(HangGuard);

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Throttled));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(DraftReads(harness), Is.EqualTo(1));
        Assert.That(harness.Traffic.Retries, Is.Zero);
    }

    [Test]
    public async Task ServiceUnavailable_BurstOfThree_RetriedToSuccess()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.Unavailable, IsDraftRead, times: 3);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(DraftReads(harness), Is.EqualTo(4));
        Assert.That(harness.Traffic.Retries, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task ServiceUnavailable_WithRetryAfter_HonoursIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await GraphHarness.StartAsync(clientTime: clock);
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.Unavailable, IsDraftRead, times: 1, retryAfter: TimeSpan.FromSeconds(10));

        var call = harness.Context.GetAsync(GraphHarness.App, draft.Id);
        await WaitUntilAsync(() => DraftReads(harness) == 1);
        clock.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(300);
        var early = DraftReads(harness);
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(early, Is.EqualTo(1));
        Assert.That(result.IsOk, Is.True);
    }

    [Test]
    public async Task GatewayTimeout_OnRead_Retried()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.GatewayTimeout, IsDraftRead, times: 2);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.IsOk, Is.True);
        Assert.That(DraftReads(harness), Is.EqualTo(3));
    }

    [Test]
    public async Task GatewayTimeout_OnSend_NotRetriedBecauseTheSendMayHaveHappened()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.GatewayTimeout, r => r.Path.EndsWith("/send", StringComparison.Ordinal), times: 1);

        var result = await harness.Actions.DeferSendAsync(GraphHarness.App, draft.Id, DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Timeout));
        Assert.That(harness.Server.Stats.Count("/send"), Is.EqualTo(1));
    }

    [Test]
    public async Task Throttled_OnSend_RetriedBecauseGraphDidNotProcessIt()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Throttle(TimeSpan.Zero, times: 2, match: r => r.Path.EndsWith("/send", StringComparison.Ordinal));

        var result = await harness.Actions.DeferSendAsync(GraphHarness.App, draft.Id, DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(harness.Server.Stats.Count("/send"), Is.EqualTo(3));
        Assert.That(harness.Server.Mailbox(GraphHarness.Agent).Message(draft.Id).SendCount, Is.EqualTo(1));
    }

    [Test]
    public async Task SlowResponse_LongerThanAttemptTimeout_RetriedToSuccess()
    {
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:Resilience:AttemptTimeout"] = "00:00:00.300");
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.Delay, IsDraftRead, times: 1, delay: TimeSpan.FromSeconds(2));

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);
        // The abandoned read is recorded once the server notices the client went away.
        await WaitUntilAsync(() => DraftReads(harness) == 2);

        Assert.That(result.IsOk, Is.True, result.Detail);
        var statuses = harness.Server.Stats.Log.Where(r => IsDraftRead(new FakeRequest(r.Method, r.Path, r.Mailbox))).Select(r => r.Status);
        Assert.That(statuses, Is.EquivalentTo(new[] { 0, 200 }), "the slow answer was never sent (0: the client gave up on it); the retry was answered");
    }

    [Test]
    public async Task SlowResponse_WithinAttemptTimeout_Waited()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.Delay, IsDraftRead, times: 1, delay: TimeSpan.FromMilliseconds(400));

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.IsOk, Is.True);
        Assert.That(DraftReads(harness), Is.EqualTo(1));
    }

    [Test]
    public async Task Hang_BeyondTotalTimeout_ReturnsTimeoutResult()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(
            s =>
            {
                s["ReplyCoach:Graph:Resilience:AttemptTimeout"] = "00:00:00.200";
                s["ReplyCoach:Graph:Resilience:TotalTimeout"] = "00:00:00.700";
                s["ReplyCoach:Graph:Resilience:MaxRetryAttempts"] = "10";
            },
            clientTime: clock);
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.Hang, IsDraftRead, times: -1);

        var call = harness.Context.GetAsync(GraphHarness.App, draft.Id);
        await WaitUntilAsync(() => harness.Server.Stats.InFlightNow(GraphHarness.Agent) == 1); // the timeouts are running
        var answeredEarly = false;
        for (var elapsed = 0; elapsed < 690; elapsed += 10)
        {
            // Small steps, so attempts time out and retries start on the way; every attempt hangs.
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5);
            answeredEarly |= call.IsCompleted;
        }

        clock.Advance(TimeSpan.FromMilliseconds(10));
        var result = await call.WaitAsync(HangGuard);

        Assert.That(answeredEarly, Is.False, "ten retries of 0.2 s attempts would take longer than the total timeout");
        Assert.That(result.Status, Is.EqualTo(GraphStatus.Timeout), "the 0.7 s total timeout ends the call");
    }

    [Test]
    public async Task MalformedJson_ReturnsMalformedResult()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.MalformedJson, IsDraftRead, times: 1);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Malformed));
        Assert.That(DraftReads(harness), Is.EqualTo(1), "a 200 with a broken body is not retried");
    }

    [Test]
    public async Task ExpiredToken_WithClaimsChallenge_GetsFreshTokenAndSucceeds()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        Assert.That((await harness.Context.GetAsync(GraphHarness.App, draft.Id)).IsOk, Is.True);
        var tokensBefore = harness.Server.Stats.TokenRequests;
        harness.Server.ExpireAllTokens();

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(harness.Server.Stats.TokenRequests, Is.EqualTo(tokensBefore + 1), "a new token was really requested");
        Assert.That(harness.Server.Stats.Log.Count(r => r.Status == 401), Is.EqualTo(1));
    }

    [Test]
    public async Task ExpiredToken_WithoutChallenge_ReturnsUnauthorizedResult()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.ChallengeExpiredTokens = false;
        harness.Server.Faults.Add(FaultKind.ExpiredToken, IsDraftRead, times: 1);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Unauthorized));
        Assert.That(DraftReads(harness), Is.EqualTo(1), "401 is not retried by Polly");
    }

    [Test]
    public async Task DroppedConnection_OnRead_Retried()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.DropConnection, IsDraftRead, times: 2);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(DraftReads(harness), Is.EqualTo(3));
    }

    [Test]
    public async Task DroppedConnection_OnSend_NotRetriedAndReportedUnavailable()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.DropConnection, r => r.Path.EndsWith("/send", StringComparison.Ordinal), times: 1);

        var result = await harness.Actions.DeferSendAsync(GraphHarness.App, draft.Id, DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Unavailable));
        Assert.That(harness.Server.Stats.Count("/send"), Is.EqualTo(1));
    }

    [Test]
    public async Task DroppedConnection_Always_ReturnsUnavailableResultNotAnException()
    {
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:Resilience:MaxRetryAttempts"] = "2");
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.DropConnection, IsDraftRead, times: -1);

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Unavailable));
        Assert.That(DraftReads(harness), Is.EqualTo(3));
    }

    [Test]
    public async Task CircuitBreaker_OpensOnFailuresFailsFastThenClosesAfterBreak()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await GraphHarness.StartAsync(s =>
        {
            s["ReplyCoach:Graph:Resilience:MaxRetryAttempts"] = "0";
            s["ReplyCoach:Graph:Resilience:BreakerMinimumThroughput"] = "4";
            s["ReplyCoach:Graph:Resilience:BreakerFailureRatio"] = "0.5";
            s["ReplyCoach:Graph:Resilience:BreakDuration"] = "00:00:20";
        }, clientTime: clock);
        var draft = Draft(harness);
        harness.Server.Faults.Add(FaultKind.ServerError, IsDraftRead, times: 4);

        var failures = new List<GraphResult>();
        for (var i = 0; i < 4; i++)
        {
            failures.Add(await harness.Context.GetAsync(GraphHarness.App, draft.Id));
        }

        var readsWhenOpened = DraftReads(harness);
        var whileOpen = await harness.Context.GetAsync(GraphHarness.App, draft.Id);
        var readsWhileOpen = DraftReads(harness) - readsWhenOpened;
        clock.Advance(TimeSpan.FromSeconds(21));
        var probe = await harness.Context.GetAsync(GraphHarness.App, draft.Id);
        var afterClose = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(failures.Select(f => f.Status), Is.All.EqualTo(GraphStatus.Unavailable));
        Assert.That(harness.Traffic.BreakerOpened, Is.EqualTo(1));
        Assert.That(whileOpen.Status, Is.EqualTo(GraphStatus.Unavailable));
        Assert.That(whileOpen.Detail, Does.Contain("circuit breaker"));
        Assert.That(whileOpen.RetryAfter, Is.Not.Null);
        Assert.That(readsWhileOpen, Is.Zero, "an open breaker fails fast without calling Graph");
        Assert.That(probe.IsOk, Is.True, "after the break a trial request goes through and closes the breaker");
        Assert.That(afterClose.IsOk, Is.True);
        Assert.That(harness.Logs.All, Does.Contain("circuit breaker closed"));
    }

    [Test]
    public async Task Concurrency_ManyRequestsForOneMailbox_NeverMoreThanFourInFlight()
    {
        await using var harness = await GraphHarness.StartAsync();
        var drafts = Enumerable.Range(0, 20).Select(_ => Draft(harness)).ToList();
        harness.Server.Faults.Add(FaultKind.Delay, IsDraftRead, times: -1, delay: TimeSpan.FromMilliseconds(250));

        var results = await Task.WhenAll(drafts.Select(d => harness.Context.GetAsync(GraphHarness.App, d.Id)));

        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(GraphStatus.Ok));
        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Agent), Is.EqualTo(4), "four at a time, and the limit is used");
    }

    [Test]
    public async Task Concurrency_TwoMailboxes_LimitedSeparately()
    {
        await using var harness = await GraphHarness.StartAsync();
        var colleague = harness.Server.Mailbox(GraphHarness.Colleague);
        var ours = Enumerable.Range(0, 8).Select(_ => Draft(harness).Id).ToList();
        var theirs = Enumerable.Range(0, 8).Select(_ => colleague.AddDraft("c", new FakePerson("x@example.net"), "<p>x</p>").Id).ToList();
        harness.Server.Faults.Add(FaultKind.Delay, r => r.Method == "GET" && r.Path.Contains("/messages/", StringComparison.Ordinal), times: -1, delay: TimeSpan.FromMilliseconds(300));

        await Task.WhenAll(ours.Select(id => harness.Context.GetAsync(GraphHarness.App, id))
            .Concat(theirs.Select(id => harness.Context.GetAsync(GraphAccess.App(GraphHarness.Colleague), id))));

        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Agent), Is.EqualTo(4));
        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Colleague), Is.EqualTo(4));
        Assert.That(harness.Server.Stats.MaxInFlightOverall, Is.GreaterThan(4), "the limit is per mailbox: the two mailboxes do not wait for each other");
    }

    [Test]
    public async Task Concurrency_WithThrottlingAndRetries_StillNeverMoreThanFour()
    {
        await using var harness = await GraphHarness.StartAsync();
        var drafts = Enumerable.Range(0, 30).Select(_ => Draft(harness)).ToList();
        harness.Server.Faults.AddRandom(FaultKind.Throttle, 0.3, seed: 7, IsDraftRead, retryAfter: TimeSpan.Zero);
        harness.Server.Faults.Add(FaultKind.Delay, IsDraftRead, times: -1, delay: TimeSpan.FromMilliseconds(60));

        var results = await Task.WhenAll(drafts.Select(d => harness.Context.GetAsync(GraphHarness.App, d.Id)));

        Assert.That(results.Count(r => r.IsOk), Is.GreaterThanOrEqualTo(29));
        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Agent), Is.LessThanOrEqualTo(4));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 10_000)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMs)
            {
                Assert.Fail("Timed out waiting for a condition.");
            }

            await Task.Delay(10);
        }
    }
}
