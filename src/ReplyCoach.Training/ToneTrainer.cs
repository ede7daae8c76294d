using System.Diagnostics;
using Microsoft.ML;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Ml;
using ReplyCoach.Ml.Pipeline;
using ReplyCoach.Training.Data;
using ReplyCoach.Training.Evaluation;

namespace ReplyCoach.Training;

/// <summary>A trained model with its report.</summary>
/// <param name="Model">The model, ready to predict.</param>
/// <param name="Report">What was trained on and measured.</param>
public sealed record TrainingResult(ToneModel Model, TrainingReport Report)
{
    /// <summary>File name of the model in an output folder.</summary>
    public const string ModelFileName = "replycoach-tone.zip";

    /// <summary>File name of the report in an output folder.</summary>
    public const string MetricsFileName = "metrics.json";

    /// <summary>Writes <see cref="ModelFileName"/> and <see cref="MetricsFileName"/> into a folder (created if needed).</summary>
    /// <returns>The path of the model file.</returns>
    public string Save(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var modelPath = Path.Combine(folder, ModelFileName);

        // Write to a temporary name first so a crash never leaves a half-written model where a good one was.
        var temporary = modelPath + ".tmp";
        Model.Context.Model.Save(Model.Transformer, TonePipeline.InputSchema(Model.Context), temporary);
        File.Move(temporary, modelPath, overwrite: true);
        File.WriteAllText(Path.Combine(folder, MetricsFileName), Report.ToJson() + "\n");
        return modelPath;
    }
}

/// <summary>
/// Trains the tone model: reads the public datasets and the in-domain corpus, splits them with a fixed seed into
/// train / validation / test, fits <see cref="TonePipeline"/> on train, calibrates and chooses thresholds on
/// validation, and reports on test and on the held-apart corpus. The held-apart corpus is never trained on.
/// </summary>
/// <param name="detector">The explainable layer whose features the model reads (the same one used at run time).</param>
/// <param name="normalizer">The draft normaliser; when given, in-domain rows are scored through the full engine (as in the product), else sentence by sentence.</param>
/// <param name="time">The clock (for the report's date and the training time).</param>
public sealed class ToneTrainer(ISentenceDetector detector, IDraftNormalizer? normalizer, TimeProvider time)
{
    private static string Describe(TonePipelineSettings s) =>
        $"text: clean and normalise (ToneText.Prepare: lower case, no diacritics, no digits) -> word 1-2-grams hashed to 2^{s.WordBits} + character {s.CharNgramLength}-grams hashed to 2^{s.CharBits}, " +
        "each L2-normalised; joined with the 17 detector features; hostility head: L-BFGS logistic regression (weighted), " +
        "Platt-calibrated on the validation split; category head: L-BFGS maximum entropy over the 7 categories, trained on hostile rows with a known category.";

    /// <summary>Trains, evaluates and returns the model (not yet saved).</summary>
    /// <exception cref="DataException">The data could not be found or read.</exception>
    public TrainingResult Train(TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = time.GetTimestamp();
        var notes = new List<string>();

        // 1. Data.
        progress?.Report(new TrainingProgress("Reading the public datasets", null));
        var datasetsFolder = PublicDatasets.Locate(options.DatasetsFolder);
        var rows = PublicDatasets.ReadAll(datasetsFolder).ToList();
        var sources = PublicDatasets.Files.Select(f => Path.Combine(datasetsFolder, f)).ToList();

        var corpusPath = options.CorpusPath ?? RepoPaths.FromRoot(RepoPaths.CorpusTrain);
        var heldoutPath = options.HeldoutPath ?? RepoPaths.FromRoot(RepoPaths.CorpusHeldout);
        if (SamePath(corpusPath, heldoutPath) || SamePath(corpusPath, RepoPaths.FromRoot(RepoPaths.CorpusHeldout)))
        {
            throw new DataException($"'{corpusPath}' is the held-apart corpus: it is for evaluation only and must never be trained on.");
        }

        if (File.Exists(corpusPath))
        {
            rows.AddRange(LabelledFile.Read(corpusPath, "corpus", inDomain: true));
            sources.Add(corpusPath);
        }
        else if (options.CorpusPath is not null)
        {
            throw new DataException($"The corpus file '{corpusPath}' does not exist.");
        }
        else
        {
            notes.Add($"No in-domain corpus at '{corpusPath}': trained on public data only; thresholds chosen on public validation rows.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        rows = DataSplitter.Subset(rows, options.MaxRows, options.Seed);
        var split = rows.ToLookup(r => DataSplitter.Assign(r, options.Seed));
        var train = split[DataSplit.Train].ToList();
        var validation = split[DataSplit.Validation].ToList();
        var test = split[DataSplit.Test].ToList();
        if (train.Count(r => r.Label) == 0 || train.Count(r => !r.Label) == 0)
        {
            throw new DataException("The training split needs both hostile and non-hostile rows; use more rows.");
        }

        // 2. Features the model reads besides the text: computed by the same detector the engine runs.
        var inDomainTrain = train.Count(r => r.InDomain);
        var corpusWeight = options.CorpusWeight
            ?? (inDomainTrain == 0 ? 1 : Math.Clamp(options.InDomainWeightShare * (train.Count - inDomainTrain) / inDomainTrain, 1, 100));
        var trainRows = ToRows(train, corpusWeight, "Computing detector features (train)", progress, cancellationToken);
        var validationRows = ToRows(validation, corpusWeight, "Computing detector features (validation)", progress, cancellationToken);

        // 3. Fit: features and binary head on train; calibrator on validation; category head on hostile train rows.
        var ml = new MLContext(seed: options.Seed);
        progress?.Report(new TrainingProgress("Fitting the text features", null));
        var trainView = ml.Data.LoadFromEnumerable(trainRows);
        var featurizer = TonePipeline.Featurizer(ml, options.Settings).Fit(trainView);
        var featurized = ml.Data.Cache(featurizer.Transform(trainView), TonePipeline.FeaturesColumn, TonePipeline.LabelColumn, TonePipeline.WeightColumn);

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("Training the hostility head", null));
        var binary = TonePipeline.BinaryHead(ml, options.Settings).Fit(featurized);

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("Calibrating on the validation split", null));
        var calibrationRows = validationRows.Count(r => r.Label) > 0 && validationRows.Count(r => !r.Label) > 0 ? validationRows : trainRows;
        if (!ReferenceEquals(calibrationRows, validationRows))
        {
            notes.Add("The validation split lacked one of the classes: calibrated on the training split.");
        }

        var calibrationScored = binary.Transform(featurizer.Transform(ml.Data.LoadFromEnumerable(calibrationRows)));
        var calibrator = TonePipeline.Calibrator(ml).Fit(calibrationScored);

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("Training the category head", null));
        var categoryRows = BalanceCategories(trainRows.Where(r => r.Label && r.Category.Length > 0).ToList(), options.Settings.CategoryPublicWeight);
        if (categoryRows.Count == 0)
        {
            throw new DataException("No hostile training row has a category; the category head cannot be trained.");
        }

        var categoryKey = TonePipeline.CategoryKey(ml);
        var categoryView = featurizer.Transform(ml.Data.LoadFromEnumerable(categoryRows));
        var categoryData = ml.Data.Cache(categoryKey.Fit(categoryView).Transform(categoryView), TonePipeline.FeaturesColumn, TonePipeline.CategoryKeyColumn, TonePipeline.WeightColumn);
        var categoryHead = TonePipeline.CategoryHead(ml, options.Settings).Fit(categoryData);

        var model = new ToneModel(ml, TonePipeline.Assemble(ml, featurizer, binary, calibrator, categoryHead), options.Settings);

        // 4. Thresholds: chosen on validation rows only, against the product aim on polite in-domain text.
        var validationInDomain = validation.Where(r => r.InDomain).ToList();
        var thresholdRows = validationInDomain.Any(r => !r.Label) ? validationInDomain : validation;
        var thresholdResults = Score(model, thresholdRows, thresholdRows == validationInDomain, validationRows, validation, "Scoring the validation split", progress, cancellationToken);
        var thresholds = ChooseThresholds(thresholdResults, options, thresholdRows == validationInDomain);

        // 5. Report: validation (what the choices were made on) and test (held apart from everything).
        var validationPublic = ScoreRows(model, ml, validation, validationRows, r => !r.InDomain);
        var validationSummaries = new Dictionary<string, EvaluationSummary>
        {
            ["public"] = EngineEvaluator.Summarize(validationPublic, thresholds.Caution, thresholds.Hold),
        };
        if (thresholdRows == validationInDomain)
        {
            validationSummaries["inDomain"] = EngineEvaluator.Summarize(thresholdResults, thresholds.Caution, thresholds.Hold);
        }

        var testRows = ToRows(test, corpusWeight, "Computing detector features (test)", progress, cancellationToken);
        var testPublic = ScoreRows(model, ml, test, testRows, r => !r.InDomain);
        var testInDomainExamples = test.Where(r => r.InDomain).ToList();
        var testInDomain = Score(model, testInDomainExamples, true, testRows, test, "Scoring the test split", progress, cancellationToken);
        var testSummaries = new Dictionary<string, EvaluationSummary>
        {
            ["public"] = EngineEvaluator.Summarize(testPublic, thresholds.Caution, thresholds.Hold),
            ["all"] = EngineEvaluator.Summarize([.. testPublic, .. testInDomain], thresholds.Caution, thresholds.Hold),
        };
        if (testInDomain.Count > 0)
        {
            testSummaries["inDomain"] = EngineEvaluator.Summarize(testInDomain, thresholds.Caution, thresholds.Hold);
        }

        var aucBySource = testPublic
            .GroupBy(r => r.Example.Source)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => FiniteOrNull(BinaryMetrics.RocAuc([.. g.Select(r => r.Risk)], [.. g.Select(r => r.Example.Label)])));

        // 6. The held-apart corpus, through the full engine, as the product would score it.
        EvaluationSummary? heldout = null;
        if (heldoutPath.Length > 0 && File.Exists(heldoutPath))
        {
            var heldoutExamples = LabelledFile.Read(heldoutPath, "heldout", inDomain: true);
            if (normalizer is not null)
            {
                progress?.Report(new TrainingProgress("Scoring the held-apart corpus", 0));
                var analyzer = new DraftAnalyzer(normalizer, detector, model, new AnalysisOptions { CautionThreshold = thresholds.Caution, HoldThreshold = thresholds.Hold });
                var results = EngineEvaluator.Run(analyzer, heldoutExamples, n => progress?.Report(new TrainingProgress("Scoring the held-apart corpus", (double)n / heldoutExamples.Count)), cancellationToken);
                heldout = EngineEvaluator.Summarize(results, thresholds.Caution, thresholds.Hold);
            }
            else
            {
                var heldoutRows = ToRows(heldoutExamples, 1, "Computing detector features (held-apart)", progress, cancellationToken);
                heldout = EngineEvaluator.Summarize(ScoreRows(model, ml, heldoutExamples, heldoutRows, _ => true), thresholds.Caution, thresholds.Hold);
                notes.Add("No draft normaliser: the held-apart corpus was scored row by row (each row as one sentence), not through the full engine.");
            }

            sources.Add(heldoutPath + " (evaluation only)");
        }

        if (normalizer is null)
        {
            notes.Add("In-domain rows were scored by the model alone (each row as one sentence), not through the full engine.");
        }

        var elapsed = time.GetElapsedTime(started);
        var trainingReport = new TrainingReport
        {
            CreatedUtc = time.GetUtcNow(),
            TrainingSeconds = Math.Round(elapsed.TotalSeconds, 1),
            Seed = options.Seed,
            MaxRows = options.MaxRows,
            Pipeline = Describe(options.Settings),
            Settings = options.Settings,
            Splits = new Dictionary<string, string>
            {
                ["train"] = $"fits the features and both heads ({100 - 200 * DataSplitter.PublicHoldShare:0}% of public groups, {100 - 200 * DataSplitter.InDomainHoldShare:0}% of corpus rows)",
                ["validation"] = $"fits the Platt calibrator and chooses the thresholds ({100 * DataSplitter.PublicHoldShare:0}% / {100 * DataSplitter.InDomainHoldShare:0}%)",
                ["test"] = $"held apart from training and every choice; only reported ({100 * DataSplitter.PublicHoldShare:0}% / {100 * DataSplitter.InDomainHoldShare:0}%)",
                ["heldout"] = "the project's held-apart corpus (Corpus/heldout.tsv): never trained on, never used for a choice",
            },
            Sources = [.. sources.Select(Path.GetFileName).OfType<string>()],
            Rows = new Dictionary<string, SplitCounts>
            {
                ["train"] = Count(train),
                ["validation"] = Count(validation),
                ["test"] = Count(test),
            },
            RowsBySource = rows.GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            CorpusWeight = Math.Round(corpusWeight, 3),
            Thresholds = thresholds,
            Validation = validationSummaries,
            Test = testSummaries,
            TestAucBySource = aucBySource,
            Heldout = heldout,
            Notes = notes,
        };
        progress?.Report(new TrainingProgress("Done", 1));
        return new TrainingResult(model, trainingReport);
    }

    /// <summary>Turns examples into model rows: prepared text, detector features, weight and category name.</summary>
    internal List<ToneTrainingRow> ToRows(IReadOnlyList<LabelledExample> examples, double corpusWeight, string stage, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var rows = new ToneTrainingRow[examples.Count];
        var done = 0;
        progress?.Report(new TrainingProgress(stage, 0));
        Parallel.For(0, examples.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var example = examples[i];
            rows[i] = new ToneTrainingRow
            {
                Text = ToneText.Prepare(example.Text),
                DetectorFeatures = Features(example.Text),
                Label = example.Label,
                Weight = (float)(example.InDomain ? corpusWeight : 1),
                Category = example.Label && example.Category is { } c ? ToneCategories.Name(c) : string.Empty,
                InDomain = example.InDomain,
            };
            var n = Interlocked.Increment(ref done);
            if (n % 2000 == 0)
            {
                progress?.Report(new TrainingProgress(stage, (double)n / examples.Count));
            }
        });
        progress?.Report(new TrainingProgress(stage, 1));
        return [.. rows];
    }

    /// <summary>The detector features of a text analysed as one sentence with no context, as the brief of the engine prescribes for training rows.</summary>
    internal float[] Features(string text) => detector.Detect(text, new Sentence(0, 0, text.Length, text), null).Features;

    // Scores in-domain rows through the full engine when a normaliser is at hand (as the product does), else row by row.
    private List<EngineResult> Score(
        ToneModel model,
        List<LabelledExample> examples,
        bool inDomain,
        List<ToneTrainingRow> splitRows,
        List<LabelledExample> splitExamples,
        string stage,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (inDomain && normalizer is not null)
        {
            // Thresholds are applied later; the analyser's own are irrelevant to the risk it returns.
            var analyzer = new DraftAnalyzer(normalizer, detector, model, new AnalysisOptions());
            progress?.Report(new TrainingProgress(stage, 0));
            return [.. EngineEvaluator.Run(analyzer, examples, n => progress?.Report(new TrainingProgress(stage, (double)n / Math.Max(1, examples.Count))), cancellationToken)];
        }

        var wanted = new HashSet<LabelledExample>(examples, ReferenceEqualityComparer.Instance);
        return ScoreRows(model, model.Context, splitExamples, splitRows, wanted.Contains);
    }

    // Scores prepared rows with one batch transform of the assembled chain: the same computation as Predict, faster.
    private static List<EngineResult> ScoreRows(ToneModel model, MLContext ml, IReadOnlyList<LabelledExample> examples, IReadOnlyList<ToneTrainingRow> rows, Func<LabelledExample, bool> include)
    {
        var picked = Enumerable.Range(0, examples.Count).Where(i => include(examples[i])).ToList();
        if (picked.Count == 0)
        {
            return [];
        }

        var view = ml.Data.LoadFromEnumerable(picked.Select(i => new ToneInput { Text = rows[i].Text, DetectorFeatures = rows[i].DetectorFeatures }));
        var scores = ml.Data.CreateEnumerable<ToneScore>(model.Transformer.Transform(view), reuseRowObject: false).ToList();
        var results = new List<EngineResult>(picked.Count);
        for (var k = 0; k < picked.Count; k++)
        {
            var p = Math.Clamp(scores[k].Probability, 0f, 1f);
            ToneCategory? top = null;
            if (scores[k].CategoryScores is { Length: ToneCategories.Count } cs && p > 0)
            {
                top = (ToneCategory)Array.IndexOf(cs, cs.Max());
            }

            // The level is filled in by the caller's thresholds through Summarize (it reads Risk only).
            results.Add(new EngineResult(examples[picked[k]], p, RiskLevel.Ok, top, DraftStatus.Ok));
        }

        return results;
    }

    private static ThresholdChoice ChooseThresholds(List<EngineResult> results, TrainingOptions options, bool inDomain)
    {
        var negatives = results.Where(r => !r.Example.Label).Select(r => r.Risk).ToList();
        var positives = results.Where(r => r.Example.Label).Select(r => r.Risk).ToList();
        var caution = ThresholdChooser.ForNegativeShare(negatives, options.CautionAim);
        var hold = Math.Max(caution, ThresholdChooser.ForNegativeShare(negatives, options.HoldAim));
        return new ThresholdChoice(
            caution,
            hold,
            inDomain ? "validation split, in-domain corpus rows labelled 0 (polite, firm, restating, apologies, neutral mentions of groups...)" : "validation split, all rows labelled 0 (no in-domain corpus)",
            $"under {options.CautionAim:P1} of those rows reach caution and under {options.HoldAim:P1} reach hold; the lowest such thresholds, to keep recall high",
            negatives.Count,
            negatives.Count(s => s >= caution) / (double)negatives.Count,
            negatives.Count(s => s >= hold) / (double)negatives.Count,
            positives.Count == 0 ? null : positives.Count(s => s >= caution) / (double)positives.Count,
            positives.Count == 0 ? null : positives.Count(s => s >= hold) / (double)positives.Count);
    }

    // Rare categories (the in-domain ones) would be drowned by public hostility rows: weigh each category up
    // towards the size of the largest one (square root, so a handful of rows cannot dominate).
    private static List<ToneTrainingRow> BalanceCategories(List<ToneTrainingRow> rows, float publicWeight)
    {
        double Weight(ToneTrainingRow r) => r.InDomain ? r.Weight : r.Weight * publicWeight;
        var totals = rows.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Sum(Weight));
        if (totals.Count == 0)
        {
            return rows;
        }

        var largest = totals.Values.Max();
        return [.. rows.Select(r => new ToneTrainingRow
        {
            Text = r.Text,
            DetectorFeatures = r.DetectorFeatures,
            Label = r.Label,
            Category = r.Category,
            InDomain = r.InDomain,
            Weight = (float)(Weight(r) * Math.Sqrt(largest / totals[r.Category])),
        })];
    }

    private static double? FiniteOrNull(double value) => double.IsFinite(value) ? value : null;

    private static SplitCounts Count(List<LabelledExample> rows) =>
        new(rows.Count, rows.Count(r => r.Label), rows.Count(r => r.InDomain), rows.Count(r => r.InDomain && r.Label));

    private static bool SamePath(string a, string b) =>
        a.Length > 0 && b.Length > 0 && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
