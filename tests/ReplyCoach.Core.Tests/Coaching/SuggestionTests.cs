using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Core.Tests.Coaching.Fakes;

namespace ReplyCoach.Core.Tests.Coaching;

public sealed class SuggestionTests
{
    private static readonly DraftAnalyzer Analyzer = TestEngine.Analyzer();
    private static readonly DraftCoach Coach = new(Analyzer);

    private static IEnumerable<TestCaseData> EveryCategory()
    {
        yield return Case(ToneCategory.Hostility, "Read the manual, you idiot.", "Read the manual.", "insult");
        yield return Case(ToneCategory.Hostility, "Are you blind? The button is on the left.", "Could you take another look?", "instead of questioning");
        yield return Case(ToneCategory.Hostility, "SEND ME THE RECEIPT NOW!!!", "Send me the receipt now.", "sentence case");
        yield return Case(ToneCategory.Blame, "You must have dropped the phone.", "It looks like the phone may have been dropped. Could you tell me a bit more about what happened?", "without accusing");
        yield return Case(ToneCategory.Blame, "You didn't read the instructions before installing it.", "It looks like the instructions may not have been read before installing it. Could you check this and let me know?", "without accusing");
        yield return Case(ToneCategory.Blame, "You are lying about the delivery of order 48213.", "Our records show something different about the delivery of order 48213. Could you send me any details you have, so I can compare them?", "liar");
        yield return Case(ToneCategory.Blame, "Stop pretending you followed the steps.", "You mentioned that you followed the steps. Could you walk me through the steps you took?", "at their word");
        yield return Case(ToneCategory.Generalization, "You people never read anything we send.", "Let's look at your case specifically.", "instead of a group");
        yield return Case(ToneCategory.Generalization, "Customers from that country always haggle over the price.", "Let's look at your case specifically.", "instead of a group");
        yield return Case(ToneCategory.Threat, "Pay the invoice by Friday or else.", "Please pay the invoice by Friday.", "without the threat");
        yield return Case(ToneCategory.Threat, "If you don't pay, we will sue you.", "If you don't pay, the next step would be to refer this to our legal team.", "next step");
        yield return Case(ToneCategory.Condescension, "As I already said, the refund takes 5 days.", "The refund takes 5 days.", "said before");
        yield return Case(ToneCategory.Condescension, "Did you even try restarting the router?", "Could you try restarting the router?", "plainly");
        yield return Case(ToneCategory.Condescension, "Obviously the warranty does not cover water damage.", "The warranty does not cover water damage.", "obvious");
        yield return Case(ToneCategory.Dismissiveness, "That is not my problem, talk to the billing team.", "I'm not able to help with this directly, but the billing team can help.", "who can help");
        yield return Case(ToneCategory.Dismissiveness, "This conversation is over.", "I'm not able to add anything further on this.", "politely");
        yield return Case(ToneCategory.Dismissiveness, "The refund was declined, deal with it.", "The refund was declined.", "brush-off");
        yield return Case(ToneCategory.Profanity, "What the hell did you do to the router?", "What did you do to the router?", "without swearing");
        yield return Case(ToneCategory.Profanity, "The damn parcel was delivered on 3 March.", "The parcel was delivered on 3 March.", "adjective");
    }

    private static TestCaseData Case(ToneCategory category, string draft, string expected, string rationale) =>
        new TestCaseData(category, draft, expected, rationale).SetName($"Coach_{category}_{Name(draft)}");

    private static string Name(string draft) => new(draft.Where(char.IsLetterOrDigit).Take(30).ToArray());

    [TestCaseSource(nameof(EveryCategory))]
    public void Coach_FlaggedSpan_OffersVerifiedRewordingWithRationale(ToneCategory category, string draft, string expected, string rationale)
    {
        var assessment = Analyzer.Analyze(draft, DraftFormat.Text);
        Assert.That(assessment.Spans.Select(s => s.Category), Does.Contain(category), "the detectors flag the draft for its category");

        var result = Coach.Coach(assessment);

        var span = result.Spans.First(s => s.Span.Category == category);
        Assert.That(span.Suggestions, Is.Not.Empty);
        var first = span.Suggestions[0];
        Assert.That(first.SentenceAfter, Does.StartWith(expected));
        Assert.That(first.Rationale, Does.Contain(rationale));
        Assert.That(first.RiskAfter, Is.LessThan(first.RiskBefore));
        Assert.That(first.Source, Is.EqualTo(RewriteSource.BuiltIn));
        Assert.That(Apply(draft, first.Edits, original: false), Does.StartWith(expected), "the edits on the normalised text give the suggestion");
        Assert.That(Apply(draft, first.Edits, original: true), Does.StartWith(expected), "the edits on the original give the suggestion");
    }

    [Test]
    public void Coach_EverySuggestion_LowersTheSentenceRiskAndNeverRepeats()
    {
        var draft = "Pay the invoice by Friday or else. You people never read anything we send. What the hell did you do to the router?";
        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text));

        Assert.That(result.Spans, Has.Count.EqualTo(3));
        foreach (var span in result.Spans)
        {
            Assert.That(span.Suggestions, Has.Count.InRange(1, 2));
            Assert.That(span.Suggestions.Select(s => s.SentenceAfter), Is.Unique);
            Assert.That(span.Suggestions, Has.All.Matches<Suggestion>(s => s!.RiskAfter < s.RiskBefore));
        }
    }

    [Test]
    public void Coach_SuggestionThatScoresWorse_IsDropped()
    {
        // This detector finds "the next step" more hostile than the threat it replaces.
        var spiteful = TestEngine.Analyzer(new SpitefulDetector(PhraseDetector.Default, "next step"));
        var coach = new DraftCoach(spiteful);

        var result = coach.Coach(spiteful.Analyze("If you don't pay, we will sue you.", DraftFormat.Text));

        // The only other rewordings lose the "don't" of the condition, so nothing is offered and nothing changes.
        Assert.That(result.Spans.Single().Suggestions, Is.Empty);
        Assert.That(result.Rewrite.Changed, Is.False);
        Assert.That(result.Unfixed, Has.Count.EqualTo(1));
    }

    [Test]
    public void Coach_SentenceThatCannotBeFixed_IsListedAsUnfixedAndLeftAlone()
    {
        // Every rewording the rules can make still contains the trigger, so none lowers the risk.
        var stubborn = TestEngine.Analyzer(new SpitefulDetector(PhraseDetector.Default, "order 48213"));
        var coach = new DraftCoach(stubborn);
        var draft = "You are lying about order 48213. Thanks for your patience.";

        var result = coach.Coach(stubborn.Analyze(draft, DraftFormat.Text));

        Assert.That(result.Unfixed, Is.Not.Empty);
        Assert.That(result.Unfixed.Select(e => draft.Substring(e.Start, e.Length)), Does.Contain("order 48213"));
        Assert.That(result.RemainingLevel, Is.EqualTo(RiskLevel.Hold));
        Assert.That(result.Rewrite.Sentences.Single().Fixed, Is.False);
        Assert.That(result.Rewrite.Content, Does.Contain("order 48213"));
    }

    [Test]
    public void Coach_RefusalWithInsult_StaysARefusal()
    {
        var result = Coach.Coach(Analyzer.Analyze("No, we will not refund you, idiot.", DraftFormat.Text));

        Assert.That(result.Rewrite.Text, Is.EqualTo("No, we will not refund you."));
        foreach (var suggestion in result.Spans.SelectMany(s => s.Suggestions))
        {
            Assert.That(suggestion.SentenceAfter, Does.Contain("not"), "a refusal must stay a refusal");
        }
    }

    [Test]
    public void Coach_WholeSentenceRefusal_IsNeverDropped()
    {
        // The model-only kind of evidence covers the whole sentence: its words are not exempt from the meaning check.
        var detector = new PhraseDetector((@"^.*$", ToneCategory.Dismissiveness, 0.8f));
        var analyzer = TestEngine.Analyzer(detector);
        var coach = new DraftCoach(analyzer);

        var result = coach.Coach(analyzer.Analyze("We cannot replace it.", DraftFormat.Text));

        Assert.That(result.Spans.Single().Suggestions, Has.None.Matches<Suggestion>(s => s!.SentenceAfter.Length == 0));
        Assert.That(result.Rewrite.Text, Is.EqualTo("We cannot replace it."));
        Assert.That(result.Unfixed, Has.Count.EqualTo(1));
    }

    [Test]
    public void Coach_OkDraft_HasNothingToSayAndNoEdits()
    {
        var draft = "Thanks for your message. Your refund of €20 was sent on 3 March.";
        var result = Coach.Coach(Analyzer.Analyze(draft, DraftFormat.Text));

        Assert.That(result.Spans, Is.Empty);
        Assert.That(result.Rewrite.Changed, Is.False);
        Assert.That(result.Rewrite.Content, Is.EqualTo(draft));
        Assert.That(result.RemainingLevel, Is.EqualTo(RiskLevel.Ok));
        Assert.That(result.Unfixed, Is.Empty);
    }

    internal static string Apply(string draft, IReadOnlyList<TextEdit> edits, bool original)
    {
        var text = draft;
        foreach (var edit in edits.OrderByDescending(e => original ? e.OriginalStart : e.Start))
        {
            text = original
                ? string.Concat(text.AsSpan(0, edit.OriginalStart), edit.OriginalReplacement, text.AsSpan(edit.OriginalStart + edit.OriginalLength))
                : string.Concat(text.AsSpan(0, edit.Start), edit.Replacement, text.AsSpan(edit.Start + edit.Length));
        }

        return text;
    }
}
