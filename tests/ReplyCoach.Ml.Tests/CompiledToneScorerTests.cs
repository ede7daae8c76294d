using Microsoft.ML;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml.Pipeline;
using ReplyCoach.Training.Data;

namespace ReplyCoach.Ml.Tests;

/// <summary>
/// The compiled scorer against ML.NET: the built-in model is compiled, and on every sentence of the project's corpus
/// (and on text made to stress the hashing) it gives ML.NET's feature vector, probability and category scores.
/// </summary>
[TestFixture]
internal sealed class CompiledToneScorerTests
{
    private const float Tolerance = 1e-5f;
    private static readonly ToneDetector Detector = new();

    private static ToneModel Compiled => (ToneModel)(ToneModelLoader.LoadBuiltIn() ?? throw new InvalidOperationException("No built-in model is embedded."));

    private static ToneModel MlNetOnly => (ToneModel)ToneModelLoader.LoadBuiltInUncached(compile: false)!;

    private static float[] FeaturesOf(string sentence) => Detector.Detect(sentence, new Sentence(0, 0, sentence.Length, sentence), null).Features;

    /// <summary>Every sentence of the corpus, plus forms that stress tokenising and hashing.</summary>
    private static IEnumerable<string> Texts()
    {
        var corpus = File.ReadLines(RepoPaths.FromRoot(RepoPaths.CorpusTrain)).Concat(File.ReadLines(RepoPaths.FromRoot(RepoPaths.CorpusHeldout)))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 2 && fields[0] != "id")
            .Select(fields => fields[1])
            .ToList();
        foreach (var sentence in corpus)
        {
            yield return sentence;
        }

        yield return "";
        yield return "!";
        yield return "a";
        yield return "Ça ne va pas, Señor Müller — «nein»!";
        yield return "Why???!!! 😡😡 Stop. It. Now. \u4f60\u597d \u0416\u0443\u0440\u043d\u0430\u043b";
        yield return "Order #4471 (ref: AB-12/cd) costs $1,299.00 – see https://example.com/a?b=c&d=e.";
        yield return string.Join(' ', corpus.Take(40)); // a long "sentence": the pooled-buffer path
    }

    [Test]
    public void BuiltInModel_IsCompiled()
    {
        Assert.That(Compiled.IsCompiled, Is.True, Compiled.CompileFailure);
        Assert.That(Compiled.CompileFailure, Is.Null);
    }

    [Test]
    public void Predict_CorpusAndStressTexts_MatchesMlNet()
    {
        var mlNet = MlNetOnly;
        Assert.That(mlNet.IsCompiled, Is.False);

        var compared = 0;
        foreach (var text in Texts())
        {
            var features = FeaturesOf(text);
            var want = mlNet.Predict(text, features);
            var got = Compiled.Predict(text, features);
            Assert.That(got.Probability, Is.EqualTo(want.Probability).Within(Tolerance), text);
            Assert.That(got.CategoryProbabilities, Is.EqualTo(want.CategoryProbabilities).Within(Tolerance), text);
            compared++;
        }

        Assert.That(compared, Is.GreaterThan(3000));
    }

    [Test]
    public void Features_CorpusAndStressTexts_AreMlNetsSlotForSlot()
    {
        foreach (var text in Texts())
        {
            var detectors = FeaturesOf(text);
            var expected = Compiled.MlNetFeatures(text, detectors);
            var actual = Compiled.CompiledFeatures(text, detectors)!;
            var indices = expected.GetIndices();
            var values = expected.GetValues();
            var slots = new SortedDictionary<int, float>();
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != 0f)
                {
                    slots[expected.IsDense ? i : indices[i]] = values[i];
                }
            }

            Assert.That(actual.Keys, Is.EqualTo(slots.Keys), text);
            Assert.That(actual.Values, Is.EqualTo(slots.Values).Within(1e-6f), text);
        }
    }

    [Test]
    public void Load_SettingsThatDoNotMatchTheChain_FallsBackToMlNetAndSaysWhy()
    {
        // Told the character n-grams are trigrams, the scorer cannot reproduce the chain's features, so it must not be used.
        var ml = new MLContext(seed: 0);
        using var stream = typeof(ToneModelLoader).Assembly.GetManifestResourceStream(ToneModelLoader.ModelResource)!;
        var model = new ToneModel(ml, ml.Model.Load(stream, out _), TonePipelineSettings.Default with { CharNgramLength = 3 });
        var reference = MlNetOnly;
        const string sentence = "People like you never read the manual.";

        Assert.That(model.IsCompiled, Is.False);
        Assert.That(model.CompileFailure, Does.Contain("feature slot"));
        Assert.That(model.Predict(sentence, FeaturesOf(sentence)).Probability, Is.EqualTo(reference.Predict(sentence, FeaturesOf(sentence)).Probability));
    }
}
