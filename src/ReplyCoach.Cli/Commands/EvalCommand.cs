using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Training;
using ReplyCoach.Training.Data;
using ReplyCoach.Training.Evaluation;
using ScottPlot;
using Spectre.Console;

namespace ReplyCoach.Cli.Commands;

/// <summary>
/// <c>replycoach eval FILE</c>: runs every labelled text of a file through the full engine (normaliser, detectors,
/// model, thresholds in force) and reports ROC AUC, precision and recall at the caution and hold thresholds,
/// per-category figures and a confusion table; writes a metrics JSON and a PNG with the ROC and precision-recall curves.
/// </summary>
internal static class EvalCommand
{
    public const string MetricsFileName = "eval-metrics.json";
    public const string PlotFileName = "eval-curves.png";

    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "Labelled texts: TSV with a header naming 'text' and 'label' (0/1), optionally 'category' and 'kind'; or JSON Lines {\"text\",\"label\",\"category\"?}.",
        };
        var output = new Option<string>("--out") { Description = "Folder for eval-metrics.json and eval-curves.png.", DefaultValueFactory = _ => Path.Combine("out", "eval") };
        var model = new Option<string?>("--model") { Description = "A model file from 'replycoach train' instead of the built-in model." };

        var command = new Command("eval", "Evaluate the full engine on a labelled file: AUC, precision/recall at the thresholds, per-category figures, curves.")
        {
            file, output, model,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            List<LabelledExample> examples;
            try
            {
                examples = LabelledFile.Read(path, Path.GetFileNameWithoutExtension(path), inDomain: true);
            }
            catch (DataException e)
            {
                throw new CliException(e.Message);
            }

            if (examples.Count == 0)
            {
                throw new CliException($"'{path}' has no labelled rows.");
            }

            var analyzer = EngineFactory.CreateAnalyzer(parse.GetValue(model));
            if (!analyzer.HasModel)
            {
                AnsiConsole.MarkupLine("[yellow]note[/]: no model is loaded; the detectors alone are scored.");
            }

            var started = TimeProvider.System.GetTimestamp();
            var results = RunWithProgress(analyzer, examples, cancellationToken);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var options = analyzer.Options;
            var summary = EngineEvaluator.Summarize(results, options.CautionThreshold, options.HoldThreshold);

            var outFolder = parse.GetValue(output)!;
            Directory.CreateDirectory(outFolder);
            var metricsPath = Path.Combine(outFolder, MetricsFileName);
            var plotPath = Path.Combine(outFolder, PlotFileName);
            WriteMetrics(metricsPath, path, analyzer, summary, elapsed);
            WritePlot(plotPath, results, summary, Path.GetFileName(path));

            Print(summary, path, options, elapsed);
            AnsiConsole.MarkupLine(Markup.Escape($"Wrote {metricsPath} and {plotPath}."));
            return Task.FromResult(0);
        });
        return command;
    }

    private static IReadOnlyList<EngineResult> RunWithProgress(DraftAnalyzer analyzer, List<LabelledExample> examples, CancellationToken cancellationToken)
    {
        // A bar only pays off on long runs; a few hundred rows finish before it would draw.
        if (examples.Count < 2000 || Console.IsOutputRedirected)
        {
            return EngineEvaluator.Run(analyzer, examples, null, cancellationToken);
        }

        IReadOnlyList<EngineResult>? results = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Analysing", maxValue: examples.Count);
                results = EngineEvaluator.Run(analyzer, examples, n => task.Value = n, cancellationToken);
                task.Value = examples.Count;
            });
        return results!;
    }

    private static void Print(EvaluationSummary s, string path, AnalysisOptions options, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine(Markup.Escape(
            $"{Path.GetFileName(path)}: {s.Rows} rows ({s.Positives} hostile, {s.Negatives} not), analysed by the full engine in {elapsed.TotalSeconds:0.0} s" +
            (s.NotAnalysed > 0 ? $"; {s.NotAnalysed} rows not analysable (empty or not English) scored 0" : string.Empty) + "."));

        var main = new Table().Title("Hostility").AddColumns("measure", "value");
        main.AddRow("ROC AUC", TrainCommand.Num(s.RocAuc));
        main.AddRow("average precision", TrainCommand.Num(s.AveragePrecision));
        foreach (var (name, at) in new[] { ("caution", s.Caution), ("hold", s.Hold) })
        {
            main.AddRow($"{name} (risk >= {at.Threshold.ToString("0.000", inv)}): precision", TrainCommand.Pct(at.Precision));
            main.AddRow($"{name}: recall of hostile rows", TrainCommand.Pct(at.Recall));
            main.AddRow($"{name}: share of label-0 rows flagged", TrainCommand.Pct(at.FalsePositiveRate));
        }

        main.AddRow("category accuracy (hostile rows with a category)", TrainCommand.Pct(s.CategoryAccuracy));
        main.AddRow("category accuracy when flagged", TrainCommand.Pct(s.CategoryAccuracyWhenFlagged));
        AnsiConsole.Write(main);

        var confusion = new Table().Title("Level by label").AddColumns("level", "label 0", "label 1");
        foreach (var (level, counts) in s.Confusion)
        {
            confusion.AddRow(level, counts.Label0.ToString(inv), counts.Label1.ToString(inv));
        }

        AnsiConsole.Write(confusion);

        if (s.Categories.Count > 0)
        {
            var categories = new Table().Title("Per category (hostile rows)").AddColumns("category", "rows", "recall caution", "recall hold", "category acc.", "acc. flagged");
            foreach (var (name, c) in s.Categories)
            {
                categories.AddRow(name, c.Rows.ToString(inv), TrainCommand.Pct(c.RecallAtCaution), TrainCommand.Pct(c.RecallAtHold), TrainCommand.Pct(c.CategoryAccuracy), TrainCommand.Pct(c.CategoryAccuracyWhenFlagged));
            }

            AnsiConsole.Write(categories);
        }

        if (s.Kinds.Count > 0)
        {
            var kinds = new Table().Title("Per kind").AddColumns("kind (label)", "rows", "at caution", "at hold");
            foreach (var (name, k) in s.Kinds)
            {
                kinds.AddRow(Markup.Escape(name), k.Rows.ToString(inv), TrainCommand.Pct(k.ShareAtCaution), TrainCommand.Pct(k.ShareAtHold));
            }

            AnsiConsole.Write(kinds);
        }

        AnsiConsole.MarkupLine(Markup.Escape($"Thresholds in force: caution {options.CautionThreshold.ToString("0.000", inv)}, hold {options.HoldThreshold.ToString("0.000", inv)} (configure with ReplyCoach__Analysis__CautionThreshold / HoldThreshold)."));
    }

    private static void WriteMetrics(string metricsPath, string inputPath, DraftAnalyzer analyzer, EvaluationSummary summary, TimeSpan elapsed)
    {
        var document = new Dictionary<string, object?>
        {
            ["file"] = Path.GetFileName(inputPath),
            ["evaluatedUtc"] = TimeProvider.System.GetUtcNow(),
            ["engine"] = analyzer.HasModel ? "normaliser + detectors + model" : "normaliser + detectors (no model)",
            ["cautionThreshold"] = analyzer.Options.CautionThreshold,
            ["holdThreshold"] = analyzer.Options.HoldThreshold,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 2),
            ["summary"] = summary,
        };
        File.WriteAllText(metricsPath, JsonSerializer.Serialize(document, TrainingReport.JsonOptions) + "\n");
    }

    private static void WritePlot(string plotPath, IReadOnlyList<EngineResult> results, EvaluationSummary summary, string title)
    {
        var scores = results.Select(r => r.Risk).ToArray();
        var labels = results.Select(r => r.Example.Label).ToArray();

        var roc = new Plot();
        if (summary.Positives > 0 && summary.Negatives > 0)
        {
            var curve = BinaryMetrics.RocCurve(scores, labels);
            var line = roc.Add.ScatterLine(curve.Select(p => p.FalsePositiveRate).ToArray(), curve.Select(p => p.TruePositiveRate).ToArray());
            line.LegendText = $"engine (AUC {TrainCommand.Num(summary.RocAuc)})";
            line.LineWidth = 2;
            var chance = roc.Add.Line(0, 0, 1, 1);
            chance.LinePattern = LinePattern.Dashed;
            chance.LegendText = "chance";
            MarkThreshold(roc, summary.Caution.FalsePositiveRate, summary.Caution.Recall, "caution", Colors.Orange);
            MarkThreshold(roc, summary.Hold.FalsePositiveRate, summary.Hold.Recall, "hold", Colors.Red);
        }

        roc.Title($"ROC: {title}");
        roc.XLabel("share of label-0 rows flagged (false positive rate)");
        roc.YLabel("share of hostile rows flagged (recall)");
        roc.Axes.SetLimits(0, 1, 0, 1.02);
        roc.ShowLegend(Alignment.LowerRight);

        var pr = new Plot();
        if (summary.Positives > 0)
        {
            var curve = BinaryMetrics.PrecisionRecallCurve(scores, labels);
            var line = pr.Add.ScatterLine(curve.Select(p => p.Recall).ToArray(), curve.Select(p => p.Precision).ToArray());
            line.LegendText = $"engine (AP {TrainCommand.Num(summary.AveragePrecision)})";
            line.LineWidth = 2;
            MarkThreshold(pr, summary.Caution.Recall, summary.Caution.Precision, "caution", Colors.Orange);
            MarkThreshold(pr, summary.Hold.Recall, summary.Hold.Precision, "hold", Colors.Red);
        }

        pr.Title($"Precision-recall: {title}");
        pr.XLabel("recall");
        pr.YLabel("precision");
        pr.Axes.SetLimits(0, 1, 0, 1.02);
        pr.ShowLegend(Alignment.LowerLeft);

        var both = new Multiplot(roc);
        both.AddPlot(pr);
        both.Layout = new ScottPlot.MultiplotLayouts.Columns();
        both.SavePng(plotPath, 1400, 600);
    }

    private static void MarkThreshold(Plot plot, double? x, double? y, string name, ScottPlot.Color color)
    {
        if (x is { } px && y is { } py)
        {
            var marker = plot.Add.Marker(px, py, MarkerShape.FilledCircle, 10, color);
            marker.LegendText = name;
        }
    }
}
