using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ReplyCoach.Graph.Decisions;
using ReplyCoach.TestKit.FakeGraph;

namespace ReplyCoach.Graph.Tests;

public sealed class DraftActionsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);

    private static FakeMessage Draft(GraphHarness harness) =>
        harness.Server.Mailbox(GraphHarness.Agent).AddDraft("conv-a", new FakePerson("mark@customer.example"), "<p>Hello</p>");

    [Test]
    public async Task TagAsync_FlaggedDraft_AddsCategoryAndKeepsOthers()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        harness.Server.Mailbox(GraphHarness.Agent).Touch(draft.Id, m => m.Categories.Add("Billing"));

        var result = await harness.Actions.TagAsync(GraphHarness.App, draft.Id);

        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(result.Value, Is.EqualTo(new TagResult(draft.Id, "ReplyCoach: review tone", AlreadyTagged: false)));
        Assert.That(harness.Server.Mailbox(GraphHarness.Agent).Message(draft.Id).Categories, Is.EqualTo(new[] { "Billing", "ReplyCoach: review tone" }));
        Assert.That(harness.Server.Stats.Count(draft.Id, "PATCH"), Is.EqualTo(1));
    }

    [Test]
    public async Task TagAsync_AlreadyTagged_ChangesNothing()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);
        await harness.Actions.TagAsync(GraphHarness.App, draft.Id, "Tone");

        var again = await harness.Actions.TagAsync(GraphHarness.App, draft.Id, "tone");

        Assert.That(again.Value!.AlreadyTagged, Is.True);
        Assert.That(harness.Server.Stats.Count(draft.Id, "PATCH"), Is.EqualTo(1));
        Assert.That(harness.Server.Mailbox(GraphHarness.Agent).Message(draft.Id).Categories, Is.EqualTo(new[] { "Tone" }));
    }

    [Test]
    public async Task TagAsync_CreateMasterCategory_CreatesItOncePerMailbox()
    {
        await using var harness = await GraphHarness.StartAsync(s => s["ReplyCoach:Graph:Decisions:CreateMasterCategory"] = "true");
        var first = Draft(harness);
        var second = Draft(harness);

        await harness.Actions.TagAsync(GraphHarness.App, first.Id);
        await harness.Actions.TagAsync(GraphHarness.App, second.Id);

        Assert.That(harness.Server.Mailbox(GraphHarness.Agent).MasterCategories, Is.EqualTo(new[] { "ReplyCoach: review tone" }));
        Assert.That(harness.Server.Stats.Count("/outlook/masterCategories", "POST"), Is.EqualTo(1));
        Assert.That(harness.Server.Stats.Count("/outlook/masterCategories", "GET"), Is.EqualTo(1));
    }

    [Test]
    public async Task TagAsync_UnknownMessage_ReturnsNotFound()
    {
        await using var harness = await GraphHarness.StartAsync();

        var result = await harness.Actions.TagAsync(GraphHarness.App, "AAMknothere=");

        Assert.That(result.Status, Is.EqualTo(GraphStatus.NotFound));
    }

    [Test]
    public async Task DeferSendAsync_Draft_SetsDeferredSendTimeAndSendsSoExchangeHoldsIt()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(clientTime: clock, serverTime: clock);
        var draft = Draft(harness);

        var result = await harness.Actions.DeferSendAsync(GraphHarness.App, draft.Id, Now.AddMinutes(10));

        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(result.Value, Is.EqualTo(new DeferredSend(draft.Id, Now.AddMinutes(10))));
        var held = harness.Server.Mailbox(GraphHarness.Agent).Message(draft.Id);
        Assert.That(held.ExtendedProperties[FakeGraphServer.DeferredSendProperty], Is.EqualTo("2025-03-03T10:10:00.000Z"));
        Assert.That(held.Folder, Is.EqualTo(FakeFolders.Outbox));
        Assert.That(held.HeldUntil, Is.EqualTo(Now.AddMinutes(10)));
        var patchBeforeSend = harness.Server.Stats.Log.ToList().FindIndex(r => r.Method == "PATCH") < harness.Server.Stats.Log.ToList().FindIndex(r => r.Path.EndsWith("/send", StringComparison.Ordinal));
        Assert.That(patchBeforeSend, Is.True, "the time is set before the send");
    }

    [Test]
    public async Task DeferSendAsync_TimeComes_ExchangeSendsIt()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(clientTime: clock, serverTime: clock);
        var draft = Draft(harness);
        await harness.Actions.DeferSendAsync(GraphHarness.App, draft.Id, Now.AddMinutes(10));

        clock.Advance(TimeSpan.FromMinutes(10));
        var cancel = await harness.Actions.CancelDeferredSendAsync(GraphHarness.App, draft.Id);

        var sent = harness.Server.Mailbox(GraphHarness.Agent).Message(draft.Id);
        Assert.That(sent.Folder, Is.EqualTo(FakeFolders.SentItems));
        Assert.That(sent.SentAt, Is.EqualTo(Now.AddMinutes(10)));
        Assert.That(cancel.Status, Is.EqualTo(GraphStatus.Conflict), "too late to cancel");
        Assert.That(cancel.Detail, Does.Contain("already sent"));
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(60 * 24 * 2)]
    public async Task DeferSendAsync_TimeOutOfBounds_ReturnsInvalidWithoutCallingGraph(int minutes)
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(clientTime: clock);
        var draft = Draft(harness);

        var result = await harness.Actions.DeferSendAsync(GraphHarness.App, draft.Id, Now.AddMinutes(minutes));

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Invalid));
        Assert.That(harness.Server.Stats.Requests, Is.Zero);
    }

    [Test]
    public async Task DeferSendAsync_AlreadySent_ReturnsConflict()
    {
        await using var harness = await GraphHarness.StartAsync();
        var sent = harness.Server.Mailbox(GraphHarness.Agent).AddSent("Done.", DateTimeOffset.UtcNow.AddMinutes(-3));

        var result = await harness.Actions.DeferSendAsync(GraphHarness.App, sent.Id, DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Conflict));
        Assert.That(harness.Server.Stats.Count("/send"), Is.Zero);
    }

    [Test]
    public async Task CancelDeferredSendAsync_Scheduled_MovesItBackToDraftsUnsent()
    {
        var clock = new FakeTimeProvider(Now);
        await using var harness = await GraphHarness.StartAsync(clientTime: clock, serverTime: clock);
        var draft = Draft(harness);
        await harness.Actions.DeferSendAsync(GraphHarness.App, draft.Id, Now.AddMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(4));

        var result = await harness.Actions.CancelDeferredSendAsync(GraphHarness.App, draft.Id);
        clock.Advance(TimeSpan.FromMinutes(30));
        await harness.Context.GetAsync(GraphHarness.App, draft.Id); // any request lets the fake Exchange release due sends

        Assert.That(result.IsOk, Is.True, result.Detail);
        Assert.That(result.Value, Is.EqualTo(new CancelledSend(draft.Id, MovedToDrafts: true)));
        var message = harness.Server.Mailbox(GraphHarness.Agent).Message(draft.Id);
        Assert.That(message.Folder, Is.EqualTo(FakeFolders.Drafts), "never sent, never deleted");
        Assert.That(message.IsDraft, Is.True);
        Assert.That(message.SendCount, Is.EqualTo(1));
        var deferred = DateTimeOffset.Parse(message.ExtendedProperties[FakeGraphServer.DeferredSendProperty], CultureInfo.InvariantCulture);
        Assert.That(deferred, Is.LessThanOrEqualTo(Now.AddMinutes(4)), "a later send by the agent goes out at once");
    }

    [Test]
    public async Task CancelDeferredSendAsync_NothingScheduled_ReturnsConflict()
    {
        await using var harness = await GraphHarness.StartAsync();
        var draft = Draft(harness);

        var result = await harness.Actions.CancelDeferredSendAsync(GraphHarness.App, draft.Id);

        Assert.That(result.Status, Is.EqualTo(GraphStatus.Conflict));
        Assert.That(result.Detail, Does.Contain("no scheduled send"));
    }

    [Test]
    public async Task CancelDeferredSendAsync_UnknownMessage_ReturnsNotFound()
    {
        await using var harness = await GraphHarness.StartAsync();

        var result = await harness.Actions.CancelDeferredSendAsync(GraphHarness.App, "AAMkgone=");

        Assert.That(result.Status, Is.EqualTo(GraphStatus.NotFound));
    }
}
