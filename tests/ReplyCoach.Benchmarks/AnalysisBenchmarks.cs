using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;

namespace ReplyCoach.Benchmarks;

/// <summary>
/// The full engine on a 300-word draft (normaliser, detectors on every sentence, the built-in model on every
/// sentence) against the floor it is compared with: one bare ML.NET FeaturizeText + LbfgsLogisticRegression
/// prediction on the same text, trained in the setup. Target: full analysis within 2x of the bare prediction.
/// Run: dotnet run -c Release --project tests/ReplyCoach.Benchmarks -- --filter '*AnalysisBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    /// <summary>About 300 words in 20 sentences: a polite reply with three hostile sentences in it.</summary>
    public const string Draft =
        "Hi Maria, thank you for getting back to us so quickly about order 58213. " +
        "I have looked into the delivery history and I can see that the parcel left our warehouse on the 3rd of March. " +
        "The courier marked it as delivered on the 6th, but I understand that nothing arrived at your door. " +
        "I am sorry for the trouble this has caused, especially since the blender was meant to be a birthday present. " +
        "To be honest, people like you never read the tracking page before writing to us. " +
        "I have opened a claim with the courier, and they usually answer within two working days. " +
        "While we wait, I would like to offer you a replacement that can be sent out tomorrow morning. " +
        "If you prefer a refund instead, just reply to this email and I will arrange it straight away. " +
        "Frankly, this is the third time you have wasted my time with a complaint like this. " +
        "Please check with your neighbours and your building's reception, as couriers sometimes leave parcels there. " +
        "If the parcel turns up later, you are welcome to keep it or send it back with the prepaid label. " +
        "You can find the label in your account under Orders, then Returns. " +
        "I have also added a note to your account so that any colleague can see the whole story. " +
        "Our opening hours over the holiday are listed on the help page. " +
        "Stop pretending you followed the steps, because you obviously did not. " +
        "If anything else is unclear, I am happy to walk you through it on the phone. " +
        "You can reach me directly on 020 7946 0958 between nine and five. " +
        "Thanks again for your patience while we sort this out. " +
        "I will write again as soon as the courier replies. " +
        "Kind regards and have a lovely weekend.";

    private DraftAnalyzer _analyzer = null!;
    private PredictionEngine<BaselineInput, BaselineOutput> _baseline = null!;
    private readonly BaselineInput _baselineInput = new() { Text = Draft };
    private BaselineOutput _baselineOutput = new();

    /// <summary>Builds the engine with the built-in model, and trains the bare baseline.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var model = ToneModelLoader.LoadBuiltIn() ?? throw new InvalidOperationException("No built-in model is embedded.");
        _analyzer = new DraftAnalyzer(new DraftNormalizer(), new ToneDetector(), model, new AnalysisOptions());

        // The baseline: ML.NET's default text featuriser and logistic regression, trained on a few hundred rows
        // made from the draft's own sentences (its speed, not its quality, is what is compared).
        var ml = new MLContext(seed: 1);
        var sentences = Draft.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        var rows = Enumerable.Range(0, 400).Select(i => new BaselineRow
        {
            Text = sentences[i % sentences.Length] + " " + sentences[(i * 7) % sentences.Length],
            Label = i % 3 == 0,
        });
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", nameof(BaselineRow.Text))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var trained = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
        _baseline = ml.Model.CreatePredictionEngine<BaselineInput, BaselineOutput>(trained);

        // Warm both paths so the first measured call is not a cold one.
        _ = FullAnalysis();
        _ = BareMlNetPrediction();
    }

    /// <summary>One bare ML.NET prediction on the whole draft.</summary>
    [Benchmark(Baseline = true)]
    public float BareMlNetPrediction()
    {
        _baseline.Predict(_baselineInput, ref _baselineOutput);
        return _baselineOutput.Probability;
    }

    /// <summary>The full engine: normalise, split, detect and score every sentence, combine.</summary>
    [Benchmark]
    public double FullAnalysis() => _analyzer.Analyze(Draft, DraftFormat.Text).Risk;

    /// <summary>A training row of the baseline.</summary>
    public sealed class BaselineRow
    {
        /// <summary>Text.</summary>
        public string Text { get; set; } = string.Empty;

        /// <summary>Label.</summary>
        public bool Label { get; set; }
    }

    /// <summary>The baseline's input.</summary>
    public sealed class BaselineInput
    {
        /// <summary>Text.</summary>
        public string Text { get; set; } = string.Empty;
    }

    /// <summary>The baseline's output.</summary>
    public sealed class BaselineOutput
    {
        /// <summary>Calibrated probability.</summary>
        public float Probability { get; set; }
    }
}

/// <summary>How long the built-in model takes to load from the assembly (a fresh load each time, warm process).</summary>
[MemoryDiagnoser]
public class ModelLoadBenchmarks
{
    /// <summary>Reads and deserialises the embedded model and builds its first prediction engine.</summary>
    [Benchmark]
    public object? LoadBuiltInModel() => ToneModelLoader.LoadBuiltInUncached();
}

/// <summary>
/// Where the time of <see cref="AnalysisBenchmarks.FullAnalysis"/> goes: the normaliser, the detectors on every
/// sentence, and the model on every sentence, each measured alone on the same 300-word draft.
/// Run: dotnet run -c Release --project tests/ReplyCoach.Benchmarks -- --filter '*AnalysisPartsBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class AnalysisPartsBenchmarks
{
    private readonly DraftNormalizer _normalizer = new();
    private readonly ToneDetector _detector = new();
    private IToneModel _model = null!;
    private IToneModel _mlNetModel = null!;
    private NormalizedDraft _draft = null!;
    private float[][] _features = null!;

    /// <summary>Normalises the draft once and computes the detector features the model step reads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _model = ToneModelLoader.LoadBuiltIn() ?? throw new InvalidOperationException("No built-in model is embedded.");
        _mlNetModel = ToneModelLoader.LoadBuiltInUncached(compile: false)!;
        _draft = _normalizer.Normalize(AnalysisBenchmarks.Draft, DraftFormat.Text);
        _features = _draft.Sentences.Select(s => _detector.Detect(_draft.Text, s, null).Features).ToArray();
    }

    /// <summary>The normaliser alone (plain text: splitting into sentences, stripping).</summary>
    [Benchmark]
    public int Normalize() => _normalizer.Normalize(AnalysisBenchmarks.Draft, DraftFormat.Text).Sentences.Count;

    /// <summary>The detectors on every sentence.</summary>
    [Benchmark]
    public int Detect()
    {
        var hits = 0;
        foreach (var sentence in _draft.Sentences)
        {
            hits += _detector.Detect(_draft.Text, sentence, null).Hits.Count;
        }

        return hits;
    }

    /// <summary>The model on every sentence (the compiled scorer, as the engine runs it).</summary>
    [Benchmark]
    public float Model() => ScoreAll(_model);

    /// <summary>The same model on every sentence through ML.NET's prediction engines (what the compiled scorer replaces).</summary>
    [Benchmark]
    public float ModelOnMlNetEngines() => ScoreAll(_mlNetModel);

    private float ScoreAll(IToneModel model)
    {
        float max = 0;
        for (var i = 0; i < _draft.Sentences.Count; i++)
        {
            max = Math.Max(max, model.Predict(_draft.Sentences[i].Text, _features[i]).Probability);
        }

        return max;
    }
}
