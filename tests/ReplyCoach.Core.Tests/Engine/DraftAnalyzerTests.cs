using System.ComponentModel.DataAnnotations;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Tests.Engine;

/// <summary>How the engine combines detector evidence and model output (with hand-written fakes of both layers).</summary>
public sealed class DraftAnalyzerTests
{
    private static readonly AnalysisOptions Options = new() { CautionThreshold = 0.5, HoldThreshold = 0.8, ModelOnlySpanThreshold = 0.5 };

    [TestCase(0.1f, 0.0)]
    [TestCase(0.3f, 0.3)]
    public void Analyze_NoEvidence_CategoryNamedOnlyFromTheCategoryFloor(float probability, double expectedThreat)
    {
        var draft = Draft("We will see about that.");
        var categories = new float[ToneCategories.Count];
        categories[(int)ToneCategory.Threat] = 0.9f;
        categories[(int)ToneCategory.Hostility] = 0.1f;
        var model = new FakeModel(_ => probability, categories);

        var assessment = Analyzer(new FakeDetector(), model).Analyze(draft);

        Assert.That(Options.ModelCategoryFloor, Is.EqualTo(0.15));
        Assert.That(assessment.Risk, Is.EqualTo(probability).Within(1e-6));
        Assert.That(assessment.Categories[ToneCategory.Threat], Is.EqualTo(expectedThreat).Within(1e-6));
        Assert.That(assessment.Categories.Values.Max(), Is.EqualTo(expectedThreat).Within(1e-6));
    }

    [Test]
    public void Analyze_ModelPresent_SentenceRiskIsModelProbabilityAndDraftRiskIsMax()
    {
        var draft = Draft("Thanks for writing.", "You must have dropped it.", "We will look into it.");
        var model = new FakeModel(s => s.Contains("dropped", StringComparison.Ordinal) ? 0.9f : 0.05f);
        var detector = new FakeDetector(("dropped it", ToneCategory.Blame, 0.8f));

        var assessment = Analyzer(detector, model).Analyze(draft);

        Assert.That(assessment.Sentences.Select(s => s.Risk), Is.EqualTo(new[] { 0.05, 0.9, 0.05 }).Within(1e-6));
        Assert.That(assessment.Risk, Is.EqualTo(0.9).Within(1e-6));
        Assert.That(assessment.Level, Is.EqualTo(RiskLevel.Hold));
        Assert.That(assessment.Categories[ToneCategory.Blame], Is.EqualTo(0.9).Within(1e-6));
        Assert.That(assessment.Categories[ToneCategory.Threat], Is.Zero);
    }

    [Test]
    public void Analyze_TwoCategoriesInOneSentence_ScoresProportionalToEvidenceStrength()
    {
        var draft = Draft("Clearly you broke it, idiot.");
        var detector = new FakeDetector(("broke it", ToneCategory.Blame, 0.4f), ("idiot", ToneCategory.Hostility, 0.8f));

        var assessment = Analyzer(detector, new FakeModel(_ => 0.6f)).Analyze(draft);

        Assert.That(assessment.Categories[ToneCategory.Hostility], Is.EqualTo(0.6).Within(1e-6));
        Assert.That(assessment.Categories[ToneCategory.Blame], Is.EqualTo(0.3).Within(1e-6));
        Assert.That(assessment.Level, Is.EqualTo(RiskLevel.Caution));
    }

    [Test]
    public void Analyze_EvidenceInSentenceBelowCaution_NotReportedAsSpan()
    {
        var draft = Draft("Obviously the parcel is late.", "You are an idiot for asking.");
        var detector = new FakeDetector(("Obviously", ToneCategory.Condescension, 0.3f), ("idiot", ToneCategory.Hostility, 0.95f));
        var model = new FakeModel(s => s.Contains("idiot", StringComparison.Ordinal) ? 0.97f : 0.2f);

        var assessment = Analyzer(detector, model).Analyze(draft);

        Assert.That(assessment.Spans, Has.Count.EqualTo(1));
        var span = assessment.Spans[0];
        Assert.That(draft.Text.Substring(span.Start, span.Length), Is.EqualTo("idiot"));
        Assert.That(assessment.Sentences[0].Hits, Has.Count.EqualTo(1), "the weak hit is still in the sentence detail");
    }

    [Test]
    public void Analyze_ModelFlagsSentenceNoPatternExplains_WholeSentenceSpanWithModelCategory()
    {
        var draft = Draft("We appreciate your business.", "Nobody here has time for your nonsense any more.");
        var categories = new float[ToneCategories.Count];
        categories[(int)ToneCategory.Dismissiveness] = 0.7f;
        categories[(int)ToneCategory.Hostility] = 0.35f;
        var model = new FakeModel(s => s.Contains("nonsense", StringComparison.Ordinal) ? 0.85f : 0.02f, categories);

        var assessment = Analyzer(new FakeDetector(), model).Analyze(draft);

        Assert.That(assessment.Spans, Has.Count.EqualTo(1));
        var span = assessment.Spans[0];
        Assert.That(span.Category, Is.EqualTo(ToneCategory.Dismissiveness));
        Assert.That(draft.Text.Substring(span.Start, span.Length), Is.EqualTo("Nobody here has time for your nonsense any more."));
        Assert.That(span.Reason, Does.Contain("refusing to engage"));
        Assert.That(assessment.Categories[ToneCategory.Dismissiveness], Is.EqualTo(0.85).Within(1e-6));
        Assert.That(assessment.Categories[ToneCategory.Hostility], Is.EqualTo(0.425).Within(1e-6));
    }

    [Test]
    public void Analyze_NoModel_RiskIsStrongestEvidence()
    {
        var draft = Draft("See you in court.");
        var detector = new FakeDetector(("See you in court", ToneCategory.Threat, 0.85f));

        var assessment = Analyzer(detector, model: null).Analyze(draft);

        Assert.That(assessment.Risk, Is.EqualTo(0.85).Within(1e-6));
        Assert.That(assessment.Level, Is.EqualTo(RiskLevel.Hold));
        Assert.That(assessment.Sentences[0].ModelProbability, Is.Null);
    }

    [TestCase(DraftStatus.Empty)]
    [TestCase(DraftStatus.UnsupportedLanguage)]
    public void Analyze_DraftNotAnalysable_OkWithNoScores(DraftStatus status)
    {
        var draft = new NormalizedDraft("Wir melden uns.", DraftFormat.Text, "Wir melden uns.", Enumerable.Range(0, 15).ToArray(),
            [new Sentence(0, 0, 15, "Wir melden uns.")], [], status, "de");

        var assessment = Analyzer(new FakeDetector(("melden", ToneCategory.Hostility, 1f)), new FakeModel(_ => 1f)).Analyze(draft);

        Assert.That(assessment.Level, Is.EqualTo(RiskLevel.Ok));
        Assert.That(assessment.Risk, Is.Zero);
        Assert.That(assessment.Spans, Is.Empty);
        Assert.That(assessment.Categories.Values, Has.All.Zero);
        Assert.That(assessment.Categories.Keys, Is.EquivalentTo(ToneCategories.All));
    }

    [Test]
    public void Analyze_IncomingNotGiven_QuotedMessageIsPassedToDetector()
    {
        var draft = new NormalizedDraft("x", DraftFormat.Text, "Noted.", new int[6], [new Sentence(0, 0, 6, "Noted.")],
            [new StrippedPart(StrippedKind.QuotedThread, "Your service is a scam.", new TextSpan(0, 1))], DraftStatus.Ok, "en");
        var detector = new FakeDetector();

        Analyzer(detector, null).Analyze(draft);

        Assert.That(detector.LastIncoming, Is.EqualTo("Your service is a scam."));
    }

    [TestCase(0.49, RiskLevel.Ok)]
    [TestCase(0.5, RiskLevel.Caution)]
    [TestCase(0.79, RiskLevel.Caution)]
    [TestCase(0.8, RiskLevel.Hold)]
    public void LevelFor_Thresholds_InclusiveLowerBounds(double risk, RiskLevel expected) =>
        Assert.That(Options.LevelFor(risk), Is.EqualTo(expected));

    [Test]
    public void Validate_HoldBelowCaution_Invalid()
    {
        var options = new AnalysisOptions { CautionThreshold = 0.7, HoldThreshold = 0.6 };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.That(valid, Is.False);
        Assert.That(results.Single().MemberNames, Does.Contain(nameof(AnalysisOptions.HoldThreshold)));
    }

    [Test]
    public void Validate_ThresholdOutOfRange_Invalid()
    {
        var options = new AnalysisOptions { CautionThreshold = 1.5, HoldThreshold = 2 };

        Assert.That(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true), Is.False);
    }

    [Test]
    public void Validate_NoSpansPerCategory_Invalid()
    {
        var options = new AnalysisOptions { MaxSpansPerCategory = 0 };

        Assert.That(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true), Is.False);
    }

    [Test]
    public void Analyze_StopAlreadyRequested_NothingScoredAndSaysSo()
    {
        var draft = Draft("You idiot.", "Thanks for writing.", "You moron.");
        var detector = new FakeDetector(("idiot", ToneCategory.Hostility, 0.9f), ("moron", ToneCategory.Hostility, 0.9f));

        var assessment = Analyzer(detector, new FakeModel(_ => 0.95f)).Analyze(draft, stop: new CancellationToken(canceled: true));

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Partial, Is.True);
            Assert.That(assessment.UnscoredSentences, Is.EqualTo(3));
            Assert.That(assessment.Sentences, Has.Count.EqualTo(3), "every sentence is still listed");
            Assert.That(assessment.Sentences.Select(s => s.Risk), Is.All.Zero);
            Assert.That(assessment.Spans, Is.Empty);
            Assert.That(assessment.Level, Is.EqualTo(RiskLevel.Ok));
        });
    }

    [Test]
    public void Analyze_StopRequestedAfterTwoSentences_KeepsWhatWasScored()
    {
        var draft = Draft("Thanks for writing.", "You idiot.", "We will look into it.", "You moron.", "Kind regards.");
        using var budget = new CancellationTokenSource();
        var detector = new StopAfter(2, budget, new FakeDetector(("idiot", ToneCategory.Hostility, 0.9f), ("moron", ToneCategory.Hostility, 0.9f)));

        var assessment = Analyzer(detector, new FakeModel(s => s.Contains("idiot", StringComparison.Ordinal) || s.Contains("moron", StringComparison.Ordinal) ? 0.9f : 0.05f))
            .Analyze(draft, stop: budget.Token);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.UnscoredSentences, Is.EqualTo(3));
            Assert.That(assessment.Partial, Is.True);
            Assert.That(assessment.Sentences.Select(s => s.Risk), Is.EqualTo(new[] { 0.05, 0.9, 0, 0, 0 }).Within(1e-6));
            Assert.That(assessment.Spans.Select(s => s.Start), Is.EqualTo(new[] { draft.Text.IndexOf("idiot", StringComparison.Ordinal) }));
            Assert.That(assessment.Level, Is.EqualTo(RiskLevel.Hold), "the best answer so far");
        });
    }

    [Test]
    public void Analyze_CompleteAnalysis_IsNotPartial()
    {
        var assessment = Analyzer(new FakeDetector(("idiot", ToneCategory.Hostility, 0.9f)), new FakeModel(_ => 0.9f)).Analyze(Draft("You idiot.", "Thanks."));

        Assert.That((assessment.Partial, assessment.UnscoredSentences, assessment.OmittedSpans), Is.EqualTo((false, 0, 0)));
    }

    [Test]
    public void Analyze_MoreSpansOfACategoryThanTheCap_KeepsTheStrongestInTextOrderAndCountsTheRest()
    {
        var draft = Draft("You idiot.", "You moron.", "You fool.", "You idiot again.", "You broke it.");
        var detector = new FakeDetector(
            ("idiot", ToneCategory.Hostility, 0.7f),
            ("moron", ToneCategory.Hostility, 0.9f),
            ("fool", ToneCategory.Hostility, 0.8f),
            ("broke it", ToneCategory.Blame, 0.6f));
        var options = new AnalysisOptions { CautionThreshold = 0.5, HoldThreshold = 0.8, MaxSpansPerCategory = 2 };

        var assessment = new DraftAnalyzer(new UnusedNormalizer(), detector, new FakeModel(_ => 0.9f), options).Analyze(draft);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Spans.Select(s => draft.Text.Substring(s.Start, s.Length)), Is.EqualTo(new[] { "moron", "fool", "broke it" }));
            Assert.That(assessment.OmittedSpans, Is.EqualTo(2));
            Assert.That(assessment.Categories[ToneCategory.Hostility], Is.EqualTo(0.9).Within(1e-6), "scores still count every sentence");
        });
    }

    [Test]
    public void Analyze_EquallyStrongSpansOverTheCap_KeepsTheEarliest()
    {
        var draft = Draft("You idiot.", "You idiot.", "You idiot.");
        var options = new AnalysisOptions { CautionThreshold = 0.5, HoldThreshold = 0.8, MaxSpansPerCategory = 1 };

        var assessment = new DraftAnalyzer(new UnusedNormalizer(), new FakeDetector(("idiot", ToneCategory.Hostility, 0.9f)), new FakeModel(_ => 0.9f), options)
            .Analyze(draft);

        Assert.That(assessment.Spans.Select(s => s.Start), Is.EqualTo(new[] { 4 }));
    }

    private static DraftAnalyzer Analyzer(ISentenceDetector detector, IToneModel? model) =>
        new(new UnusedNormalizer(), detector, model, Options);

    /// <summary>A draft of the given sentences separated by one space, mapped one-to-one onto itself.</summary>
    private static NormalizedDraft Draft(params string[] sentences)
    {
        var text = string.Join(' ', sentences);
        var list = new List<Sentence>();
        var at = 0;
        foreach (var s in sentences)
        {
            list.Add(new Sentence(list.Count, at, s.Length, s));
            at += s.Length + 1;
        }

        return new NormalizedDraft(text, DraftFormat.Text, text, Enumerable.Range(0, text.Length).ToArray(), list, [], DraftStatus.Ok, "en");
    }

    private sealed class FakeDetector(params (string Words, ToneCategory Category, float Strength)[] rules) : ISentenceDetector
    {
        public string? LastIncoming { get; private set; }

        public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming)
        {
            LastIncoming = incoming;
            var hits = new List<Evidence>();
            foreach (var (words, category, strength) in rules)
            {
                var at = sentence.Text.IndexOf(words, StringComparison.Ordinal);
                if (at >= 0)
                {
                    hits.Add(new Evidence(sentence.Start + at, words.Length, category, "because " + words, strength));
                }
            }

            return new SentenceSignals(hits, ContextFlags.None, DetectorFeatures.Build(hits, ContextFlags.None));
        }
    }

    /// <summary>Cancels the budget once it has examined <paramref name="sentences"/> sentences, then answers like <paramref name="inner"/>.</summary>
    private sealed class StopAfter(int sentences, CancellationTokenSource budget, ISentenceDetector inner) : ISentenceDetector
    {
        private int _seen;

        public SentenceSignals Detect(string draftText, Sentence sentence, string? incoming)
        {
            if (++_seen >= sentences)
            {
                budget.Cancel();
            }

            return inner.Detect(draftText, sentence, incoming);
        }
    }

    private sealed class FakeModel(Func<string, float> probability, float[]? categories = null) : IToneModel
    {
        public ToneModelOutput Predict(string sentence, float[] detectorFeatures)
        {
            Assert.That(detectorFeatures, Has.Length.EqualTo(DetectorFeatures.Count));
            return new ToneModelOutput(probability(sentence), categories);
        }
    }

    private sealed class UnusedNormalizer : IDraftNormalizer
    {
        public NormalizedDraft Normalize(string content, DraftFormat format = DraftFormat.Auto) => throw new NotSupportedException();

        public NormalizedDraft NormalizeEml(Stream message, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
