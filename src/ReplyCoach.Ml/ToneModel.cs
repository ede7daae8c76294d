using System.Collections.Concurrent;
using Microsoft.ML;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Ml.Pipeline;

namespace ReplyCoach.Ml;

/// <summary>
/// The trained tone model behind <see cref="IToneModel"/>. A <see cref="PredictionEngine{TSrc,TDst}"/> is not
/// thread-safe, so engines are pooled: each call borrows one (creating it when the pool is empty) and returns it.
/// The pool never holds more engines than there were concurrent callers.
/// </summary>
internal sealed class ToneModel : IToneModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly ConcurrentBag<Engine> _pool = [];

    /// <summary>Wraps a scoring chain built by <see cref="TonePipeline.Assemble"/> (or loaded from a file).</summary>
    public ToneModel(MLContext ml, ITransformer transformer)
    {
        _ml = ml ?? throw new ArgumentNullException(nameof(ml));
        _transformer = transformer ?? throw new ArgumentNullException(nameof(transformer));

        // Build one engine now: it validates the chain against the input schema, and the first prediction is warm.
        _pool.Add(new Engine(_ml.Model.CreatePredictionEngine<ToneInput, ToneScore>(_transformer)));
    }

    /// <summary>The scoring chain.</summary>
    public ITransformer Transformer => _transformer;

    /// <summary>The context the chain was loaded or trained in.</summary>
    public MLContext Context => _ml;

    /// <inheritdoc />
    public ToneModelOutput Predict(string sentence, float[] detectorFeatures)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(detectorFeatures);
        if (detectorFeatures.Length != DetectorFeatures.Count)
        {
            throw new ArgumentException($"Expected {DetectorFeatures.Count} detector features, got {detectorFeatures.Length}.", nameof(detectorFeatures));
        }

        if (!_pool.TryTake(out var engine))
        {
            engine = new Engine(_ml.Model.CreatePredictionEngine<ToneInput, ToneScore>(_transformer));
        }

        try
        {
            return engine.Predict(ToneText.Prepare(sentence), detectorFeatures);
        }
        finally
        {
            _pool.Add(engine);
        }
    }

    /// <summary>One engine with its own reusable input and output rows (so a warm prediction allocates little).</summary>
    private sealed class Engine(PredictionEngine<ToneInput, ToneScore> engine)
    {
        private readonly ToneInput _input = new();
        private ToneScore _output = new();

        public ToneModelOutput Predict(string text, float[] detectorFeatures)
        {
            _input.Text = text;
            Array.Copy(detectorFeatures, _input.DetectorFeatures, DetectorFeatures.Count);
            engine.Predict(_input, ref _output);
            var probability = float.IsNaN(_output.Probability) ? 0f : Math.Clamp(_output.Probability, 0f, 1f);
            float[]? categories = null;
            if (_output.CategoryScores is { Length: ToneCategories.Count } scores)
            {
                // The caller keeps the array: hand out a copy, the engine reuses its own buffer.
                categories = (float[])scores.Clone();
            }

            return new ToneModelOutput(probability, categories);
        }
    }
}
