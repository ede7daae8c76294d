using BenchmarkDotNet.Attributes;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;
using ReplyCoach.Training.Data;

namespace ReplyCoach.Benchmarks;

/// <summary>
/// The engine's parts per draft on 500 different drafts, built the way load/make-batch.mjs builds the batch (the same
/// generator and seed: civil corpus sentences up to 300 words, a hostile one in every fifth draft), so every sentence
/// is new to the caches. The fixed draft of <see cref="AnalysisBenchmarks"/> measures one warm draft; this measures
/// what a batch pays per draft on one core.
/// Run: dotnet run -c Release --project tests/ReplyCoach.Benchmarks -- --filter '*VariedDraftsBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class VariedDraftsBenchmarks
{
    private const int Drafts = 500;

    private readonly DraftNormalizer _normalizer = new();
    private readonly ToneDetector _detector = new();
    private string[] _texts = null!;
    private NormalizedDraft[] _drafts = null!;
    private float[][][] _features = null!;
    private IToneModel _model = null!;
    private IToneModel _mlNetModel = null!;
    private DraftAnalyzer _analyzer = null!;

    /// <summary>Builds the drafts, normalises them and computes the detector features the model step reads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = RepoPaths.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("ReplyCoach.sln was not found above the benchmark.");
        _texts = MakeDrafts(Path.Combine(root, RepoPaths.CorpusTrain), Drafts);
        _model = ToneModelLoader.LoadBuiltIn() ?? throw new InvalidOperationException("No built-in model is embedded.");
        _mlNetModel = ToneModelLoader.LoadBuiltInUncached(compile: false)!;
        _analyzer = new DraftAnalyzer(_normalizer, _detector, _model, new AnalysisOptions());
        _drafts = [.. _texts.Select(t => _normalizer.Normalize(t, DraftFormat.Auto))];
        _features = [.. _drafts.Select(d => d.Sentences.Select(s => _detector.Detect(d.Text, s, null).Features).ToArray())];
    }

    /// <summary>Normalising (plain text: thread and signature stripping, sentence splitting).</summary>
    [Benchmark(OperationsPerInvoke = Drafts)]
    public int Normalize()
    {
        var sentences = 0;
        foreach (var text in _texts)
        {
            sentences += _normalizer.Normalize(text, DraftFormat.Auto).Sentences.Count;
        }

        return sentences;
    }

    /// <summary>The detectors on every sentence.</summary>
    [Benchmark(OperationsPerInvoke = Drafts)]
    public int Detect()
    {
        var hits = 0;
        foreach (var draft in _drafts)
        {
            foreach (var sentence in draft.Sentences)
            {
                hits += _detector.Detect(draft.Text, sentence, null).Hits.Count;
            }
        }

        return hits;
    }

    /// <summary>The model on every sentence, as the engine runs it (compiled scorer, category head above its floor).</summary>
    [Benchmark(OperationsPerInvoke = Drafts)]
    public float Model() => ScoreAll(_model);

    /// <summary>The same through ML.NET's prediction engines.</summary>
    [Benchmark(OperationsPerInvoke = Drafts)]
    public float ModelOnMlNetEngines() => ScoreAll(_mlNetModel);

    /// <summary>The whole engine.</summary>
    [Benchmark(OperationsPerInvoke = Drafts)]
    public double FullAnalysis()
    {
        var risk = 0d;
        foreach (var text in _texts)
        {
            risk += _analyzer.Analyze(text, DraftFormat.Auto, null).Risk;
        }

        return risk;
    }

    private float ScoreAll(IToneModel model)
    {
        var floor = (float)new AnalysisOptions().ModelCategoryFloor;
        var sum = 0f;
        for (var i = 0; i < _drafts.Length; i++)
        {
            var sentences = _drafts[i].Sentences;
            for (var k = 0; k < sentences.Count; k++)
            {
                sum += model.Predict(sentences[k].Text, _features[i][k], floor).Probability;
            }
        }

        return sum;
    }

    /// <summary>The drafts make-batch.mjs writes first (same xorshift32 generator, seed 1, 300 words).</summary>
    private static string[] MakeDrafts(string corpusPath, int count)
    {
        var rows = File.ReadLines(corpusPath).Skip(1).Select(line => line.Split('\t')).Where(f => f.Length >= 3).ToList();
        var civil = rows.Where(f => f[2] == "0").Select(f => f[1]).ToArray();
        var hostile = rows.Where(f => f[2] == "1").Select(f => f[1]).ToArray();
        var seed = 1u;
        int Next(int n)
        {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            return (int)(seed % (uint)n);
        }

        var drafts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var parts = new List<string> { $"Hi, thank you for your message about ticket {100000 + i}." };
            var words = 8;
            if (i % 5 == 0)
            {
                var h = hostile[Next(hostile.Length)];
                parts.Add(h);
                words += h.Split(' ').Length;
            }

            while (words < 300)
            {
                var s = civil[Next(civil.Length)];
                parts.Add(s);
                words += s.Split(' ').Length;
            }

            parts.Add("Kind regards, Sam");
            drafts[i] = string.Join(' ', parts);
        }

        return drafts;
    }
}
