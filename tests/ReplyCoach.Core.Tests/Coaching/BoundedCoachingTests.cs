using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.LanguageModel;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Core.Tests.Coaching.Fakes;

namespace ReplyCoach.Core.Tests.Coaching;

/// <summary>
/// The work per draft is bounded: at most so many sentences coached and suggestions offered, and a budget that stops
/// coaching with the best result so far. Ordinary drafts never meet any of it.
/// </summary>
public sealed class BoundedCoachingTests
{
    private static readonly DraftAnalyzer Analyzer = TestEngine.Analyzer();

    // Five flagged sentences; without a model a sentence's risk is its strongest phrase (PhraseDetector.Default).
    private const string FiveFlagged =
        "Read the manual, you idiot. Obviously the warranty does not cover water damage. What is wrong with you? " +
        "The refund was declined, deal with it. Did you even try restarting the router?";

    [Test]
    public void Coach_MoreFlaggedSentencesThanTheCap_CoachesTheRiskiestAndReportsTheRest()
    {
        var coach = new DraftCoach(Analyzer, new CoachingOptions { MaxCoachedSentences = 2 });
        var assessment = Analyzer.Analyze(FiveFlagged, DraftFormat.Text);
        Assert.That(assessment.Sentences.Count(s => s.Risk >= Analyzer.Options.CautionThreshold), Is.EqualTo(5), "the draft must have five flagged sentences");

        var result = coach.Coach(assessment);

        Assert.Multiple(() =>
        {
            Assert.That(result.Rewrite.Sentences.Select(s => s.SentenceIndex), Is.EqualTo(new[] { 0, 2 }), "the two riskiest (0.9 and 0.85)");
            Assert.That(result.UncoachedSentences, Is.EqualTo(3));
            Assert.That(result.Partial, Is.False);
            Assert.That(result.Spans.Select(s => s.SentenceIndex), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }), "every span is still reported");
            Assert.That(result.Spans.Where(s => s.SentenceIndex is 1 or 3 or 4).SelectMany(s => s.Suggestions), Is.Empty);
            Assert.That(result.Spans.Where(s => s.SentenceIndex is 0 or 2).SelectMany(s => s.Suggestions), Is.Not.Empty);
            Assert.That(result.Unfixed.Select(e => assessment.Draft.Text.Substring(e.Start, e.Length)), Is.SupersetOf(new[] { "Obviously", "deal with it", "Did you even" }));
            Assert.That(result.Rewrite.Content, Does.Contain("Obviously the warranty").And.Not.Contain("idiot"));
        });
    }

    [Test]
    public void Coach_SuggestionCapReached_LaterSpansGetNoneAndAreCounted()
    {
        var coach = new DraftCoach(Analyzer, new CoachingOptions { MaxSuggestions = 1, MaxSuggestionsPerSpan = 2 });
        var assessment = Analyzer.Analyze("Read the manual, you idiot. The refund was declined, deal with it. What the hell did you do to the router?", DraftFormat.Text);

        var result = coach.Coach(assessment);

        Assert.Multiple(() =>
        {
            Assert.That(result.Spans, Has.Count.EqualTo(3));
            Assert.That(result.Spans.Sum(s => s.Suggestions.Count), Is.EqualTo(1));
            Assert.That(result.Spans[0].Suggestions, Has.Count.EqualTo(1));
            Assert.That(result.SpansWithoutSuggestions, Is.EqualTo(2));
            Assert.That(result.Rewrite.Sentences, Has.Count.EqualTo(3), "the rewrite still rewords every coached sentence");
        });
    }

    [Test]
    public void Coach_StopAlreadyRequested_ReportsTheSpansUnchangedAndPartial()
    {
        var coach = new DraftCoach(Analyzer);
        var assessment = Analyzer.Analyze(FiveFlagged, DraftFormat.Text);

        var result = coach.Coach(assessment, stop: new CancellationToken(canceled: true));

        Assert.Multiple(() =>
        {
            Assert.That(result.Partial, Is.True);
            Assert.That(result.UncoachedSentences, Is.EqualTo(5));
            Assert.That(result.Rewrite.Changed, Is.False);
            Assert.That(result.Rewrite.Content, Is.EqualTo(FiveFlagged));
            Assert.That(result.Spans, Has.Count.EqualTo(assessment.Spans.Count));
            Assert.That(result.Spans.SelectMany(s => s.Suggestions), Is.Empty);
            Assert.That(result.Unfixed, Is.EqualTo(assessment.Spans));
            Assert.That(result.RemainingRisk, Is.EqualTo(assessment.Risk));
        });
    }

    [Test]
    public void Coach_OrdinaryHostileDraft_NothingLeftOut()
    {
        var result = new DraftCoach(Analyzer).Coach(Analyzer.Analyze(FiveFlagged, DraftFormat.Text));

        Assert.That((result.Partial, result.UncoachedSentences, result.SpansWithoutSuggestions), Is.EqualTo((false, 0, 0)));
        Assert.That(result.Rewrite.Sentences, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task ProposeAsync_MoreFlaggedSentencesThanTheCap_AsksOnlyForTheCoachedOnes()
    {
        var client = new ScriptedChatClient(sentence => sentence);
        var coach = new DraftCoach(Analyzer, new CoachingOptions { MaxCoachedSentences = 2 }, languageModel: new ChatClientRewriter(client));
        var assessment = Analyzer.Analyze(FiveFlagged, DraftFormat.Text);

        var rewordings = await coach.ProposeAsync(assessment);

        Assert.That(client.Requests, Has.Count.EqualTo(2));
        Assert.That(rewordings.Proposals.Keys, Is.EquivalentTo(new[] { 0, 2 }));
    }

    [Test]
    public void Validate_NoCoachedSentences_Invalid()
    {
        var error = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() =>
            CoachingOptions.EnsureValid(new CoachingOptions { MaxCoachedSentences = 0 }));
        Assert.That(error!.Message, Does.Contain(nameof(CoachingOptions.MaxCoachedSentences)));
    }
}
