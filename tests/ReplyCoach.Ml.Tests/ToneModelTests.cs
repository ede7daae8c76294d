using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Ml.Tests;

/// <summary>The committed built-in model: it loads, it separates the obvious cases, and it is safe to share.</summary>
[TestFixture]
internal sealed class ToneModelTests
{
    private static readonly ToneDetector Detector = new();

    private static readonly string[] Sentences =
    [
        "Thank you for your patience, I have issued a full refund today.",
        "You are an idiot and I am sick of your stupid emails.",
        "You must have dropped the phone, that is not a manufacturing fault.",
        "I understand how frustrating this has been.",
        "People like you never read the manual.",
        "We are unable to offer a refund after 30 days, but I can arrange a repair.",
        "This conversation is over, do not contact us again.",
        "What the hell is wrong with you?",
        "Our Ramadan opening hours are listed below.",
        "I'm sorry my last reply was rude.",
    ];

    private static IToneModel Model => ToneModelLoader.LoadBuiltIn() ?? throw new InvalidOperationException("No built-in model is embedded.");

    private static ToneModelOutput Predict(IToneModel model, string sentence) =>
        model.Predict(sentence, Detector.Detect(sentence, new Sentence(0, 0, sentence.Length, sentence), null).Features);

    [Test]
    public void LoadBuiltIn_Embedded_ReturnsModel() => Assert.That(ToneModelLoader.LoadBuiltIn(), Is.Not.Null);

    [Test]
    public void LoadBuiltIn_CalledTwice_ReturnsTheSharedInstance() => Assert.That(ToneModelLoader.LoadBuiltIn(), Is.SameAs(ToneModelLoader.LoadBuiltIn()));

    [Test]
    public void LoadBuiltInUncached_FreshLoad_CompilesAScorerThatReproducesMlNet()
    {
        // What loading promises: the scorer is compiled and checked on the spot, and scores as ML.NET does. How long
        // that takes is measured by ModelLoadBenchmarks (tests/ReplyCoach.Benchmarks), not here.
        var loaded = (ToneModel)ToneModelLoader.LoadBuiltInUncached()!;
        var mlNet = (ToneModel)ToneModelLoader.LoadBuiltInUncached(compile: false)!;

        Assert.That(loaded, Is.Not.SameAs(ToneModelLoader.LoadBuiltIn()), "a fresh load, not the shared model");
        Assert.That(loaded.IsCompiled, Is.True, loaded.CompileFailure);
        Assert.That(mlNet.IsCompiled, Is.False);
        foreach (var sentence in Sentences)
        {
            var features = Detector.Detect(sentence, new Sentence(0, 0, sentence.Length, sentence), null).Features;
            var compiled = loaded.Predict(sentence, features);
            var reference = mlNet.Predict(sentence, features);
            Assert.That(compiled.Probability, Is.EqualTo(reference.Probability).Within(1e-5f), sentence);
            Assert.That(compiled.CategoryProbabilities, Is.EqualTo(reference.CategoryProbabilities).Within(1e-5f), sentence);
        }
    }

    [Test]
    public void Predict_ObviousInsultVersusPoliteSentence_InsultScoresClearlyHigher()
    {
        var insult = Predict(Model, "You are a useless idiot and I am sick of your stupid emails.").Probability;
        var polite = Predict(Model, "Thank you for your patience, I have issued a full refund today.").Probability;
        Assert.That(insult, Is.GreaterThan(0.8f));
        Assert.That(polite, Is.LessThan(0.2f));
        Assert.That(insult - polite, Is.GreaterThan(0.6f));
    }

    [Test]
    public void Predict_AnySentence_ReturnsCalibratedProbabilityAndSevenCategories()
    {
        var output = Predict(Model, "People like you never read the manual.");
        Assert.That(output.Probability, Is.InRange(0f, 1f));
        Assert.That(output.CategoryProbabilities, Has.Length.EqualTo(ToneCategories.Count));
        Assert.That(output.CategoryProbabilities!.Sum(), Is.EqualTo(1f).Within(1e-3f));
    }

    [Test]
    public void Predict_SplitEngines_MatchTheSavedChainRunWhole()
    {
        // On ML.NET, inference runs the chain as featuriser + heads; the numbers must be those of the chain as trained
        // and saved. (CompiledToneScorerTests compares the compiled scorer with these engines.)
        var model = (ToneModel)ToneModelLoader.LoadBuiltInUncached(compile: false)!;
        var inputs = Sentences.Select(s => new ReplyCoach.Ml.Pipeline.ToneInput
        {
            Text = ReplyCoach.Ml.Pipeline.ToneText.Prepare(s),
            DetectorFeatures = Detector.Detect(s, new Sentence(0, 0, s.Length, s), null).Features,
        }).ToList();
        var whole = model.Context.Data.CreateEnumerable<ReplyCoach.Ml.Pipeline.ToneScore>(
            model.Transformer.Transform(model.Context.Data.LoadFromEnumerable(inputs)), reuseRowObject: false).ToList();

        for (var i = 0; i < Sentences.Length; i++)
        {
            var split = model.Predict(Sentences[i], inputs[i].DetectorFeatures);
            Assert.That(split.Probability, Is.EqualTo(whole[i].Probability).Within(1e-6f), Sentences[i]);
            Assert.That(split.CategoryProbabilities, Is.EqualTo(whole[i].CategoryScores).Within(1e-6f), Sentences[i]);
        }
    }

    [TestCase(true, TestName = "Predict_BelowCategoryFloor_SkipsTheCategoryHeadButKeepsTheProbability(compiled)")]
    [TestCase(false, TestName = "Predict_BelowCategoryFloor_SkipsTheCategoryHeadButKeepsTheProbability(ML.NET engines)")]
    public void Predict_BelowCategoryFloor_SkipsTheCategoryHeadButKeepsTheProbability(bool compiled)
    {
        var model = compiled ? (ToneModel)Model : (ToneModel)ToneModelLoader.LoadBuiltInUncached(compile: false)!;
        const string sentence = "Thank you for your patience while we look into this.";
        var features = Detector.Detect(sentence, new Sentence(0, 0, sentence.Length, sentence), null).Features;
        var full = model.Predict(sentence, features);
        var skipped = model.Predict(sentence, features, full.Probability + 0.01f);
        var kept = model.Predict(sentence, features, full.Probability);

        Assert.That(model.IsSplit, Is.True);
        Assert.That(model.IsCompiled, Is.EqualTo(compiled));
        Assert.That(full.CategoryProbabilities, Has.Length.EqualTo(ToneCategories.Count));
        Assert.That(skipped.Probability, Is.EqualTo(full.Probability));
        Assert.That(skipped.CategoryProbabilities, Is.Null);
        Assert.That(kept.CategoryProbabilities, Is.EqualTo(full.CategoryProbabilities));
    }

    [Test]
    public void Predict_WrongFeatureCount_Throws() =>
        Assert.That(() => Model.Predict("Hello.", new float[3]), Throws.ArgumentException);

    [Test]
    public void Predict_ManyThreadsAtOnce_AgreesWithSequentialResults()
    {
        var model = ToneModelLoader.LoadBuiltInUncached()!;
        var features = Sentences.Select(s => Detector.Detect(s, new Sentence(0, 0, s.Length, s), null).Features).ToArray();
        var expected = Sentences.Select((s, i) => model.Predict(s, features[i])).ToArray();

        const int Calls = 4000;
        var actual = new ToneModelOutput[Calls];
        Parallel.For(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 16 }, k =>
        {
            var i = k % Sentences.Length;
            actual[k] = model.Predict(Sentences[i], features[i]);
        });

        for (var k = 0; k < Calls; k++)
        {
            var want = expected[k % Sentences.Length];
            Assert.That(actual[k].Probability, Is.EqualTo(want.Probability), $"call {k}");
            Assert.That(actual[k].CategoryProbabilities, Is.EqualTo(want.CategoryProbabilities), $"call {k}");
        }
    }

    [Test]
    public void Load_NotAModel_ThrowsInvalidDataException()
    {
        var path = Path.Combine(Path.GetTempPath(), "replycoach-not-a-model-" + Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllText(path, "not a zip");
        try
        {
            Assert.That(() => ToneModelLoader.Load(path), Throws.TypeOf<InvalidDataException>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Load_MissingFile_ThrowsFileNotFound() =>
        Assert.That(() => ToneModelLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-model.zip")), Throws.TypeOf<FileNotFoundException>());
}
