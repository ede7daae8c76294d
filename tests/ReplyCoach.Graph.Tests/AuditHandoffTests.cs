using Microsoft.Extensions.DependencyInjection;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Graph.Sweep;

namespace ReplyCoach.Graph.Tests;

/// <summary>The sweep hands flagged sent mail to the audit trail's real store (embedded SQLite).</summary>
public sealed class AuditHandoffTests
{
    [Test]
    public async Task SweepAsync_WithTheAuditStore_RecordsFlaggedSentMailOnceAsSentAnyway()
    {
        var scorer = new CountingScorer();
        await using var harness = await GraphHarness.StartAsync(
            s => s["ReplyCoach:DataFolder"] = Path.Combine(s["ReplyCoach:Graph:Sweep:StateFolder"]!, "data"), // removed with the harness
            services: services =>
            {
                services.AddReplyCoachAudit(retention: false);
                services.AddSingleton<ISentItemScorer>(scorer);
            });
        var mailbox = harness.Server.Mailbox(GraphHarness.Agent);
        mailbox.AddSent(Replies.Polite, DateTimeOffset.UtcNow.AddHours(-2));
        var hostile = mailbox.AddSent(Replies.Hostile, DateTimeOffset.UtcNow.AddHours(-1));
        var sweepMailbox = new SweepMailbox { Address = GraphHarness.Agent, AgentId = "agent-oid", AgentName = "Sam Agent", Team = "billing" };

        var first = await harness.Sweeper.SweepAsync(new SweepRequest(sweepMailbox));
        var again = await harness.Sweeper.SweepAsync(new SweepRequest(sweepMailbox, Restart: true));
        var store = harness.Services.GetRequiredService<IAuditStore>();
        var page = await store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.All);

        Assert.That(first.Flagged, Is.EqualTo(1));
        Assert.That(again.Flagged, Is.EqualTo(1), "scored again after a restart...");
        Assert.That(page.Items, Has.Count.EqualTo(1), "...but recorded once: the check id is the Internet Message-ID");
        var record = page.Items[0];
        Assert.That(record.CheckId, Is.EqualTo("sweep:" + hostile.InternetMessageId));
        Assert.That(record.Source, Is.EqualTo(AuditSource.GraphSweep));
        Assert.That(record.Outcome, Is.EqualTo(AuditOutcome.SentAnyway));
        Assert.That(record.AgentId, Is.EqualTo("agent-oid"));
        Assert.That(record.Team, Is.EqualTo("billing"));
        Assert.That(record.Level, Is.Not.EqualTo(RiskLevel.Ok));
    }

    [Test]
    public void ToCheck_LongMessageId_KeepsTheCheckIdWithin200Characters()
    {
        var item = new SentItem("id", "<" + new string('x', 300) + "@contoso.example>", null, "", false, null, []);
        var analyzer = new DraftAnalyzer(new Core.Drafts.DraftNormalizer(), new Core.Analysis.Detectors.ToneDetector(), null, new AnalysisOptions());
        var flagged = new FlaggedSentItem(new SweepMailbox { Address = "a@b.c" }, item, analyzer.Analyze(Replies.Hostile), DateTimeOffset.UtcNow);

        var check = AuditTrailSink.ToCheck(flagged);

        Assert.That(check.CheckId, Has.Length.LessThanOrEqualTo(200).And.StartWith("sweep:sha256:"));
        Assert.That(check.AgentId, Is.EqualTo("a@b.c"), "the address stands in when no agent id is configured");
        Assert.That(check.Spans, Is.Not.Empty);
        Assert.That(check.Spans.Select(s => s.Text), Has.All.Not.Null);
    }
}
