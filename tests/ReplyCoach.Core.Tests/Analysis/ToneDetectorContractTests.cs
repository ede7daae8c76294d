using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using static ReplyCoach.Core.Tests.Analysis.DetectorTestKit;

namespace ReplyCoach.Core.Tests.Analysis;

/// <summary>What the rest of the engine relies on: offsets into the draft, the feature vector, safety.</summary>
public sealed class ToneDetectorContractTests
{
    private const string Draft = "Hi Sam, thanks for your message. You must have dropped it. Kind regards, Anna.";

    [Test]
    public void Detect_SentenceInsideDraft_OffsetsPointIntoTheDraftText()
    {
        var start = Draft.IndexOf("You must", StringComparison.Ordinal);
        var sentence = new Sentence(1, start, "You must have dropped it.".Length, "You must have dropped it.");

        var signals = new ToneDetector().Detect(Draft, sentence, null);

        var hit = signals.Hits.Single(h => h.Category == ToneCategory.Blame);
        Assert.That(hit.Start, Is.GreaterThanOrEqualTo(sentence.Start));
        Assert.That(hit.End, Is.LessThanOrEqualTo(sentence.End));
        Assert.That(Draft.Substring(hit.Start, hit.Length), Does.Contain("dropped"));
    }

    [Test]
    public void Detect_AnySentence_FeaturesAreBuiltFromHitsAndContext()
    {
        var signals = Detect("I understand you're upset, but you must have dropped it.");

        Assert.That(signals.Features, Has.Length.EqualTo(DetectorFeatures.Count));
        Assert.That(signals.Features, Is.EqualTo(DetectorFeatures.Build(signals.Hits, signals.Context)));
    }

    [Test]
    public void Detect_StrengthsAreWithinZeroAndOne()
    {
        var signals = Detect("You stupid f*cking idiot, we will sue you and you'll regret it!!!");

        Assert.That(signals.Hits, Is.Not.Empty);
        Assert.That(signals.Hits, Has.All.Matches<Evidence>(h => h!.Strength > 0 && h.Strength <= 1));
    }

    [Test]
    public void Detect_HitsOfOneCategory_DoNotOverlap()
    {
        const string text = "You are a stupid idiot, a complete moron.";
        var hits = Detect(text).Hits.Where(h => h.Category == ToneCategory.Hostility).OrderBy(h => h.Start).ToArray();

        for (var i = 1; i < hits.Length; i++)
        {
            Assert.That(hits[i].Start, Is.GreaterThanOrEqualTo(hits[i - 1].End), Describe(text, Detect(text)));
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("...")]
    [TestCase("—")]
    public void Detect_EmptyOrPunctuationOnly_ReturnsNothing(string text)
    {
        var signals = Detect(text);

        Assert.That(signals.Hits, Is.Empty);
        Assert.That(signals.Features, Has.Length.EqualTo(DetectorFeatures.Count));
    }

    [Test]
    public void Detect_VeryLongSentence_StillFindsTheInsultAtTheEnd()
    {
        var text = string.Concat(Enumerable.Repeat("the parcel was scanned at the depot and then ", 200)) + "you are an idiot.";

        AssertFinds(text, ToneCategory.Hostility, "idiot");
    }

    [Test]
    public void Detect_SentenceOffsetsOutsideDraft_FallsBackToTheSentenceText()
    {
        var sentence = new Sentence(0, 500, 11, "Shut up now");

        var signals = new ToneDetector().Detect("short draft", sentence, null);

        Assert.That(signals.Hits.Select(h => h.Category), Does.Contain(ToneCategory.Hostility));
    }

    [Test]
    public void Detect_NullArguments_Throw()
    {
        var detector = new ToneDetector();

        Assert.That(() => detector.Detect(null!, new Sentence(0, 0, 1, "x"), null), Throws.ArgumentNullException);
        Assert.That(() => detector.Detect("x", null!, null), Throws.ArgumentNullException);
    }

    [Test]
    public void Detect_ManyThreadsAtOnce_GiveTheSameAnswersAsOneThread()
    {
        string[] sentences =
        [
            "You must have dropped it.", "Thank you for your patience.", "People like you never read the manual.",
            "We will report you to your bank.", "I'm sorry my last reply was rude.", "What the f*ck is this?",
        ];
        var detector = new ToneDetector();
        var expected = sentences.Select(s => Describe(s, detector.Detect(s, new Sentence(0, 0, s.Length, s), null))).ToArray();

        var mismatches = 0;
        Parallel.For(0, 2000, i =>
        {
            var s = sentences[i % sentences.Length];
            var actual = Describe(s, detector.Detect(s, new Sentence(0, 0, s.Length, s), null));
            if (actual != expected[i % sentences.Length])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.That(mismatches, Is.EqualTo(0));
    }

    [Test]
    public void Detect_ThroughDraftAnalyzer_HostileSentenceReachesHoldWithoutModel()
    {
        var analyzer = new DraftAnalyzer(new DraftNormalizer(), new ToneDetector(), null, new AnalysisOptions());

        var assessment = analyzer.Analyze("Hi Sam,\n\nThanks for writing. You are an idiot for writing to us again.\n\nAnna", DraftFormat.Text);

        Assert.That(assessment.Level, Is.EqualTo(RiskLevel.Hold));
        Assert.That(assessment.Spans.Select(s => assessment.Draft.Text.Substring(s.Start, s.Length)), Has.Some.Contains("idiot"));
    }
}
