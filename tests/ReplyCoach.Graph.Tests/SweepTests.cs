using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReplyCoach.Graph.Sweep;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SweepTests
{
    private static readonly SweepMailbox Mailbox = new() { Address = GraphHarness.Agent, AgentId = "agent-oid", AgentName = "Sam Agent", Team = "billing" };

    private readonly CountingScorer _scorer = new();
    private readonly RecordingSink _sink = new();

    private Task<GraphHarness> StartAsync(int pageSize = 10, Action<Dictionary<string, string?>>? settings = null, TimeProvider? clientTime = null) =>
        GraphHarness.StartAsync(s =>
        {
            s["ReplyCoach:Graph:Sweep:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings?.Invoke(s);
        }, clientTime: clientTime, services: Fakes);

    private void Fakes(IServiceCollection services)
    {
        services.AddSingleton<ISentItemScorer>(_scorer);
        services.AddSingleton<ISentItemAuditSink>(_sink);
    }

    /// <summary>Sent mail over the last days; every fifth is hostile. Returns the ids.</summary>
    private static List<string> SeedSent(GraphHarness harness, int count, DateTimeOffset? newest = null)
    {
        var mailbox = harness.Server.Mailbox(GraphHarness.Agent);
        var end = newest ?? DateTimeOffset.UtcNow.AddMinutes(-30);
        return Enumerable.Range(0, count)
            .Select(i => mailbox.AddSent(i % 5 == 4 ? Replies.Hostile : Replies.Polite, end.AddMinutes(-(count - i) * 7)).Id)
            .ToList();
    }

    [Test]
    public async Task SweepAsync_FirstRun_ScoresEverySentMessageOnceAndHandsFlaggedOnesToTheAuditTrail()
    {
        await using var harness = await StartAsync();
        var ids = SeedSent(harness, 25);
        harness.Server.Mailbox(GraphHarness.Agent).AddIncoming("c", new FakePerson("x@example.net"), "Not sent by the agent", DateTimeOffset.UtcNow.AddHours(-1));
        var progress = new List<SweepProgress>();

        var report = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox, EstimateTotal: true), new SyncProgress(progress.Add));

        Assert.That(report.Outcome, Is.EqualTo(GraphStatus.Ok), report.Detail);
        Assert.That(report.Complete, Is.True);
        Assert.That(report.Pages, Is.EqualTo(3));
        Assert.That(report.Scored, Is.EqualTo(25));
        Assert.That(report.Flagged, Is.EqualTo(5));
        Assert.That(_scorer.Counts.Keys, Is.EquivalentTo(ids));
        Assert.That(_scorer.Counts.Values, Is.All.EqualTo(1));
        Assert.That(_sink.Items.Keys, Is.EquivalentTo(ids.Where((_, i) => i % 5 == 4)));
        var flagged = _sink.Items.Values.First();
        Assert.That(flagged.Mailbox.AgentId, Is.EqualTo("agent-oid"));
        Assert.That(flagged.Item.InternetMessageId, Does.StartWith("<"));
        Assert.That(progress[0].Total, Is.EqualTo(25));
        Assert.That(progress[^1].Scored, Is.EqualTo(25));
        Assert.That(report.Requests, Is.EqualTo(4), "one folder count and three delta pages");
    }

    [Test]
    public async Task SweepAsync_SecondRun_ReadsOnlyMailSentSinceFromTheSavedDeltaLink()
    {
        await using var harness = await StartAsync();
        SeedSent(harness, 12);
        await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));
        var newer = harness.Server.Mailbox(GraphHarness.Agent).AddSent(Replies.Hostile, DateTimeOffset.UtcNow.AddMinutes(-1)).Id;
        harness.Server.Stats.Reset();

        var report = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        Assert.That(report.Scored, Is.EqualTo(1));
        Assert.That(_scorer.Counts[newer], Is.EqualTo(1));
        Assert.That(_scorer.Counts.Values, Is.All.EqualTo(1));
        Assert.That(harness.Server.Stats.Log.Single().Query, Does.Contain("$deltatoken="));
    }

    [Test]
    public async Task SweepAsync_CrashOnAPage_NextProcessResumesFromLinkAndScoresEachMessageExactlyOnce()
    {
        await using var harness = await StartAsync(settings: s => s["ReplyCoach:Graph:Resilience:MaxRetryAttempts"] = "2");
        var ids = SeedSent(harness, 47);
        var deltaRequests = 0;
        harness.Server.Faults.Add(FaultKind.DropConnection, r => r.Path.Contains("/delta", StringComparison.Ordinal) && Interlocked.Increment(ref deltaRequests) >= 3, times: -1);

        var crashed = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));
        harness.Server.Faults.Clear();
        harness.Restart(s => s["ReplyCoach:Graph:Sweep:PageSize"] = "10", services: Fakes);
        var resumed = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        Assert.That(crashed.Outcome, Is.EqualTo(GraphStatus.Unavailable));
        Assert.That(crashed.Complete, Is.False);
        Assert.That(crashed.Scored, Is.EqualTo(20), "two pages were done before the crash");
        Assert.That(resumed.Resumed, Is.True);
        Assert.That(resumed.Complete, Is.True);
        Assert.That(resumed.Scored, Is.EqualTo(27));
        Assert.That(_scorer.Counts.Keys, Is.EquivalentTo(ids));
        Assert.That(_scorer.Counts.Values, Is.All.EqualTo(1), "every sent message scored exactly once");
        Assert.That(_sink.Calls, Is.EqualTo(ids.Count / 5), "every flagged message handed over exactly once");
    }

    [Test]
    public async Task SweepAsync_KilledMidPage_ResumesWithoutScoringAnyMessageTwice()
    {
        await using var harness = await StartAsync();
        var ids = SeedSent(harness, 30);
        using var kill = new CancellationTokenSource();
        _scorer.AfterScore = total =>
        {
            if (total == 14)
            {
                kill.Cancel(); // the process dies after handling the 14th message, in the middle of page 2
            }
        };

        Assert.That(async () => await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox), cancellationToken: kill.Token), Throws.InstanceOf<OperationCanceledException>());
        _scorer.AfterScore = null;
        harness.Restart(s => s["ReplyCoach:Graph:Sweep:PageSize"] = "10", services: Fakes);
        var resumed = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        Assert.That(resumed.Resumed, Is.True);
        Assert.That(resumed.Skipped, Is.EqualTo(4), "the four messages of page 2 handled before the crash");
        Assert.That(resumed.Scored, Is.EqualTo(16));
        Assert.That(_scorer.Counts.Keys, Is.EquivalentTo(ids));
        Assert.That(_scorer.Counts.Values, Is.All.EqualTo(1));
        Assert.That(_sink.Calls, Is.EqualTo(6));
    }

    [Test]
    public async Task SweepAsync_MalformedPage_StopsThenResumesWithoutLoss()
    {
        await using var harness = await StartAsync();
        var ids = SeedSent(harness, 25);
        var deltaRequests = 0;
        harness.Server.Faults.Add(FaultKind.MalformedJson, r => r.Path.Contains("/delta", StringComparison.Ordinal) && Interlocked.Increment(ref deltaRequests) == 2);

        var first = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));
        var second = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        Assert.That(first.Outcome, Is.EqualTo(GraphStatus.Malformed));
        Assert.That(first.Pages, Is.EqualTo(1));
        Assert.That(second.Complete, Is.True);
        Assert.That(_scorer.Counts.Keys, Is.EquivalentTo(ids));
        Assert.That(_scorer.Counts.Values, Is.All.EqualTo(1));
    }

    [Test]
    public async Task SweepAsync_ThrottledPages_WaitedOutAndNothingLost()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await StartAsync(clientTime: clock);
        var ids = SeedSent(harness, 40);
        harness.Server.Faults.Throttle(TimeSpan.FromSeconds(1), times: 2, match: r => r.Path.Contains("/delta", StringComparison.Ordinal));

        var sweep = harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));
        var requestsBeforeRetryAfter = new List<long>();
        var requestsAtRetryAfter = new List<long>();
        for (var n = 1; n <= 2; n++)
        {
            // The retry is scheduled on the client's clock right after OnRetry counts it.
            await ResilienceTests.WaitUntilAsync(() => harness.Traffic.Retries == n);
            await Task.Delay(50);
            requestsAtRetryAfter.Add(harness.Server.Stats.Requests);
            clock.Advance(TimeSpan.FromMilliseconds(999));
            await Task.Delay(100);
            requestsBeforeRetryAfter.Add(harness.Server.Stats.Requests);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var report = await sweep.WaitAsync(TimeSpan.FromSeconds(30)); // a guard against a hang, not a measurement

        Assert.That(requestsBeforeRetryAfter, Is.EqualTo(requestsAtRetryAfter), "nothing is asked before Retry-After: 1 has passed");
        Assert.That(harness.Traffic.Throttled, Is.EqualTo(2));
        Assert.That(report.Outcome, Is.EqualTo(GraphStatus.Ok));
        Assert.That(report.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(2)), "the sweep's clock moved only by the two waits");
        Assert.That(_scorer.Counts.Keys, Is.EquivalentTo(ids));
        Assert.That(_scorer.Counts.Values, Is.All.EqualTo(1));
    }

    [Test]
    public async Task SweepAsync_OldMessageChangedLater_NotScoredAgain()
    {
        await using var harness = await StartAsync();
        var ids = SeedSent(harness, 8);
        await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));
        harness.Server.Mailbox(GraphHarness.Agent).Touch(ids[0], m => m.Categories.Add("Reviewed")); // a week-old message
        harness.Server.Mailbox(GraphHarness.Agent).Touch(ids[^1], m => m.Categories.Add("Reviewed")); // minutes old

        var report = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        Assert.That(report.Scored, Is.Zero);
        Assert.That(report.Skipped, Is.EqualTo(2));
        Assert.That(_scorer.Counts.Values, Is.All.EqualTo(1));
    }

    [Test]
    public async Task SweepAsync_DeletedMessage_ReportedAsRemovedNotScored()
    {
        await using var harness = await StartAsync();
        var ids = SeedSent(harness, 5);
        await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));
        harness.Server.Mailbox(GraphHarness.Agent).Delete(ids[2]);

        var report = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        Assert.That(report.Removed, Is.EqualTo(1));
        Assert.That(report.Scored, Is.Zero);
    }

    [Test]
    public async Task SweepAsync_Since_ReadsOnlyMailSentFromThen()
    {
        await using var harness = await StartAsync();
        var mailbox = harness.Server.Mailbox(GraphHarness.Agent);
        var old = mailbox.AddSent(Replies.Polite, DateTimeOffset.UtcNow.AddDays(-20)).Id;
        var recent = mailbox.AddSent(Replies.Polite, DateTimeOffset.UtcNow.AddDays(-2)).Id;

        var report = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox, Since: DateTimeOffset.UtcNow.AddDays(-3)));

        Assert.That(report.Scored, Is.EqualTo(1));
        Assert.That(_scorer.Counts.Keys, Is.EquivalentTo(new[] { recent }));
        Assert.That(_scorer.Counts.ContainsKey(old), Is.False);
    }

    [Test]
    public async Task SweepAsync_Restart_StartsOverFromSince()
    {
        await using var harness = await StartAsync();
        SeedSent(harness, 6);
        await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        var report = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox, Restart: true));

        Assert.That(report.Scored, Is.EqualTo(6));
        Assert.That(_sink.Items, Has.Count.EqualTo(1), "the audit trail keeps one record per message");
    }

    [Test]
    public async Task SweepAsync_SameMailboxTwiceAtOnce_SecondReturnsConflict()
    {
        await using var harness = await StartAsync();
        SeedSent(harness, 5);
        harness.Server.Faults.Add(FaultKind.Delay, r => r.Path.Contains("/delta", StringComparison.Ordinal), delay: TimeSpan.FromMilliseconds(800));

        var first = harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));
        await ResilienceTests.WaitUntilAsync(() => harness.Server.Stats.InFlightNow(GraphHarness.Agent) == 1);
        var second = await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        Assert.That(second.Outcome, Is.EqualTo(GraphStatus.Conflict));
        Assert.That((await first).Outcome, Is.EqualTo(GraphStatus.Ok));
    }

    [Test]
    public async Task SweepAsync_StateFile_HoldsNoMailContentAndNoSecrets()
    {
        await using var harness = await StartAsync();
        SeedSent(harness, 5);

        await harness.Sweeper.SweepAsync(new SweepRequest(Mailbox));

        var files = Directory.GetFiles(harness.StateFolder);
        var text = string.Join("\n", files.Select(File.ReadAllText));
        Assert.That(files.Any(f => f.EndsWith(".json", StringComparison.Ordinal)), Is.True);
        Assert.That(text, Does.Contain("$deltatoken="));
        Assert.That(text, Does.Not.Contain("Mark").And.Not.Contain(FakeGraphServer.ClientSecret).And.Not.Contain("Bearer"));
        Assert.That(harness.Logs.All, Does.Not.Contain(FakeGraphServer.ClientSecret).And.Not.Contain("deltatoken").And.Not.Contain("lying"));
    }

    private sealed class SyncProgress(Action<SweepProgress> report) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => report(value);
    }
}
