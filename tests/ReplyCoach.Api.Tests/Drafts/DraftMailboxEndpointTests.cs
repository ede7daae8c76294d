using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Api.Tests.MailboxDrafts;

/// <summary>
/// The mailbox endpoints against the fake Graph server: real bearer tokens for the API, a real on-behalf-of
/// exchange at the fake token endpoint, the real Graph client and pipeline.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class DraftMailboxEndpointTests
{
    private const string AgentOid = "3b9f3c1e-1d5a-4b8e-9f27-5c2a7d6e8f10";
    private const string AgentAddress = "sam@contoso.example";
    private static readonly FakePerson Customer = new("mark@customer.example", "Mark");

    private FakeGraphServer _graph = null!;
    private ApiFactory _api = null!;
    private string _dataFolder = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _graph = await FakeGraphServer.StartAsync();
        _graph.AddMailbox(AgentAddress, AgentOid);
        _dataFolder = Path.Combine(Path.GetTempPath(), "replycoach-api-graph-tests", Guid.NewGuid().ToString("N"));
        _api = ApiFactory.WithFakeGraph(_graph, new Dictionary<string, string?>
        {
            ["ReplyCoach:DataFolder"] = _dataFolder,
            ["ReplyCoach:Graph:Resilience:MaxRetryAfter"] = "00:00:10",
        });
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _graph.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private HttpClient Agent() => _api.Client(TestTokens.Agent(AgentOid));

    private FakeMessage SeedThread(string draftText, string address = AgentAddress, string conversation = "conv-7")
    {
        var mailbox = _graph.Mailbox(address);
        mailbox.AddIncoming(conversation, Customer, "Nobody came on Monday. This is the third time I write!", DateTimeOffset.UtcNow.AddMinutes(-4));
        return mailbox.AddDraft(conversation, Customer, "<html><body><p>" + System.Net.WebUtility.HtmlEncode(draftText).Replace("\n", "<br>", StringComparison.Ordinal) + "</p></body></html>");
    }

    private static string Url(string id, string action) => $"/api/v1/drafts/{Uri.EscapeDataString(id)}/{action}";

    [Test]
    public async Task Review_HostileDraft_AssessedWithThreadContextAndTagged()
    {
        var draft = SeedThread(Drafts.Hostile);

        var response = await Agent().PostAsync(Url(draft.Id, "review"), null);

        var body = await Problems.JsonAsync(response);
        Assert.That(body.GetProperty("messageId").GetString(), Is.EqualTo(draft.Id));
        Assert.That(body.GetProperty("assessment").GetProperty("level").GetString(), Is.EqualTo("hold"));
        Assert.That(body.GetProperty("tagged").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("category").GetString(), Is.EqualTo("ReplyCoach: review tone"));
        var context = body.GetProperty("context");
        Assert.That(context.GetProperty("status").GetString(), Is.EqualTo("complete"));
        Assert.That(context.GetProperty("conversationId").GetString(), Is.EqualTo("conv-7"));
        Assert.That(context.GetProperty("replyDelayMinutes").GetDouble(), Is.InRange(3.5, 6));
        Assert.That(context.GetProperty("recipient").GetProperty("source").GetString(), Is.EqualTo("agent"), "the customer's own hours cannot be read");
        Assert.That(_graph.Mailbox(AgentAddress).Message(draft.Id).Categories, Is.EqualTo(new[] { "ReplyCoach: review tone" }));
        Assert.That(_graph.OnBehalfOfUsers, Is.EqualTo(new[] { AgentOid }), "Graph was called as the agent, by exchanging their token");
    }

    [Test]
    public async Task Review_AgentWithRecentFlags_LongerCoolingOffThanAFreshColleague()
    {
        const string colleagueOid = "8d2e4f6a-0b1c-4d3e-8f5a-6b7c8d9e0f1a";
        _graph.AddMailbox("kim@contoso.example", colleagueOid);
        var draft = SeedThread(Drafts.Hostile);
        var colleagueDraft = SeedThread(Drafts.Hostile, "kim@contoso.example", "conv-8");
        var store = _api.Services.GetRequiredService<IAuditStore>();
        var categories = ToneCategories.All.ToDictionary(c => c, c => c == ToneCategory.Hostility ? 0.9 : 0.1);
        for (var i = 0; i < 5; i++)
        {
            await store.RecordCheckAsync(new AuditCheck($"seed-{i}", AgentOid, null, null, DateTimeOffset.UtcNow.AddHours(-1), null, null, RiskLevel.Hold, 0.9,
                categories, [new AuditSpanInput(0, 4, ToneCategory.Hostility, "seeded")], [], AuditSource.SendCheck));
        }

        var busy = (await Problems.JsonAsync(await Agent().PostAsync(Url(draft.Id, "review"), null))).GetProperty("assessment").GetProperty("coolingOff");
        var fresh = (await Problems.JsonAsync(await _api.Client(TestTokens.Agent(colleagueOid)).PostAsync(Url(colleagueDraft.Id, "review"), null)))
            .GetProperty("assessment").GetProperty("coolingOff");

        Assert.That(busy.GetProperty("minutes").GetInt32(), Is.GreaterThan(fresh.GetProperty("minutes").GetInt32()));
        Assert.That(busy.GetProperty("advice").GetString(), Does.Contain("5 of your recent drafts were flagged"));
        Assert.That(fresh.GetProperty("advice").GetString(), Does.Not.Contain("recent drafts"));
    }

    [Test]
    public async Task Review_PoliteDraft_NotTagged()
    {
        var draft = SeedThread(Drafts.Polite);

        var body = await Problems.JsonAsync(await Agent().PostAsync(Url(draft.Id, "review"), null));

        Assert.That(body.GetProperty("assessment").GetProperty("level").GetString(), Is.EqualTo("ok"));
        Assert.That(body.GetProperty("tagged").GetBoolean(), Is.False);
        Assert.That(_graph.Mailbox(AgentAddress).Message(draft.Id).Categories, Is.Empty);
        Assert.That(_graph.Stats.Count(draft.Id, "PATCH"), Is.Zero);
    }

    [Test]
    public async Task Review_TagFalse_AssessesWithoutTagging()
    {
        var draft = SeedThread(Drafts.Hostile);

        var body = await Problems.JsonAsync(await Agent().PostAsJsonAsync(Url(draft.Id, "review"), new { tag = false }));

        Assert.That(body.GetProperty("assessment").GetProperty("level").GetString(), Is.Not.EqualTo("ok"));
        Assert.That(body.GetProperty("tagged").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Review_UnknownDraft_Returns404Problem()
    {
        var problem = await Problems.AssertProblemAsync(await Agent().PostAsync(Url("AAMkmissing=", "review"), null), HttpStatusCode.NotFound);

        Assert.That(problem.GetProperty("graphStatus").GetString(), Is.EqualTo("NotFound"));
    }

    [Test]
    public async Task Review_GraphThrottlesPastWhatWeWait_Returns429WithRetryAfter()
    {
        var draft = SeedThread(Drafts.Polite);
        _graph.Faults.Throttle(TimeSpan.FromMinutes(3), times: -1);

        var response = await Agent().PostAsync(Url(draft.Id, "review"), null);

        await Problems.AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(3)));
    }

    [Test]
    public async Task Review_WithoutToken_Returns401()
    {
        var response = await _api.Client(null).PostAsync(Url("x", "review"), null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_graph.Stats.Requests, Is.Zero);
    }

    [Test]
    public async Task Defer_Minutes_ExchangeHoldsTheDraftUntilThen()
    {
        var draft = SeedThread(Drafts.Hostile);
        var before = DateTimeOffset.UtcNow;

        var body = await Problems.JsonAsync(await Agent().PostAsJsonAsync(Url(draft.Id, "defer"), new { minutes = 15 }), HttpStatusCode.Accepted);

        var sendAt = body.GetProperty("sendAt").GetDateTimeOffset();
        Assert.That(sendAt, Is.InRange(before.AddMinutes(15).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(15).AddSeconds(1)));
        var held = _graph.Mailbox(AgentAddress).Message(draft.Id);
        Assert.That(held.Folder, Is.EqualTo(FakeFolders.Outbox));
        Assert.That(held.HeldUntil, Is.EqualTo(sendAt).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task DeleteDefer_Scheduled_BackInDraftsUnsent()
    {
        var draft = SeedThread(Drafts.Hostile);
        await Problems.JsonAsync(await Agent().PostAsync(Url(draft.Id, "defer"), null), HttpStatusCode.Accepted);

        var body = await Problems.JsonAsync(await Agent().DeleteAsync(Url(draft.Id, "defer")));

        Assert.That(body.GetProperty("cancelled").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("messageId").GetString(), Is.EqualTo(draft.Id));
        var message = _graph.Mailbox(AgentAddress).Message(draft.Id);
        Assert.That(message.Folder, Is.EqualTo(FakeFolders.Drafts));
        Assert.That(message.IsDraft, Is.True);
    }

    [Test]
    public async Task DeleteDefer_NothingScheduled_Returns409()
    {
        var draft = SeedThread(Drafts.Polite);

        await Problems.AssertProblemAsync(await Agent().DeleteAsync(Url(draft.Id, "defer")), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Defer_MinutesAndTime_Returns400()
    {
        var draft = SeedThread(Drafts.Polite);

        await Problems.AssertProblemAsync(
            await Agent().PostAsJsonAsync(Url(draft.Id, "defer"), new { minutes = 5, sendAt = DateTimeOffset.UtcNow.AddMinutes(5) }), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await Agent().PostAsJsonAsync(Url(draft.Id, "defer"), new { minutes = 100_000 }), HttpStatusCode.BadRequest);
        Assert.That(_graph.Stats.Count("/send"), Is.Zero);
    }
}

/// <summary>Without a tenant, the mailbox endpoints say so and everything else works.</summary>
public sealed class DraftMailboxWithoutGraphTests
{
    [TestCase("POST", "review")]
    [TestCase("POST", "defer")]
    [TestCase("DELETE", "defer")]
    public async Task Endpoint_NoTenantConfigured_Returns501ProblemSayingSo(string method, string action)
    {
        await using var api = new ApiFactory();
        var client = api.Client(TestTokens.Agent());

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/drafts/AAMk1/{action}"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotImplemented);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Microsoft Graph is not configured"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("ReplyCoach:Graph:TenantId"));
    }

    [Test]
    public async Task Assess_NoTenantConfigured_StillWorks()
    {
        await using var api = new ApiFactory();

        var response = await api.Client(TestTokens.Agent()).PostDraftAsync("/api/v1/assess", Drafts.Hostile);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
