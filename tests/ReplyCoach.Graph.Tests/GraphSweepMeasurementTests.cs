using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Graph.Sweep;
using ReplyCoach.Ml;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

/// <summary>
/// The 10,000-message sweep from the issue: the real engine (with the built-in model), the real Graph client and
/// pipeline, the fake server throttling 5% of its answers with Retry-After: 1. Prints time and request count.
/// </summary>
[Category("Measurement")]
public sealed class GraphSweepMeasurementTests
{
    [Test]
    public async Task SweepAsync_TenThousandMessagesWithFivePercentThrottled_CompletesWithoutLoss()
    {
        const int messages = 10_000;
        var analyzer = new DraftAnalyzer(new DraftNormalizer(), new ToneDetector(), ToneModelLoader.LoadBuiltIn(), new AnalysisOptions());
        var scorer = new CountingAnalyzerScorer(analyzer);
        var sink = new RecordingSink();
        await using var harness = await GraphHarness.StartAsync(
            s => s["ReplyCoach:Graph:Sweep:PageSize"] = "100",
            services: services =>
            {
                services.AddSingleton<ISentItemScorer>(scorer);
                services.AddSingleton<ISentItemAuditSink>(sink);
            });
        var mailbox = harness.Server.Mailbox(GraphHarness.Agent);
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var ids = new List<string>(messages);
        for (var i = 0; i < messages; i++)
        {
            var text = i % 50 == 7 ? Replies.Hostile : Replies.Polite.Replace("48213", (48213 + i).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            ids.Add(mailbox.AddSent(text, start.AddSeconds(i * 250)).Id);
        }

        var throttle = harness.Server.Faults.AddEvery(FaultKind.Throttle, 20, retryAfter: TimeSpan.FromSeconds(1)); // every 20th answer: 5%
        var watch = Stopwatch.StartNew();
        var report = await harness.Sweeper.SweepAsync(new SweepRequest(new SweepMailbox { Address = GraphHarness.Agent }, Since: start.AddDays(-1), EstimateTotal: true));
        watch.Stop();

        var requests = harness.Server.Stats.Requests;
        var throttled = harness.Server.Stats.Log.Count(r => r.Status == 429);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"GRAPH SWEEP 10k: {report.Scored} messages scored, {report.Flagged} flagged, {report.Pages} pages, {requests} Graph requests ({throttled} answered 429 = {100.0 * throttled / requests:0.0}%), {report.Requests} client attempts, {watch.Elapsed.TotalSeconds:0.0} s wall (scoring {scorer.Scoring.TotalSeconds:0.0} s), {messages / watch.Elapsed.TotalSeconds:0} messages/s, {harness.Server.Stats.TokenRequests} token request(s), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        TestContext.Out.WriteLine(line);
        Console.WriteLine(line);

        Assert.That(report.Outcome, Is.EqualTo(GraphStatus.Ok), report.Detail);
        Assert.That(report.Complete, Is.True);
        Assert.That(report.Scored, Is.EqualTo(messages));
        Assert.That(scorer.Counts.Keys, Is.EquivalentTo(ids), "no message lost");
        Assert.That(scorer.Counts.Values, Is.All.EqualTo(1), "none scored twice");
        Assert.That(sink.Items, Has.Count.EqualTo(messages / 50));
        Assert.That(throttle.Fired, Is.GreaterThan(0));
        Assert.That(harness.Server.Stats.MaxInFlight(GraphHarness.Agent), Is.LessThanOrEqualTo(4));
    }

    private sealed class CountingAnalyzerScorer(DraftAnalyzer analyzer) : ISentItemScorer
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, int> Counts => _counts;

        private long _ticks;

        public TimeSpan Scoring => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public Assessment Score(SentItem item)
        {
            _counts.AddOrUpdate(item.Id, 1, (_, n) => n + 1);
            var started = Stopwatch.GetTimestamp();
            var assessment = analyzer.Analyze(item.Body, item.IsHtml ? DraftFormat.Html : DraftFormat.Text);
            Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
            return assessment;
        }
    }
}
