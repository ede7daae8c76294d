using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Ml.Pipeline;

namespace ReplyCoach.Ml;

/// <summary>
/// The trained tone model behind <see cref="IToneModel"/>. A <see cref="PredictionEngine{TSrc,TDst}"/> is not
/// thread-safe, so engines are pooled: each call borrows one (creating it when the pool is empty) and returns it.
/// The pool never holds more engines than there were concurrent callers.
/// </summary>
/// <remarks>
/// The saved chain [featuriser, binary head, calibrator, category head, copy] is run as three engines: the
/// featuriser, the calibrated binary head on its output, and — only when the caller needs it — the category head on
/// the same output. ML.NET row getters do not remember values, so one engine asked for the probability and the
/// category scores would compute the text features once per head; and the category head (seven weight vectors)
/// costs six times the binary one, while most sentences are plainly civil and never need it. A chain of any other
/// shape runs whole.
/// </remarks>
internal sealed class ToneModel : IToneModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly Split? _split;
    private readonly ConcurrentBag<Engine> _pool = [];

    /// <summary>Wraps a scoring chain built by <see cref="TonePipeline.Assemble"/> (or loaded from a file).</summary>
    public ToneModel(MLContext ml, ITransformer transformer)
    {
        _ml = ml ?? throw new ArgumentNullException(nameof(ml));
        _transformer = transformer ?? throw new ArgumentNullException(nameof(transformer));
        _split = TrySplit(ml, transformer);

        // Build one engine now: it validates the chain against the input schema, and the first prediction is warm.
        _pool.Add(CreateEngine());
    }

    /// <summary>The scoring chain.</summary>
    public ITransformer Transformer => _transformer;

    /// <summary>The context the chain was loaded or trained in.</summary>
    public MLContext Context => _ml;

    /// <summary>Whether the chain runs as featuriser + heads (true for every chain <see cref="TonePipeline.Assemble"/> builds).</summary>
    internal bool IsSplit => _split is not null;

    /// <inheritdoc />
    public ToneModelOutput Predict(string sentence, float[] detectorFeatures) => Predict(sentence, detectorFeatures, 0f);

    /// <inheritdoc />
    public ToneModelOutput Predict(string sentence, float[] detectorFeatures, float categoryFloor)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(detectorFeatures);
        if (detectorFeatures.Length != DetectorFeatures.Count)
        {
            throw new ArgumentException($"Expected {DetectorFeatures.Count} detector features, got {detectorFeatures.Length}.", nameof(detectorFeatures));
        }

        if (!_pool.TryTake(out var engine))
        {
            engine = CreateEngine();
        }

        try
        {
            return engine.Predict(ToneText.Prepare(sentence), detectorFeatures, categoryFloor);
        }
        finally
        {
            _pool.Add(engine);
        }
    }

    private static Split? TrySplit(MLContext ml, ITransformer transformer)
    {
        if (transformer is not TransformerChain<ITransformer> chain)
        {
            return null;
        }

        var parts = chain.ToArray();
        if (parts.Length != 5)
        {
            return null;
        }

        var featured = parts[0].GetOutputSchema(TonePipeline.InputSchema(ml));
        if (featured.GetColumnOrNull(TonePipeline.FeaturesColumn) is not { Type: VectorDataViewType { Size: > 0 } featureType })
        {
            return null;
        }

        var binary = new TransformerChain<ITransformer>(parts[1..3]);
        var category = new TransformerChain<ITransformer>(parts[3..]);
        if (binary.GetOutputSchema(featured).GetColumnOrNull(TonePipeline.ProbabilityColumn) is null ||
            category.GetOutputSchema(featured).GetColumnOrNull(TonePipeline.CategoryScoreColumn) is null)
        {
            return null;
        }

        var input = SchemaDefinition.Create(typeof(FeatureRow));
        input[nameof(FeatureRow.Features)].ColumnType = featureType;
        return new Split(parts[0], binary, category, input);
    }

    private Engine CreateEngine() => _split is { } s
        ? new Engine(
            null,
            _ml.Model.CreatePredictionEngine<ToneInput, FeatureRow>(s.Featurizer),
            _ml.Model.CreatePredictionEngine<FeatureRow, ProbabilityRow>(s.Binary, inputSchemaDefinition: s.Input),
            _ml.Model.CreatePredictionEngine<FeatureRow, CategoryRow>(s.Category, inputSchemaDefinition: s.Input))
        : new Engine(_ml.Model.CreatePredictionEngine<ToneInput, ToneScore>(_transformer), null, null, null);

    private sealed record Split(ITransformer Featurizer, ITransformer Binary, ITransformer Category, SchemaDefinition Input);

    /// <summary>The joined feature vector, passed from the featuriser engine to the heads.</summary>
    private sealed class FeatureRow
    {
        public VBuffer<float> Features { get; set; }
    }

    private sealed class ProbabilityRow
    {
        [ColumnName(TonePipeline.ProbabilityColumn)]
        public float Probability { get; set; }
    }

    private sealed class CategoryRow
    {
        [ColumnName(TonePipeline.CategoryScoreColumn)]
        public float[] CategoryScores { get; set; } = [];
    }

    /// <summary>One set of engines with its own reusable rows (so a warm prediction allocates little).</summary>
    private sealed class Engine(
        PredictionEngine<ToneInput, ToneScore>? whole,
        PredictionEngine<ToneInput, FeatureRow>? featurizer,
        PredictionEngine<FeatureRow, ProbabilityRow>? binary,
        PredictionEngine<FeatureRow, CategoryRow>? category)
    {
        private readonly ToneInput _input = new();
        private FeatureRow _features = new();
        private ProbabilityRow _probability = new();
        private CategoryRow _categories = new();
        private ToneScore _output = new();

        public ToneModelOutput Predict(string text, float[] detectorFeatures, float categoryFloor)
        {
            _input.Text = text;
            Array.Copy(detectorFeatures, _input.DetectorFeatures, DetectorFeatures.Count);
            float raw;
            float[]? scores = null;
            if (whole is not null)
            {
                whole.Predict(_input, ref _output);
                raw = _output.Probability;
                scores = _output.CategoryScores;
            }
            else
            {
                featurizer!.Predict(_input, ref _features);
                binary!.Predict(_features, ref _probability);
                raw = _probability.Probability;
                if (!(raw < categoryFloor))
                {
                    category!.Predict(_features, ref _categories);
                    scores = _categories.CategoryScores;
                }
            }

            var probability = float.IsNaN(raw) ? 0f : Math.Clamp(raw, 0f, 1f);

            // The caller keeps the array: hand out a copy, the engine reuses its own buffer.
            var categories = scores is { Length: ToneCategories.Count } ? (float[])scores.Clone() : null;
            return new ToneModelOutput(probability, categories);
        }
    }
}
