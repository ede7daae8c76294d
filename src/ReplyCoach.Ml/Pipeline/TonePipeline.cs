using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Ml.Pipeline;

/// <summary>
/// The one definition of the tone model, used by training, evaluation and inference alike:
/// text featurisation (word 1–2-grams and character 4-grams, hashed, each L2-normalised) joined with the detector
/// features; a logistic-regression head whose score is Platt-calibrated on a separate calibration split; and a
/// maximum-entropy category head trained on hostile rows only.
/// </summary>
/// <remarks>
/// Hashing instead of a dictionary keeps the saved model small and its size independent of the corpus; the
/// collisions it brings cost little for a linear model over sparse n-grams.
/// </remarks>
public static class TonePipeline
{
    /// <summary>The input text column.</summary>
    public const string TextColumn = nameof(ToneInput.Text);

    /// <summary>The detector feature column.</summary>
    public const string DetectorColumn = nameof(ToneInput.DetectorFeatures);

    /// <summary>The hashed word keys (one per word), before the n-grams.</summary>
    public const string WordKeysColumn = "WordKeys";

    /// <summary>The L2-normalised word 1-2-gram counts.</summary>
    public const string WordVectorColumn = "WordVec";

    /// <summary>The L2-normalised character n-gram counts.</summary>
    public const string CharVectorColumn = "CharVec";

    /// <summary>The joined feature vector both heads read.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>The binary label.</summary>
    public const string LabelColumn = nameof(ToneTrainingRow.Label);

    /// <summary>The example weight.</summary>
    public const string WeightColumn = nameof(ToneTrainingRow.Weight);

    /// <summary>The category name of a training row.</summary>
    public const string CategoryColumn = nameof(ToneTrainingRow.Category);

    /// <summary>The category as a key, in <see cref="ToneCategory"/> order.</summary>
    public const string CategoryKeyColumn = "CategoryKey";

    /// <summary>The binary head's raw score.</summary>
    public const string ScoreColumn = "Score";

    /// <summary>The calibrated probability.</summary>
    public const string ProbabilityColumn = "Probability";

    /// <summary>The category head's per-class probabilities.</summary>
    public const string CategoryScoreColumn = "CategoryScores";


    // Punctuation splits words so that "idiot." and "idiot" are one feature; the character n-grams keep the punctuation.
    internal static readonly char[] WordSeparators =
        [' ', '.', ',', '!', '?', ';', ':', '"', '(', ')', '[', ']', '{', '}', '/', '\\', '*', '-', '_', '=', '+', '<', '>', '|', '~', '#', '&'];

    /// <summary>Turns <see cref="TextColumn"/> and <see cref="DetectorColumn"/> into <see cref="FeaturesColumn"/>.</summary>
    public static IEstimator<ITransformer> Featurizer(MLContext ml, TonePipelineSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        settings ??= TonePipelineSettings.Default;
        // The text arrives normalised by ToneText.Prepare (lower case, no diacritics, no digits).
        var detectorColumns = Enumerable.Repeat(DetectorColumn, settings.DetectorRepeat).ToArray();
        return ml.Transforms.Text.TokenizeIntoWords("Words", TextColumn, WordSeparators)
            .Append(ml.Transforms.Conversion.Hash(WordKeysColumn, "Words", numberOfBits: settings.WordBits))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("WordGrams", WordKeysColumn, numberOfBits: settings.WordBits, ngramLength: 2, useAllLengths: true))
            .Append(ml.Transforms.NormalizeLpNorm(WordVectorColumn, "WordGrams", LpNormNormalizingEstimatorBase.NormFunction.L2))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", TextColumn, useMarkerCharacters: true))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("CharGrams", "Chars", numberOfBits: settings.CharBits, ngramLength: settings.CharNgramLength, useAllLengths: false))
            .Append(ml.Transforms.NormalizeLpNorm(CharVectorColumn, "CharGrams", LpNormNormalizingEstimatorBase.NormFunction.L2))
            .Append(ml.Transforms.Concatenate(FeaturesColumn, [WordVectorColumn, CharVectorColumn, .. detectorColumns]));
    }

    /// <summary>The binary head: weighted L-BFGS logistic regression (single-threaded so training is reproducible).</summary>
    public static IEstimator<ITransformer> BinaryHead(MLContext ml, TonePipelineSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        settings ??= TonePipelineSettings.Default;
        return ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = LabelColumn,
            FeatureColumnName = FeaturesColumn,
            ExampleWeightColumnName = WeightColumn,
            L1Regularization = settings.BinaryL1,
            L2Regularization = settings.BinaryL2,
            MaximumNumberOfIterations = settings.MaxIterations,
            OptimizationTolerance = 1e-6f,
            NumberOfThreads = 1,
        });
    }

    /// <summary>
    /// Platt calibration, fitted on a split the binary head never saw: the head's own sigmoid is fitted on its training
    /// rows and so is over-confident on new text.
    /// </summary>
    public static IEstimator<ITransformer> Calibrator(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.BinaryClassification.Calibrators.Platt(LabelColumn, ScoreColumn, WeightColumn);
    }

    /// <summary>Maps <see cref="CategoryColumn"/> to <see cref="CategoryKeyColumn"/> with keys in <see cref="ToneCategory"/> order.</summary>
    public static IEstimator<ITransformer> CategoryKey(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var keys = ml.Data.LoadFromEnumerable(ToneCategories.All.Select(c => new CategoryName { Category = ToneCategories.Name(c) }));
        return ml.Transforms.Conversion.MapValueToKey(CategoryKeyColumn, CategoryColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: keys);
    }

    /// <summary>The category head: maximum entropy over the seven categories, trained on hostile rows only.</summary>
    public static IEstimator<ITransformer> CategoryHead(MLContext ml, TonePipelineSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        settings ??= TonePipelineSettings.Default;
        return ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = CategoryKeyColumn,
            FeatureColumnName = FeaturesColumn,
            ExampleWeightColumnName = WeightColumn,
            L1Regularization = settings.CategoryL1,
            L2Regularization = settings.CategoryL2,
            MaximumNumberOfIterations = settings.MaxIterations,
            OptimizationTolerance = 1e-6f,
            NumberOfThreads = 1,
        });
    }

    /// <summary>
    /// Joins the fitted parts into the one scoring chain that is saved and loaded: features, binary head, calibrator,
    /// category head, and a copy of the category head's scores under their own name (its "Score" hides the binary one).
    /// </summary>
    public static ITransformer Assemble(MLContext ml, ITransformer featurizer, ITransformer binaryHead, ITransformer calibrator, ITransformer categoryHead)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var copy = ml.Transforms.CopyColumns(CategoryScoreColumn, ScoreColumn);

        // CopyColumns needs a schema with "Score" to fit against; an empty view of the right shape is enough.
        var shape = ml.Data.LoadFromEnumerable(Array.Empty<ToneInput>());
        var scored = categoryHead.Transform(calibrator.Transform(binaryHead.Transform(featurizer.Transform(shape))));
        return new TransformerChain<ITransformer>(featurizer, binaryHead, calibrator, categoryHead, copy.Fit(scored));
    }

    /// <summary>The schema every saved model declares as its input.</summary>
    public static DataViewSchema InputSchema(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Data.LoadFromEnumerable(Array.Empty<ToneInput>()).Schema;
    }

    private sealed class CategoryName
    {
        public string Category { get; set; } = string.Empty;
    }
}

/// <summary>The tunable settings of <see cref="TonePipeline"/>; <see cref="Default"/> is what the built-in model uses.</summary>
/// <param name="BinaryL1">L1 regularisation of the hostility head.</param>
/// <param name="BinaryL2">L2 regularisation of the hostility head.</param>
/// <param name="CategoryL1">L1 regularisation of the category head.</param>
/// <param name="CategoryL2">L2 regularisation of the category head.</param>
/// <param name="WordBits">Hash bits of the word 1-2-grams.</param>
/// <param name="CharBits">Hash bits of the character n-grams.</param>
/// <param name="CharNgramLength">Length of the character n-grams.</param>
/// <param name="DetectorRepeat">
/// How many times the detector features enter the feature vector. They are few and dense next to thousands of
/// sparse n-grams; repeating them lets one regularisation setting penalise them less (k copies of a weight w/k cost
/// 1/k of one weight w under L2).
/// </param>
/// <param name="MaxIterations">Iteration cap of the L-BFGS trainers.</param>
/// <param name="CategoryPublicWeight">
/// Weight of public rows in the category head, relative to their weight in the hostility head. The public data
/// knows only four of the seven categories and says nothing about how blame or dismissal reads in a reply.
/// </param>
public sealed record TonePipelineSettings(
    float BinaryL1 = 0.5f,
    float BinaryL2 = 10f,
    float CategoryL1 = 0.5f,
    float CategoryL2 = 10f,
    int WordBits = 16,
    int CharBits = 16,
    int CharNgramLength = 4,
    int DetectorRepeat = 1,
    int MaxIterations = 200,
    float CategoryPublicWeight = 0.1f)
{
    /// <summary>The settings chosen on the validation split (see metrics.json of the built-in model).</summary>
    public static TonePipelineSettings Default { get; } = new();
}
