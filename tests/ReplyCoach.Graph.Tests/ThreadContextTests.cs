using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReplyCoach.Graph.Context;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

public sealed class ThreadContextTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);

    // Only against a hang of the test itself: with the fake clock standing still, nothing here waits on real time.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static (FakeMessage Draft, FakeMessage Latest) SeedConversation(GraphHarness harness, FakePerson customer, string conversation = "conv-1")
    {
        var agent = harness.Server.Mailbox(GraphHarness.Agent);
        agent.AddIncoming(conversation, customer, "My dishwasher arrived broken.", Now.AddHours(-30));
        agent.AddSent("We are sorry to hear that; an engineer will call.", Now.AddHours(-29), conversation, customer);
        var latest = agent.AddIncoming(conversation, customer, "Nobody called. This is the third time I write!", Now.AddHours(-2));
        agent.AddIncoming("other-conv", new FakePerson("someone@example.net"), "Unrelated", Now.AddMinutes(-5));
        var draft = agent.AddDraft(conversation, customer, "<p>Hi Mark, I have rebooked the engineer for Monday.</p>");
        return (draft, latest);
    }

    [Test]
    public async Task GetAsync_DraftInConversation_ReturnsDraftLatestCustomerMessageAndSchedule()
    {
        await using var harness = await GraphHarness.StartAsync();
        var (draft, latest) = SeedConversation(harness, new FakePerson(GraphHarness.Colleague, "A colleague"));

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.IsOk, Is.True, result.Detail);
        var context = result.Value!;
        Assert.That(context.Status, Is.EqualTo(ThreadContextStatus.Complete));
        Assert.That(context.Draft!.Id, Is.EqualTo(draft.Id));
        Assert.That(context.Draft.ConversationId, Is.EqualTo("conv-1"));
        Assert.That(context.Draft.Body, Does.Contain("rebooked the engineer"));
        Assert.That(context.Draft.IsHtml, Is.True);
        Assert.That(context.Draft.To.Select(p => p.Address), Is.EqualTo(new[] { GraphHarness.Colleague }));
        Assert.That(context.Conversation!.LatestIncoming!.Id, Is.EqualTo(latest.Id));
        Assert.That(context.IncomingText, Is.EqualTo("Nobody called. This is the third time I write!"), "the customer's text, converted by Graph");
        Assert.That(context.IncomingReceivedAt, Is.EqualTo(Now.AddHours(-2)));
        Assert.That(context.ReplyDelay(Now), Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(context.Recipient!.Source, Is.EqualTo(ScheduleSource.Recipient));
        Assert.That(context.Recipient.TimeZone, Is.EqualTo("Pacific Standard Time"));
        Assert.That(context.Recipient.WorkingHoursStart, Is.EqualTo(new TimeOnly(9, 0)));
        Assert.That(context.Recipient.WorkingHoursEnd, Is.EqualTo(new TimeOnly(18, 0)));
        Assert.That(context.Recipient.WorkingDays, Has.Count.EqualTo(5).And.Contains(DayOfWeek.Monday));
    }

    [Test]
    public async Task GetAsync_ExternalRecipient_FallsBackToAgentsOwnSchedule()
    {
        await using var harness = await GraphHarness.StartAsync();
        var (draft, _) = SeedConversation(harness, new FakePerson("mark@customer.example", "Mark"));

        var result = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(result.Value!.Status, Is.EqualTo(ThreadContextStatus.Complete));
        Assert.That(result.Value.Recipient!.Source, Is.EqualTo(ScheduleSource.Agent));
        Assert.That(result.Value.Recipient.Address, Is.EqualTo(GraphHarness.Agent));
        Assert.That(result.Value.Recipient.TimeZone, Is.EqualTo("W. Europe Standard Time"));
    }

    [Test]
    public async Task GetAsync_UnknownDraft_ReturnsNotFound()
    {
        await using var harness = await GraphHarness.StartAsync();

        var result = await harness.Context.GetAsync(GraphHarness.App, "AAMkdoesnotexist=");

        Assert.That(result.Status, Is.EqualTo(GraphStatus.NotFound));
        Assert.That(result.Value, Is.Null);
    }

    [Test]
    public async Task GetAsync_SameConversationTwice_ReadsConversationOnce()
    {
        await using var harness = await GraphHarness.StartAsync();
        var (draft, _) = SeedConversation(harness, new FakePerson(GraphHarness.Colleague));

        await harness.Context.GetAsync(GraphHarness.App, draft.Id);
        var second = await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(second.Value!.Status, Is.EqualTo(ThreadContextStatus.Complete));
        Assert.That(harness.Server.Stats.Count("/messages", "GET") - harness.Server.Stats.Count("/messages/", "GET"), Is.EqualTo(1), "the conversation list was read once");
        Assert.That(harness.Server.Stats.Count("/mailboxSettings"), Is.EqualTo(1));
        Assert.That(harness.Server.Stats.Count("/messages/" + draft.Id), Is.EqualTo(2), "the draft itself is read every time");
    }

    [Test]
    public async Task GetAsync_AfterCacheDuration_ReadsConversationAgain()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:ThreadContext:CacheDuration"] = "00:02:00", clientTime: clock);
        var (draft, _) = SeedConversation(harness, new FakePerson(GraphHarness.Colleague));

        await harness.Context.GetAsync(GraphHarness.App, draft.Id);
        clock.Advance(TimeSpan.FromSeconds(119));
        await harness.Context.GetAsync(GraphHarness.App, draft.Id);
        var readsWithinDuration = harness.Server.Stats.Count("/mailboxSettings");
        clock.Advance(TimeSpan.FromSeconds(2));
        await harness.Context.GetAsync(GraphHarness.App, draft.Id);

        Assert.That(readsWithinDuration, Is.EqualTo(1));
        Assert.That(harness.Server.Stats.Count("/mailboxSettings"), Is.EqualTo(2));
    }

    [Test]
    public async Task GetForSendAsync_GraphHangs_AnswersWithinBudgetWithoutContext()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:ThreadContext:OnSendBudget"] = "00:00:01.5", clientTime: clock);
        SeedConversation(harness, new FakePerson(GraphHarness.Colleague));
        harness.Server.Faults.Add(FaultKind.Hang, times: -1);

        var answer = harness.Context.GetForSendAsync(GraphHarness.App, new SendContextRequest("conv-1", RecipientAddress: GraphHarness.Colleague));
        clock.Advance(TimeSpan.FromMilliseconds(1499));
        var answeredBeforeBudget = answer.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var context = await answer.WaitAsync(HangGuard);

        // The budget, not the hang, decides: no answer a moment before it is spent, the answer once it is.
        Assert.That(answeredBeforeBudget, Is.False);
        Assert.That(context.Status, Is.EqualTo(ThreadContextStatus.TimedOut));
        Assert.That(context.Failure!.Status, Is.EqualTo(GraphStatus.Timeout));
        Assert.That(context.IncomingText, Is.Null);
    }

    [Test]
    public async Task GetForSendAsync_DraftLookupHangs_AnswersWithinBudget()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:ThreadContext:OnSendBudget"] = "00:00:00.5", clientTime: clock);
        var (draft, _) = SeedConversation(harness, new FakePerson(GraphHarness.Colleague));
        harness.Server.Faults.Add(FaultKind.Hang, times: -1);

        var answer = harness.Context.GetForSendAsync(GraphHarness.App, new SendContextRequest(null, DraftId: draft.Id));
        clock.Advance(TimeSpan.FromMilliseconds(499));
        var answeredBeforeBudget = answer.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var context = await answer.WaitAsync(HangGuard);

        Assert.That(answeredBeforeBudget, Is.False);
        Assert.That(context.Status, Is.EqualTo(ThreadContextStatus.TimedOut));
    }

    [Test]
    public async Task GetForSendAsync_SettingsSlow_ReturnsPartialContextThenCompleteFromCache()
    {
        // Real time: the fake server's delays run on it. Nothing is asserted about how long anything took.
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:ThreadContext:OnSendBudget"] = "00:00:00.8");
        SeedConversation(harness, new FakePerson(GraphHarness.Colleague));
        harness.Server.Faults.Add(FaultKind.Delay, r => r.Path.EndsWith("/mailboxSettings", StringComparison.Ordinal), delay: TimeSpan.FromSeconds(1.5));
        var request = new SendContextRequest("conv-1", RecipientAddress: GraphHarness.Colleague);

        var first = await harness.Context.GetForSendAsync(GraphHarness.App, request);
        // The cut-off read goes on in the background until the server answers it.
        await ResilienceTests.WaitUntilAsync(() => harness.Server.Stats.Count("/mailboxSettings") == 1);
        var requestsBefore = harness.Server.Stats.Requests;
        var second = await harness.Context.GetForSendAsync(GraphHarness.App, request);

        Assert.That(first.Status, Is.EqualTo(ThreadContextStatus.Partial));
        Assert.That(first.IncomingText, Does.Contain("third time"), "the part read in time is used");
        Assert.That(first.Recipient, Is.Null);
        Assert.That(second.Status, Is.EqualTo(ThreadContextStatus.Complete));
        Assert.That(second.Recipient!.TimeZone, Is.EqualTo("Pacific Standard Time"));
        Assert.That(harness.Server.Stats.Requests, Is.EqualTo(requestsBefore), "answered from the cache");
    }

    [Test]
    public async Task GetForSendAsync_NewMessageWithoutConversation_ReturnsEmptyContextAtOnce()
    {
        await using var harness = await GraphHarness.StartAsync();

        var context = await harness.Context.GetForSendAsync(GraphHarness.App, new SendContextRequest(null));

        Assert.That(context.Status, Is.EqualTo(ThreadContextStatus.Complete));
        Assert.That(context.Conversation, Is.Null);
        Assert.That(harness.Server.Stats.Requests, Is.Zero);
    }

    [Test]
    public async Task GetForSendAsync_FailedRead_IsNotCached()
    {
        await using var harness = await GraphHarness.StartAsync();
        SeedConversation(harness, new FakePerson(GraphHarness.Colleague));
        harness.Server.Faults.Add(FaultKind.ServerError, r => r.Path.EndsWith("/messages", StringComparison.Ordinal), times: 5);
        var request = new SendContextRequest("conv-1", RecipientAddress: GraphHarness.Colleague);

        var first = await harness.Context.GetForSendAsync(GraphHarness.App, request);
        var second = await harness.Context.GetForSendAsync(GraphHarness.App, request);

        Assert.That(first.Status, Is.EqualTo(ThreadContextStatus.Partial));
        Assert.That(first.Failure!.Status, Is.EqualTo(GraphStatus.Unavailable));
        Assert.That(second.Status, Is.EqualTo(ThreadContextStatus.Complete));
    }
}
