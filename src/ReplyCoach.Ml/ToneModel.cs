using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Ml.Pipeline;

namespace ReplyCoach.Ml;

/// <summary>
/// The trained tone model behind <see cref="IToneModel"/>, safe to call from several threads.
/// </summary>
/// <remarks>
/// <para>
/// A chain built by <see cref="TonePipeline"/> is scored by a <see cref="CompiledToneScorer"/>: the same function
/// computed straight from the trained weights, checked against ML.NET's engines when the model is loaded (feature
/// vectors slot for slot, probabilities and category scores on probe texts). The engines score any chain it does not
/// reproduce.
/// </para>
/// <para>
/// On the ML.NET path, a <see cref="PredictionEngine{TSrc,TDst}"/> is not thread-safe, so engines are pooled: each
/// call borrows one (creating it when the pool is empty) and returns it; the pool never holds more engines than there
/// were concurrent callers. The saved chain [featuriser, binary head, calibrator, category head, copy] runs as three
/// engines: the featuriser, the calibrated binary head on its output, and — only when the caller needs it — the
/// category head on the same output. ML.NET row getters do not remember values, so one engine asked for the
/// probability and the category scores would compute the text features once per head; and the category head (seven
/// weight vectors) costs six times the binary one, while most sentences are plainly civil and never need it. A chain
/// of any other shape runs whole.
/// </para>
/// </remarks>
public sealed class ToneModel : IToneModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly Split? _split;
    private readonly ConcurrentBag<Engine> _pool = [];
    private readonly CompiledToneScorer? _compiled;

    /// <summary>Wraps a scoring chain built by <see cref="TonePipeline.Assemble"/> (or loaded from a file).</summary>
    /// <param name="ml">The context the chain was loaded or trained in.</param>
    /// <param name="transformer">The scoring chain.</param>
    /// <param name="settings">The settings the chain was trained with (the built-in defaults when not known).</param>
    /// <param name="compile">False to score on ML.NET's engines even when the chain could be compiled (for comparisons).</param>
    public ToneModel(MLContext ml, ITransformer transformer, TonePipelineSettings? settings = null, bool compile = true)
    {
        _ml = ml ?? throw new ArgumentNullException(nameof(ml));
        _transformer = transformer ?? throw new ArgumentNullException(nameof(transformer));
        _split = TrySplit(ml, transformer);

        // Build one engine now: it validates the chain against the input schema, and the first prediction is warm.
        var engine = CreateEngine();
        _pool.Add(engine);
        if (compile && _split is { } split)
        {
            if (WordKeysOf(ml, split.Featurizer) is not { } wordKeysOf)
            {
                CompileFailure = "the featuriser does not start with a word tokeniser and a Hash step";
                return;
            }

            _compiled = CompiledToneScorer.TryCreate(
                split.Featured,
                split.BinaryHead,
                split.CategoryHead,
                (settings ?? TonePipelineSettings.Default).CharNgramLength,
                wordKeysOf,
                engine.ProbabilityOf,
                engine.FeaturesOf,
                (text, features) => engine.Predict(text, features, 0f),
                out var reason);
            CompileFailure = reason;
        }
    }

    /// <summary>The scoring chain.</summary>
    public ITransformer Transformer => _transformer;

    /// <summary>The context the chain was loaded or trained in.</summary>
    public MLContext Context => _ml;

    /// <summary>Whether the chain runs as featuriser + heads (true for every chain <see cref="TonePipeline.Assemble"/> builds).</summary>
    internal bool IsSplit => _split is not null;

    /// <summary>
    /// Whether predictions come from the compiled scorer, which reproduced ML.NET on probe texts when the model was
    /// built (true for every chain <see cref="TonePipeline.Assemble"/> builds); otherwise they come from ML.NET's engines.
    /// </summary>
    public bool IsCompiled => _compiled is not null;

    /// <summary>Why the chain could not be compiled (null when it was, or when compiling was not asked for).</summary>
    public string? CompileFailure { get; }

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

        var text = ToneText.Prepare(sentence);
        if (_compiled is not null)
        {
            return _compiled.Predict(text, detectorFeatures, categoryFloor);
        }

        return WithEngine(engine => engine.Predict(text, detectorFeatures, categoryFloor));
    }

    /// <summary>The ML.NET featuriser's output for a sentence (split chains only; for checking the compiled scorer).</summary>
    internal VBuffer<float> MlNetFeatures(string sentence, float[] detectorFeatures) =>
        WithEngine(engine => engine.FeaturesOf(ToneText.Prepare(sentence), detectorFeatures));

    /// <summary>Runs <paramref name="use"/> on an engine borrowed from the pool (created when the pool is empty).</summary>
    private T WithEngine<T>(Func<Engine, T> use)
    {
        if (!_pool.TryTake(out var engine))
        {
            engine = CreateEngine();
        }

        try
        {
            return use(engine);
        }
        finally
        {
            _pool.Add(engine);
        }
    }

    /// <summary>The compiled scorer's feature vector for a sentence, as slot → value (null when not compiled).</summary>
    internal SortedDictionary<int, float>? CompiledFeatures(string sentence, float[] detectorFeatures) =>
        _compiled?.Features(ToneText.Prepare(sentence), detectorFeatures);

    /// <summary>
    /// The featuriser's own tokeniser and Hash step as a function of the text (thread-safe): the word keys the compiled
    /// scorer takes from ML.NET for text with non-ASCII words.
    /// </summary>
    private static Func<string, uint[]>? WordKeysOf(MLContext ml, ITransformer featurizer)
    {
        // A fitted chain is a TransformerChain<T> for its last transformer's type; loaded from a file, of ITransformer.
        if (featurizer is not IEnumerable<ITransformer> chain || chain.Take(2).ToArray() is not [_, _] first)
        {
            return null;
        }

        var keys = new TransformerChain<ITransformer>(first);
        if (keys.GetOutputSchema(TonePipeline.InputSchema(ml)).GetColumnOrNull(TonePipeline.WordKeysColumn) is null)
        {
            return null;
        }

        var engine = ml.Model.CreatePredictionEngine<ToneInput, WordKeysRow>(keys);
        var gate = new Lock();
        return text =>
        {
            lock (gate)
            {
                return engine.Predict(new ToneInput { Text = text }).Keys;
            }
        };
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
        return new Split(parts[0], binary, category, input, featured, parts[1], parts[3]);
    }

    private Engine CreateEngine() => _split is { } s
        ? new Engine(
            null,
            _ml.Model.CreatePredictionEngine<ToneInput, FeatureRow>(s.Featurizer),
            _ml.Model.CreatePredictionEngine<FeatureRow, ProbabilityRow>(s.Binary, inputSchemaDefinition: s.Input),
            _ml.Model.CreatePredictionEngine<FeatureRow, CategoryRow>(s.Category, inputSchemaDefinition: s.Input))
        : new Engine(_ml.Model.CreatePredictionEngine<ToneInput, ToneScore>(_transformer), null, null, null);

    private sealed record Split(
        ITransformer Featurizer,
        ITransformer Binary,
        ITransformer Category,
        SchemaDefinition Input,
        DataViewSchema Featured,
        ITransformer BinaryHead,
        ITransformer CategoryHead);

    /// <summary>The joined feature vector, passed from the featuriser engine to the heads.</summary>
    private sealed class FeatureRow
    {
        public VBuffer<float> Features { get; set; }
    }

    private sealed class WordKeysRow
    {
        [ColumnName(TonePipeline.WordKeysColumn)]
        public uint[] Keys { get; set; } = [];
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

        /// <summary>The featuriser's output for a prepared text (split chains only).</summary>
        public VBuffer<float> FeaturesOf(string text, float[] detectorFeatures)
        {
            _input.Text = text;
            Array.Copy(detectorFeatures, _input.DetectorFeatures, DetectorFeatures.Count);
            var row = new FeatureRow();
            featurizer!.Predict(_input, ref row);
            return row.Features;
        }

        /// <summary>The calibrated binary head applied to a feature vector (split chains only).</summary>
        public float ProbabilityOf(VBuffer<float> features)
        {
            var row = new ProbabilityRow();
            binary!.Predict(new FeatureRow { Features = features }, ref row);
            return row.Probability;
        }
    }
}
