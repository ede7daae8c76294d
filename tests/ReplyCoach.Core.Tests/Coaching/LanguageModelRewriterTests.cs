using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.LanguageModel;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Core.Tests.Coaching.Fakes;

namespace ReplyCoach.Core.Tests.Coaching;

public sealed class LanguageModelRewriterTests
{
    private const string Draft = "Thanks for waiting. You must have dropped the phone, order 48213 is out of warranty.";
    private const string BuiltIn = "It looks like the phone may have been dropped, order 48213 is out of warranty. Could you tell me a bit more about what happened?";

    private static readonly DraftAnalyzer Analyzer = TestEngine.Analyzer();

    private static DraftCoach CoachWith(IChatClient client, TimeProvider? time = null) =>
        new(Analyzer, new CoachingOptions { LanguageModel = { Enabled = true, Timeout = TimeSpan.FromSeconds(5) } }, new ChatClientRewriter(client, "test-model"), timeProvider: time);

    private static Assessment Assess() => Analyzer.Analyze(Draft, DraftFormat.Text);

    [Test]
    public async Task CoachAsync_GoodModel_ItsVerifiedRewordingIsUsed()
    {
        var client = new ScriptedChatClient(_ => "\"Our records suggest the phone may have been damaged; order 48213 is out of warranty.\"");

        var result = await CoachWith(client).CoachAsync(Assess());

        Assert.That(result.Rewrite.Text, Is.EqualTo("Thanks for waiting. Our records suggest the phone may have been damaged; order 48213 is out of warranty."));
        Assert.That(result.Rewrite.Sentences.Single().Source, Is.EqualTo(RewriteSource.LanguageModel));
        Assert.That(result.Spans.Single().Suggestions[0].Source, Is.EqualTo(RewriteSource.LanguageModel));
        Assert.That(result.Notes, Is.Empty);
        Assert.That(client.Requests.Single()[0].Text, Does.Contain("Keep every number"));
        Assert.That(client.Requests.Single()[1].Text, Does.Contain("You must have dropped"));
    }

    [Test]
    public async Task CoachAsync_ModelReturnsWorseText_FallsBackToBuiltIn()
    {
        var client = new ScriptedChatClient(s => "You idiot, " + s);

        var result = await CoachWith(client).CoachAsync(Assess());

        Assert.That(result.Rewrite.Text, Is.EqualTo("Thanks for waiting. " + BuiltIn));
        Assert.That(result.Rewrite.Sentences.Single().Source, Is.EqualTo(RewriteSource.BuiltIn));
        Assert.That(result.Notes.Single(), Does.Contain("did not pass verification"));
    }

    [Test]
    public async Task CoachAsync_ModelDropsANumber_FallsBackToBuiltIn()
    {
        var client = new ScriptedChatClient(_ => "The phone may have been dropped, so the order is out of warranty.");

        var result = await CoachWith(client).CoachAsync(Assess());

        Assert.That(result.Rewrite.Text, Does.Contain("48213"));
        Assert.That(result.Rewrite.Text, Is.EqualTo("Thanks for waiting. " + BuiltIn));
        Assert.That(result.Notes.Single(), Does.Contain("did not pass verification"));
    }

    [Test]
    public async Task CoachAsync_ModelHangs_TimesOutWithTheCancellationTokenAndFallsBack()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
        var client = new HangingChatClient();

        var pending = CoachWith(client, time).CoachAsync(Assess());
        Assert.That(pending.IsCompleted, Is.False, "it waits for the model");
        time.Advance(TimeSpan.FromSeconds(6));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(() => client.SawCancellation, Is.True.After(5000, 10), "the model's call was cancelled, not abandoned");
        Assert.That(result.Rewrite.Text, Is.EqualTo("Thanks for waiting. " + BuiltIn));
        Assert.That(result.Notes.Single(), Does.Contain("did not answer within 5 s"));
    }

    [Test]
    public async Task CoachAsync_ModelThrows_FallsBackAndKeepsTheDraftOutOfTheNotes()
    {
        var result = await CoachWith(new ThrowingChatClient()).CoachAsync(Assess());

        Assert.That(result.Rewrite.Text, Is.EqualTo("Thanks for waiting. " + BuiltIn));
        Assert.That(result.Notes.Single(), Does.Contain("failed (HttpRequestException)"));
        Assert.That(result.Notes.Single(), Does.Not.Contain("draft text"));
    }

    [Test]
    public async Task CoachAsync_ModelDropsARefusal_FallsBackToBuiltIn()
    {
        var client = new ScriptedChatClient(_ => "We will happily refund you.");
        var analyzer = Analyzer;
        var coach = new DraftCoach(analyzer, languageModel: new ChatClientRewriter(client));

        var result = await coach.CoachAsync(analyzer.Analyze("No, we will not refund you, idiot.", DraftFormat.Text));

        Assert.That(result.Rewrite.Text, Is.EqualTo("No, we will not refund you."));
        Assert.That(result.Notes.Single(), Does.Contain("did not pass verification"));
    }

    [Test]
    public async Task CoachAsync_CallerCancels_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var pending = CoachWith(new HangingChatClient()).CoachAsync(Assess(), cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase("Reworded sentence: Please check the cable.", "Please check the cable.")]
    [TestCase("\"Please check the cable.\"\nI removed the insult.", "Please check the cable.")]
    [TestCase("   ", null)]
    public void Clean_ModelAnswer_KeepsTheSentenceOnly(string answer, string? expected)
    {
        Assert.That(ChatClientRewriter.Clean(answer), Is.EqualTo(expected));
    }
}
