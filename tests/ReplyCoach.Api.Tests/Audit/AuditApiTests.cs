using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReplyCoach.Api.Features.Audit;
using ReplyCoach.Api.Features.Drafts;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Tests.Audit;

/// <summary>The lead API and the outcome report, end to end over HTTP with real tokens.</summary>
[TestFixture]
public sealed class AuditApiTests
{
    private AuditTestHost _host = null!;

    [SetUp]
    public void Start() => _host = new AuditTestHost();

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public async Task ListFlags_FiltersAndPaging_ReturnMatchingFlagsNewestFirst()
    {
        var now = AuditTestHost.Now;
        await _host.SeedAsync("k-threat-00", category: ToneCategory.Threat, level: RiskLevel.Caution, risk: 0.6, at: now.AddDays(-2));
        await _host.SeedAsync("k-sent-0000", outcome: AuditOutcome.SentAnyway, riskAtSend: 0.9, at: now.AddDays(-3));
        await _host.SeedAsync("k-agent2-00", agent: "agent-2", at: now.AddDays(-4));
        await _host.SeedAsync("k-old-00000", at: now.AddDays(-40));
        var lead = _host.Client(AuditTestHost.Lead());

        async Task<int> Count(string query) =>
            (await Problems.JsonAsync(await lead.GetAsync("/api/v1/audit/flags?" + query))).GetProperty("items").GetArrayLength();

        Assert.That(await Count("category=threat"), Is.EqualTo(1));
        Assert.That(await Count("level=caution"), Is.EqualTo(1));
        Assert.That(await Count("outcome=sent_anyway"), Is.EqualTo(1));
        Assert.That(await Count("agent=agent-2"), Is.EqualTo(1));
        Assert.That(await Count("from=2025-03-01"), Is.EqualTo(3));
        Assert.That(await Count("from=2025-03-01&to=2025-03-11"), Is.EqualTo(2), "a date-only 'to' includes that day");
        Assert.That(await Count("reviewed=false&falsePositive=false"), Is.EqualTo(4));

        var first = await Problems.JsonAsync(await lead.GetAsync("/api/v1/audit/flags?pageSize=3"));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await Problems.JsonAsync(await lead.GetAsync("/api/v1/audit/flags?pageSize=3&cursor=" + Uri.EscapeDataString(cursor!)));
        Assert.That(first.GetProperty("items")[0].GetProperty("checkedAt").GetDateTimeOffset(), Is.EqualTo(now.AddDays(-2)));
        Assert.That(second.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("category=rudeness", "category")]
    [TestCase("level=ok", "level")]
    [TestCase("outcome=ignored", "outcome")]
    [TestCase("from=yesterday", "from")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("reviewed=maybe", "reviewed")]
    [TestCase("cursor=forged", "cursor")]
    public async Task ListFlags_InvalidQuery_Returns400NamingTheParameter(string query, string parameter)
    {
        using var response = await _host.Client(AuditTestHost.Lead()).GetAsync("/api/v1/audit/flags?" + query);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(parameter, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Review_WithNote_StoresNoteReviewerAndTime()
    {
        var id = await _host.SeedAsync("k-review-00");
        _host.Time.Advance(TimeSpan.FromHours(2));

        var detail = await Problems.JsonAsync(await _host.Client(AuditTestHost.Lead()).PostAsync($"/api/v1/audit/flags/{id}/review", Drafts.Json(new { note = "Talk through blame-free wording." })));

        Assert.That(detail.GetProperty("coachingNote").GetString(), Is.EqualTo("Talk through blame-free wording."));
        Assert.That(detail.GetProperty("reviewedBy").GetString(), Is.EqualTo("lead-a"));
        Assert.That(detail.GetProperty("reviewedAt").GetDateTimeOffset(), Is.EqualTo(AuditTestHost.Now.AddHours(2)));
        Assert.That(detail.GetProperty("summary").GetProperty("reviewed").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Review_NoteTooLong_Returns400()
    {
        var id = await _host.SeedAsync("k-review-01");

        using var response = await _host.Client(AuditTestHost.Lead()).PostAsync($"/api/v1/audit/flags/{id}/review", Drafts.Json(new { note = new string('x', 2001) }));

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task FalsePositive_MarkedThenExported_AsLabelZeroTrainingRow()
    {
        var id = await _host.SeedAsync("k-fp-000000", words: "we will escalate this");
        await _host.SeedAsync("k-notfp-000", words: "you are lying");
        var lead = _host.Client(AuditTestHost.Lead());

        var detail = await Problems.JsonAsync(await lead.PostAsync($"/api/v1/audit/flags/{id}/false-positive", Drafts.Json(new { falsePositive = true })));
        using var export = await lead.GetAsync("/api/v1/audit/false-positives.jsonl");
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var row = JsonDocument.Parse(lines.Single()).RootElement;

        Assert.That(detail.GetProperty("summary").GetProperty("falsePositive").GetBoolean(), Is.True);
        Assert.That(detail.GetProperty("falsePositiveBy").GetString(), Is.EqualTo("lead-a"));
        Assert.That(row.GetProperty("label").GetInt32(), Is.Zero);
        Assert.That(row.GetProperty("kind").GetString(), Is.EqualTo("false_positive"));
        Assert.That(row.GetProperty("text").GetString(), Is.EqualTo("we will escalate this"));
    }

    [Test]
    public async Task FalsePositive_EmptyBody_MarksAndFalseUnmarks()
    {
        var id = await _host.SeedAsync("k-fp-000001");
        var lead = _host.Client(AuditTestHost.Lead());

        var marked = await Problems.JsonAsync(await lead.PostAsync($"/api/v1/audit/flags/{id}/false-positive", null));
        var unmarked = await Problems.JsonAsync(await lead.PostAsync($"/api/v1/audit/flags/{id}/false-positive", Drafts.Json(new { falsePositive = false })));

        Assert.That(marked.GetProperty("summary").GetProperty("falsePositive").GetBoolean(), Is.True);
        Assert.That(unmarked.GetProperty("summary").GetProperty("falsePositive").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Aggregates_ByWeek_CountsCategoriesAndImprovedShare()
    {
        var monday = new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
        await _host.SeedAsync("k-w-000001", at: monday, outcome: AuditOutcome.AppliedSuggestion, riskAtSend: 0.1);
        await _host.SeedAsync("k-w-000002", at: monday.AddDays(1), category: ToneCategory.Hostility, outcome: AuditOutcome.SentAnyway, riskAtSend: 0.9);
        await _host.SeedAsync("k-w-000003", at: monday.AddDays(-7));

        var body = await Problems.JsonAsync(await _host.Client(AuditTestHost.Lead()).GetAsync("/api/v1/audit/aggregates?groupBy=week"));
        var weeks = body.GetProperty("groups").EnumerateArray().ToList();

        Assert.That(weeks.Select(w => w.GetProperty("key").GetString()), Is.EqualTo(new[] { "2025-03-03", "2025-03-10" }));
        Assert.That(weeks[1].GetProperty("flags").GetInt64(), Is.EqualTo(2));
        Assert.That(weeks[1].GetProperty("byCategory").GetProperty("hostility").GetInt64(), Is.EqualTo(1));
        Assert.That(weeks[1].GetProperty("improvedShare").GetDouble(), Is.EqualTo(0.5));
    }

    [Test]
    public async Task Aggregates_UnknownGrouping_Returns400()
    {
        using var response = await _host.Client(AuditTestHost.Lead()).GetAsync("/api/v1/audit/aggregates?groupBy=month");

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task ExportCsv_FilteredByCategory_HeaderAndMatchingRows()
    {
        await _host.SeedAsync("k-csv-00001", category: ToneCategory.Threat, words: "=HYPERLINK(\"x\")");
        await _host.SeedAsync("k-csv-00002", category: ToneCategory.Blame);

        using var response = await _host.Client(AuditTestHost.Lead()).GetAsync("/api/v1/audit/export.csv?category=threat");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".csv"));
        Assert.That(lines[0], Does.StartWith("id,checked_at,agent_id,agent_name,team,level,risk,hostility,blame"));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[1], Does.Contain("\"'=HYPERLINK(\"\"x\"\")\""), "a formula-like cell is neutralised");
    }

    [Test]
    public async Task RecordOutcome_OwnCheckThenRetried_RecordedOnce()
    {
        var id = await _host.SeedAsync("k-outcome-1", risk: 0.9);
        var agent = _host.Client(AuditTestHost.Agent("agent-1"));
        var report = new { checkId = "k-outcome-1", outcome = "applied_suggestion", riskAtSend = 0.2 };

        var first = await Problems.JsonAsync(await agent.PostAsync("/api/v1/outcomes", Drafts.Json(report)));
        var second = await Problems.JsonAsync(await agent.PostAsync("/api/v1/outcomes", Drafts.Json(report)));
        var record = await _host.Store.GetAsync(id, AuditScope.All);

        Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("created"));
        Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("duplicate"));
        Assert.That(record!.Outcome, Is.EqualTo(AuditOutcome.AppliedSuggestion));
        Assert.That(record.Improved, Is.True);
        Assert.That(record.OutcomeAt, Is.EqualTo(AuditTestHost.Now));
    }

    [TestCase("{\"checkId\":\"k-outcome-1\",\"outcome\":\"ignored\"}", "outcome")]
    [TestCase("{\"checkId\":\"k-outcome-1\",\"outcome\":\"pending\"}", "outcome")]
    [TestCase("{\"outcome\":\"edited\"}", "checkId")]
    [TestCase("{\"checkId\":\"k-outcome-1\",\"outcome\":\"edited\",\"riskAtSend\":3}", "riskAtSend")]
    public async Task RecordOutcome_InvalidReport_Returns400(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _host.Client(AuditTestHost.Agent()).PostAsync("/api/v1/outcomes", content);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Me_Lead_ReturnsTeamAndRole()
    {
        var me = await Problems.JsonAsync(await _host.Client(AuditTestHost.Lead("team-z", "lead-z")).GetAsync("/api/v1/audit/me"));

        Assert.That(me.GetProperty("team").GetString(), Is.EqualTo("team-z"));
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("lead"));
    }

    [Test]
    public async Task Dashboard_Anonymous_ServesPageWithStrictContentSecurityPolicy()
    {
        using var response = await _host.Client(null).GetAsync("/dashboard/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("team audit"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task HealthReady_WithAuditStore_Healthy()
    {
        using var response = await _host.Client(null).GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Assess_HostileDraftRetriedThenOutcomeReported_OneRecordWithOutcome()
    {
        var agent = _host.Client(AuditTestHost.Agent("agent-5"));
        agent.DefaultRequestHeaders.Add(AuditRecorder.IdempotencyHeader, "task-pane-check-0001");
        var body = new { draft = Drafts.Hostile, conversationId = "AAQkADconversation" };

        using var first = await agent.PostAsync("/api/v1/assess", Drafts.Json(body));
        using var retry = await agent.PostAsync("/api/v1/assess", Drafts.Json(body));
        var level = (await Problems.JsonAsync(first)).GetProperty("level").GetString();
        Assume.That(level, Is.AnyOf("caution", "hold"), "the engine flags the hostile sample");
        var outcome = await Problems.JsonAsync(await agent.PostAsync("/api/v1/outcomes", Drafts.Json(new { checkId = "task-pane-check-0001", outcome = "used_rewrite", riskAtSend = 0.05 })));
        var records = await _host.Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.Agent("agent-5"));

        Assert.That(first.Headers.GetValues(AuditRecorder.CheckIdHeader).Single(), Is.EqualTo("task-pane-check-0001"));
        Assert.That(retry.Headers.GetValues(AuditRecorder.CheckIdHeader).Single(), Is.EqualTo("task-pane-check-0001"));
        Assert.That(records.Items, Has.Count.EqualTo(1));
        Assert.That(outcome.GetProperty("status").GetString(), Is.EqualTo("created"));
        var record = await _host.Store.GetAsync(records.Items[0].Id, AuditScope.All);
        Assert.That(record!.Outcome, Is.EqualTo(AuditOutcome.UsedRewrite));
        Assert.That(record.Improved, Is.True);
        Assert.That(record.Team, Is.EqualTo("team-a"));
        Assert.That(record.Spans, Is.Not.Empty);
        Assert.That(record.ConversationHash, Does.Match("^[0-9a-f]{32}$"), "a keyed hash of the conversation id, never the id itself");
        Assert.That(record.ConversationHash, Does.Not.Contain("conversation"));
    }

    [Test]
    public async Task Assess_PoliteDraft_NotRecordedAndNoCheckId()
    {
        using var response = await _host.Client(AuditTestHost.Agent("agent-6")).PostDraftAsync("/api/v1/assess", Drafts.Polite);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains(AuditRecorder.CheckIdHeader), Is.False);
        Assert.That((await _host.Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.Agent("agent-6"))).Items, Is.Empty);
    }

    [Test]
    public async Task Recorder_FlaggedResponse_RecordsSpansSentenceAndSuggestionOnceUnderTheClientsKey()
    {
        var recorder = _host.Factory.Services.GetRequiredService<AuditRecorder>();
        var response = FlaggedResponse();

        var first = await recorder.RecordAsync(Context("agent-7", "team-a", "client-key-0001"), AuditSource.Assess, response, "conversation-1", CancellationToken.None);
        var again = await recorder.RecordAsync(Context("agent-7", "team-a", "client-key-0001"), AuditSource.Assess, response, "conversation-1", CancellationToken.None);
        var page = await _host.Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.Agent("agent-7"));
        var record = await _host.Store.GetAsync(page.Items.Single().Id, AuditScope.All);

        Assert.That(first, Is.EqualTo("client-key-0001"));
        Assert.That(again, Is.EqualTo("client-key-0001"));
        Assert.That(record!.CheckId, Is.EqualTo("a:agent-7:client-key-0001"));
        Assert.That(record.Team, Is.EqualTo("team-a"));
        Assert.That(record.Level, Is.EqualTo(RiskLevel.Hold));
        Assert.That(record.Spans.Single().Text, Is.EqualTo("you are lying"));
        Assert.That(record.Spans.Single().Sentence, Is.Null, "spans only by default");
        Assert.That(record.Suggestions[0].Replacement, Is.EqualTo("there seems to be a mix-up"));
        Assert.That(record.Suggestions[0].SpanIndex, Is.Zero);
        Assert.That(record.ConversationHash, Is.Not.Null.And.Not.EqualTo("conversation-1"));
    }

    [Test]
    public async Task Recorder_OkResponse_RecordsNothing()
    {
        var recorder = _host.Factory.Services.GetRequiredService<AuditRecorder>();

        var id = await recorder.RecordAsync(Context("agent-7", "team-a", null), AuditSource.Assess, FlaggedResponse() with { Level = "ok", Risk = 0.1 }, null, CancellationToken.None);

        Assert.That(id, Is.Null);
        Assert.That((await _host.Store.ListAsync(new AuditQuery(new AuditFilter()), AuditScope.All)).Items, Is.Empty);
    }

    [Test]
    public async Task Recorder_StoreFails_FailsOpenWithoutThrowing()
    {
        var store = new FailingStore();
        var recent = new RecentFlags(store, Options.Create(new AuditOptions()), Options.Create(new RecentFlagsOptions()), _host.Time, NullLogger<RecentFlags>.Instance);
        var recorder = new AuditRecorder(store, Options.Create(new AuditOptions()), recent, _host.Time, NullLogger<AuditRecorder>.Instance);

        var id = await recorder.RecordAsync(Context("agent-7", "team-a", null), AuditSource.SendCheck, FlaggedResponse(), null, CancellationToken.None);

        Assert.That(id, Is.Null);
    }

    private DefaultHttpContext Context(string userId, string team, string? key)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Factory.Services };
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("oid", userId), new Claim("name", userId), new Claim("team", team), new Claim("roles", Hosting.Roles.Agent)], "test", "name", "roles"));
        if (key is not null)
        {
            context.Request.Headers[AuditRecorder.IdempotencyHeader] = key;
        }

        return context;
    }

    private static AssessResponse FlaggedResponse()
    {
        const string text = "Thanks for the photos. Honestly, you are lying about the calls. The part ships today.";
        var start = text.IndexOf("you are lying", StringComparison.Ordinal);
        var categories = ToneCategories.All.ToDictionary(ToneCategories.Name, c => c == ToneCategory.Blame ? 0.92 : 0.0);
        return new AssessResponse(
            "ok", "en", "text", 0.92, "hold", categories,
            [new SpanDto(start, 13, "you are lying", start, 13, "blame", "tells the customer they are not telling the truth", 0.9)],
            text,
            [new SuggestionDto("s1", 0, "blame", "tells the customer they are not telling the truth", "you are lying",
                "Honestly, there seems to be a mix-up about the calls.", "states the fact without accusing",
                [new EditDto(start, 13, "there seems to be a mix-up", start, 13, "there seems to be a mix-up")], 0.92, 0.1, "built_in")],
            null, null, new ThresholdsDto(0.5, 0.8), false, OmittedDto.None);
    }

    private sealed class FailingStore : IAuditStore
    {
        public Task<AuditWriteResult> RecordCheckAsync(AuditCheck check, CancellationToken cancellationToken = default) => throw new TimeoutException("the store is down");

        public Task<AuditWriteResult> RecordOutcomeAsync(AuditOutcomeReport report, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditPage> ListAsync(AuditQuery query, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditRecord?> GetAsync(long id, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditRecord?> ReviewAsync(long id, AuditReview review, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditRecord?> MarkFalsePositiveAsync(long id, AuditFalsePositive mark, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditAggregate>> AggregateAsync(AuditAggregateQuery query, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<AuditRecord> ExportAsync(AuditFilter filter, AuditScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditPurgeResult> PurgeAsync(AuditPurgeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
