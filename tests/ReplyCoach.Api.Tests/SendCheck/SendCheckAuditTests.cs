using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Api.Tests.Audit;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Tests.SendCheck;

/// <summary>
/// The on-send check's audit trail: flagged checks recorded once per idempotency key in the real SQLite store (in the
/// factory's own temporary data folder), with the check id in the answer, and never at the cost of the answer.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SendCheckAuditTests
{
    // A curt reply the built-in engine gives a middling risk (about 0.48 on 2026-11-23); the caution test widens the
    // caution band around it so it stays a caution check while the model is retrained, and asserts that it is one.
    private const string Curt = "Hi Mark, as I already explained in my last e-mail, the warranty does not cover this. Regards, Sam";

    private ApiFactory _api = null!;

    [SetUp]
    public void Start() => _api = new ApiFactory();

    [TearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private IAuditStore Store => _api.Services.GetRequiredService<IAuditStore>();

    private HttpClient Agent(string agent, string? key)
    {
        var client = _api.Client(AuditTestHost.Agent(agent));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(AuditRecorder.IdempotencyHeader, key);
        }

        return client;
    }

    private async Task<IReadOnlyList<AuditRecord>> RecordsAsync(string agent) =>
        (await Store.ListAsync(new AuditQuery(new AuditFilter(AgentId: agent), 50), AuditScope.All)).Items;

    // A write may finish just after the answer (it is handed off when the budget is spent): wait for it, boundedly.
    private async Task<IReadOnlyList<AuditRecord>> RecordsSettledAsync(string agent, int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        var records = await RecordsAsync(agent);
        while (records.Count < expected && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            records = await RecordsAsync(agent);
        }

        await Task.Delay(300); // nothing more arrives late
        return await RecordsAsync(agent);
    }

    [Test]
    public async Task SendCheck_HoldRetriedWithSameIdempotencyKey_OneRecord()
    {
        var client = Agent("agent-hold", "send-check-0001");

        using var first = await client.PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Drafts.Hostile, conversationId = "conv-42" }));
        using var retry = await client.PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Drafts.Hostile, conversationId = "conv-42" }));

        var decision = await Problems.JsonAsync(first);
        await Problems.JsonAsync(retry);
        var records = await RecordsSettledAsync("agent-hold", 1);
        Assert.Multiple(() =>
        {
            Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"));
            Assert.That(first.Headers.GetValues(AuditRecorder.CheckIdHeader).Single(), Is.EqualTo("send-check-0001"));
            Assert.That(retry.Headers.GetValues(AuditRecorder.CheckIdHeader).Single(), Is.EqualTo("send-check-0001"));
            Assert.That(records, Has.Count.EqualTo(1));
            Assert.That(records[0].CheckId, Is.EqualTo("a:agent-hold:send-check-0001"));
            Assert.That(records[0].Source, Is.EqualTo(AuditSource.SendCheck));
            Assert.That(records[0].Level, Is.EqualTo(RiskLevel.Hold));
            Assert.That(records[0].ConversationHash, Is.Not.Null.And.Not.EqualTo("conv-42"), "the conversation id is kept as a keyed hash");
        });
    }

    [Test]
    public async Task SendCheck_CautionWithoutKey_RecordedOnceUnderTheAnsweredCheckId()
    {
        await _api.DisposeAsync();
        _api = new ApiFactory(new Dictionary<string, string?>
        {
            ["ReplyCoach:Analysis:CautionThreshold"] = "0.15",
            ["ReplyCoach:Analysis:HoldThreshold"] = "0.95",
        });
        var client = Agent("agent-caution", null);

        using var response = await client.PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Curt }));

        var decision = await Problems.JsonAsync(response);
        Assert.That((decision.GetProperty("action").GetString(), decision.GetProperty("reason").GetString()), Is.EqualTo(("allow", "caution")),
            "a caution draft goes out without a prompt, and is still audited");
        var checkId = response.Headers.GetValues(AuditRecorder.CheckIdHeader).Single();
        var records = await RecordsSettledAsync("agent-caution", 1);
        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(records[0].CheckId, Is.EqualTo("a:agent-caution:" + checkId));
        Assert.That(records[0].Level, Is.EqualTo(RiskLevel.Caution));
        Assert.That(records[0].Source, Is.EqualTo(AuditSource.SendCheck));
    }

    [Test]
    public async Task SendCheck_PoliteDraft_NotRecordedAndNoCheckId()
    {
        using var response = await Agent("agent-polite", "send-check-0002").PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Drafts.Polite }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains(AuditRecorder.CheckIdHeader), Is.False);
        Assert.That(await RecordsSettledAsync("agent-polite", 0), Is.Empty);
    }

    [Test]
    public async Task SendCheck_OutcomeReportedUnderTheCheckId_Recorded()
    {
        var client = Agent("agent-outcome", "send-check-0003");
        using var check = await client.PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Drafts.Hostile }));
        await Problems.JsonAsync(check);
        await RecordsSettledAsync("agent-outcome", 1);

        using var outcome = await client.PostAsync("/api/v1/outcomes",
            Drafts.Json(new { checkId = check.Headers.GetValues(AuditRecorder.CheckIdHeader).Single(), outcome = "accepted_delay", riskAtSend = 0.2 }));

        var body = await Problems.JsonAsync(outcome);
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("created"));
        Assert.That((await RecordsAsync("agent-outcome")).Single().Outcome, Is.EqualTo(AuditOutcome.AcceptedDelay));
    }

    [Test]
    public async Task SendCheck_AuditDatabaseLocked_AnswersWithinBudgetAndRecordsOnceTheLockGoes()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["ReplyCoach:Audit:WriteTimeoutMilliseconds"] = "8000" });
        var client = api.Client(AuditTestHost.Agent("agent-locked"));
        client.DefaultRequestHeaders.Add(AuditRecorder.IdempotencyHeader, "send-check-0004");
        var store = api.Services.GetRequiredService<IAuditStore>();

        // Another process holds SQLite's write lock: the audit write waits for it (busy timeout), the check must not.
        using var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(api.DataFolder!, "audit.db"), Pooling = false }.ToString());
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/v1/send-check", Drafts.Json(new { draft = Drafts.Hostile }));
        clock.Stop();
        var decision = await Problems.JsonAsync(response);
        var whileLocked = (await store.ListAsync(new AuditQuery(new AuditFilter(AgentId: "agent-locked")), AuditScope.All)).Items.Count;
        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        blocker.Close();
        var until = DateTime.UtcNow.AddSeconds(15);
        var records = (await store.ListAsync(new AuditQuery(new AuditFilter(AgentId: "agent-locked")), AuditScope.All)).Items;
        while (records.Count == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
            records = (await store.ListAsync(new AuditQuery(new AuditFilter(AgentId: "agent-locked")), AuditScope.All)).Items;
        }

        Assert.Multiple(() =>
        {
            Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(1500) + TimeSpan.FromSeconds(2)), "the answer did not wait for the audit write");
            Assert.That(response.Headers.GetValues(AuditRecorder.CheckIdHeader).Single(), Is.EqualTo("send-check-0004"), "the handed-off write is expected to land");
            Assert.That(whileLocked, Is.Zero);
            Assert.That(records, Has.Count.EqualTo(1), "the handed-off write finished after the answer");
            Assert.That(records[0].CheckId, Is.EqualTo("a:agent-locked:send-check-0004"));
        });
    }
}
