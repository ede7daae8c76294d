using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Api.Tests.SendCheck;

/// <summary>
/// The on-send check with Microsoft Graph configured, against the fake Graph server: real bearer tokens, a real
/// on-behalf-of exchange, the real Graph client, pipeline and thread-context service.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class SendCheckContextTests
{
    private const string AgentOid = "6c1e2d3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f";
    private const string AgentAddress = "sam@contoso.example";
    private const string Upset = "Nobody came on Monday. This is the third time I write and I am furious!!";
    private const string Calm = "Hello, could you tell me when the engineer will come? Thank you.";
    private static readonly FakePerson Customer = new("mark@customer.example", "Mark");

    private FakeGraphServer _graph = null!;
    private ApiFactory? _api;

    [SetUp]
    public async Task StartAsync()
    {
        _graph = await FakeGraphServer.StartAsync();
        _graph.AddMailbox(AgentAddress, AgentOid);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _graph.DisposeAsync();
    }

    // Generous budgets where the test is about what the context changes, not about time (the machine may be busy).
    private HttpClient Agent(int sendCheckBudgetMs = 4000, string contextBudget = "00:00:03")
    {
        _api = ApiFactory.WithFakeGraph(_graph, new Dictionary<string, string?>
        {
            ["ReplyCoach:Service:SendCheckBudgetMilliseconds"] = sendCheckBudgetMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReplyCoach:Graph:ThreadContext:OnSendBudget"] = contextBudget,
        });
        return _api.Client(TestTokens.Agent(AgentOid));
    }

    private static async Task<JsonElement> SendCheckAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsync("/api/v1/send-check", Drafts.Json(body));
        return await Problems.JsonAsync(response);
    }

    // The first read of a conversation may be cut off by the budget on a busy machine; it goes on into the cache,
    // so a repeat finds it (as the next check in Outlook would).
    private static async Task<JsonElement> SendCheckWithContextAsync(HttpClient client, object body)
    {
        JsonElement decision = default;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            decision = await SendCheckAsync(client, body);
            if (decision.TryGetProperty("context", out var context) && context.GetString() == "complete")
            {
                break;
            }
        }

        return decision;
    }

    // The same hostile draft checked without ids (no context) and in a conversation whose customer wrote at a given time.
    private async Task<(JsonElement Without, JsonElement With)> WithAndWithoutContextAsync(string text, DateTimeOffset receivedAt)
    {
        _graph.Mailbox(AgentAddress).AddIncoming("conv-1", Customer, text, receivedAt);
        var client = Agent();
        var without = await SendCheckAsync(client, new { draft = Drafts.Hostile });
        return (without, await SendCheckWithContextAsync(client, new { draft = Drafts.Hostile, conversationId = "conv-1" }));
    }

    [Test]
    public async Task SendCheck_UpsetIncomingAnsweredWithinAMinute_LongerDelayThanWithoutContext()
    {
        var (without, with) = await WithAndWithoutContextAsync(Upset, DateTimeOffset.UtcNow.AddSeconds(-30));

        Assert.Multiple(() =>
        {
            Assert.That(with.GetProperty("context").GetString(), Is.EqualTo("complete"));
            Assert.That(without.TryGetProperty("context", out _), Is.False, "no conversation or item id: no context asked for");
            Assert.That(with.GetProperty("action").GetString(), Is.EqualTo("prompt"));
            Assert.That(without.GetProperty("action").GetString(), Is.EqualTo("prompt"));
            Assert.That(with.GetProperty("suggestedDelayMinutes").GetInt32(), Is.GreaterThan(without.GetProperty("suggestedDelayMinutes").GetInt32()),
                "a fast answer to an upset customer waits longer");
            Assert.That(with.GetProperty("suggestedSendAt").GetDateTimeOffset(),
                Is.GreaterThanOrEqualTo(DateTimeOffset.UtcNow.AddMinutes(with.GetProperty("suggestedDelayMinutes").GetInt32()).AddMinutes(-1)));
        });
        Assert.That(_graph.OnBehalfOfUsers, Does.Contain(AgentOid), "Graph was called as the agent, by exchanging their token");
    }

    [Test]
    public async Task SendCheck_UpsetIncomingAnsweredHoursLater_SameDelayAsWithoutContext()
    {
        var (without, with) = await WithAndWithoutContextAsync(Upset, DateTimeOffset.UtcNow.AddHours(-3));

        Assert.That(with.GetProperty("context").GetString(), Is.EqualTo("complete"));
        Assert.That(with.GetProperty("suggestedDelayMinutes").GetInt32(), Is.EqualTo(without.GetProperty("suggestedDelayMinutes").GetInt32()),
            "only the reply speed changed, and an answer three hours later is not fast");
    }

    [Test]
    public async Task SendCheck_UpsetIncomingInTheRequest_ReachesTheCoolingOffAdvice()
    {
        // Graph knows when the customer wrote (a minute ago) but their message reads calm; the add-in sends the upset text.
        _graph.Mailbox(AgentAddress).AddIncoming("conv-calm", Customer, Calm, DateTimeOffset.UtcNow.AddMinutes(-1));
        var client = Agent();

        var calm = await SendCheckWithContextAsync(client, new { draft = Drafts.Hostile, conversationId = "conv-calm" });
        var upset = await SendCheckWithContextAsync(client, new { draft = Drafts.Hostile, conversationId = "conv-calm", incoming = Upset });

        Assert.That(calm.GetProperty("context").GetString(), Is.EqualTo("complete"));
        Assert.That(upset.GetProperty("context").GetString(), Is.EqualTo("complete"));
        Assert.That(upset.GetProperty("suggestedDelayMinutes").GetInt32(), Is.GreaterThan(calm.GetProperty("suggestedDelayMinutes").GetInt32()));
    }

    [Test]
    public async Task SendCheck_ItemIdWithoutConversationId_ReadsTheDraftsConversation()
    {
        var mailbox = _graph.Mailbox(AgentAddress);
        mailbox.AddIncoming("conv-item", Customer, Upset, DateTimeOffset.UtcNow.AddSeconds(-20));
        var draft = mailbox.AddDraft("conv-item", Customer, "<p>" + WebEncode(Drafts.Hostile) + "</p>");
        var client = Agent();

        var without = await SendCheckAsync(client, new { draft = Drafts.Hostile });
        var with = await SendCheckWithContextAsync(client, new { draft = Drafts.Hostile, itemId = draft.Id });

        Assert.That(with.GetProperty("context").GetString(), Is.EqualTo("complete"));
        Assert.That(with.GetProperty("suggestedDelayMinutes").GetInt32(), Is.GreaterThan(without.GetProperty("suggestedDelayMinutes").GetInt32()));
        Assert.That(_graph.Stats.Count(draft.Id, "GET"), Is.GreaterThan(0), "the draft was read for its conversation");
    }

    [Test]
    public async Task SendCheck_GraphHangs_AnswersWithinBudgetWithADecision()
    {
        _graph.Mailbox(AgentAddress).AddIncoming("conv-hang", Customer, Upset, DateTimeOffset.UtcNow.AddSeconds(-30));
        const int budgetMs = 3000;
        var client = Agent(budgetMs, "00:00:01.5");
        await SendCheckAsync(client, new { draft = Drafts.Polite }); // the engine is warm; Graph is not asked (no ids)
        _graph.Faults.Add(FaultKind.Hang, times: -1);

        var clock = Stopwatch.StartNew();
        var decision = await SendCheckAsync(client, new { draft = Drafts.Hostile, conversationId = "conv-hang" });
        clock.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(budgetMs) + TimeSpan.FromSeconds(2)));
            Assert.That(decision.GetProperty("context").GetString(), Is.EqualTo("timed_out"));
            Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"), "the draft was still scored, without context");
            Assert.That(decision.GetProperty("level").GetString(), Is.EqualTo("hold"));
            Assert.That(decision.GetProperty("suggestedDelayMinutes").GetInt32(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task SendCheck_GraphHangsWithDefaultBudgets_AnswersWithinTheCheckBudget()
    {
        var client = Agent(1500, "00:00:01.5");
        await SendCheckAsync(client, new { draft = Drafts.Polite });
        _graph.Faults.Add(FaultKind.Hang, times: -1);

        var clock = Stopwatch.StartNew();
        var decision = await SendCheckAsync(client, new { draft = Drafts.Hostile, conversationId = "conv-hang" });
        clock.Stop();

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(1500) + TimeSpan.FromSeconds(2)));
        Assert.That(decision.GetProperty("action").GetString(), Is.AnyOf("prompt", "allow"));
        Assert.That(decision.GetProperty("reason").GetString(), Is.Not.EqualTo("error"));
    }

    [Test]
    public async Task SendCheck_GraphFailing_ChecksWithoutContext()
    {
        _graph.Faults.Add(FaultKind.ServerError, times: -1);
        var client = Agent();

        var decision = await SendCheckAsync(client, new { draft = Drafts.Hostile, conversationId = "conv-broken" });

        Assert.That(decision.GetProperty("context").GetString(), Is.AnyOf("unavailable", "timed_out", "partial"));
        Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"));
    }

    [Test]
    public async Task SendCheck_NoIdsInTheRequest_GraphIsNotAsked()
    {
        var client = Agent();

        var decision = await SendCheckAsync(client, new { draft = Drafts.Hostile });

        Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"));
        Assert.That(decision.TryGetProperty("context", out _), Is.False);
        Assert.That(_graph.Stats.Requests, Is.Zero);
    }

    private static string WebEncode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);
}

/// <summary>Without a tenant the on-send check never asks for context, whatever the request carries.</summary>
public sealed class SendCheckWithoutGraphTests
{
    [Test]
    public async Task SendCheck_ConversationIdWithoutTenant_ScoresWithoutContext()
    {
        await using var api = new ApiFactory();

        using var response = await api.Client(TestTokens.Agent()).PostAsync("/api/v1/send-check",
            Drafts.Json(new { draft = Drafts.Hostile, conversationId = "conv-1", itemId = "AAMk1=" }));

        var decision = await Problems.JsonAsync(response);
        Assert.That(decision.GetProperty("action").GetString(), Is.EqualTo("prompt"));
        Assert.That(decision.TryGetProperty("context", out _), Is.False);
    }
}
