using System.CommandLine;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Analysis.Detectors;
using ReplyCoach.Core.Drafts;
using ReplyCoach.Training;
using ReplyCoach.Training.Data;
using ReplyCoach.Training.Evaluation;
using Spectre.Console;

namespace ReplyCoach.Cli.Commands;

/// <summary>
/// <c>replycoach train</c>: trains the tone model from the public datasets and the project's own corpus, reports on
/// the held-apart splits, and writes the model with its metrics.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var datasets = new Option<string?>("--datasets")
        {
            Description = $"Folder of the public datasets (default: ${PublicDatasets.EnvironmentVariable}, else ../shared/datasets next to the repository).",
        };
        var corpus = new Option<string?>("--corpus") { Description = "The in-domain training corpus, TSV or JSONL (default: src/ReplyCoach.Training/Corpus/train.tsv)." };
        var heldout = new Option<string?>("--heldout")
        {
            Description = "The held-apart corpus, evaluated on only, never trained on (default: src/ReplyCoach.Training/Corpus/heldout.tsv; 'none' to skip).",
        };
        var output = new Option<string>("--out") { Description = "Folder for replycoach-tone.zip and metrics.json.", DefaultValueFactory = _ => Path.Combine("out", "model") };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the trainers (same seed, same model).", DefaultValueFactory = _ => 42 };
        var maxRows = new Option<int>("--max-rows") { Description = "Train on a reproducible subset of N rows (a fast run for CI); 0 for all rows." };
        var corpusWeight = new Option<double?>("--corpus-weight") { Description = "Weight of each in-domain corpus row (default: the corpus weighs twice as much as all public rows together, at most 100 a row)." };

        var command = new Command("train", "Train the tone model from the public datasets and the project's corpus; writes the model and its metrics.")
        {
            datasets, corpus, heldout, output, seed, maxRows, corpusWeight,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(maxRows) < 0)
            {
                throw new CliException("--max-rows must be 0 or more.");
            }

            if (parse.GetValue(corpusWeight) is <= 0)
            {
                throw new CliException("--corpus-weight must be more than 0.");
            }

            var heldoutValue = parse.GetValue(heldout);
            var options = new TrainingOptions
            {
                DatasetsFolder = parse.GetValue(datasets),
                CorpusPath = parse.GetValue(corpus),
                HeldoutPath = string.Equals(heldoutValue, "none", StringComparison.OrdinalIgnoreCase) ? string.Empty : heldoutValue,
                Seed = parse.GetValue(seed),
                MaxRows = parse.GetValue(maxRows),
                CorpusWeight = parse.GetValue(corpusWeight),
            };
            var outFolder = parse.GetValue(output)!;

            var trainer = new ToneTrainer(new ToneDetector(), new DraftNormalizer(), TimeProvider.System);
            TrainingResult result;
            try
            {
                result = RunWithProgress(trainer, options, cancellationToken);
            }
            catch (DataException e)
            {
                throw new CliException(e.Message);
            }

            var modelPath = result.Save(outFolder);
            Print(result.Report, modelPath, Path.Combine(outFolder, TrainingResult.MetricsFileName));
            return Task.FromResult(0);
        });
        return command;
    }

    private static TrainingResult RunWithProgress(ToneTrainer trainer, TrainingOptions options, CancellationToken cancellationToken)
    {
        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context => result = trainer.Train(options, new StageProgress(context), cancellationToken));
        return result!;
    }

    private static void Print(TrainingReport report, string modelPath, string metricsPath)
    {
        AnsiConsole.WriteLine();
        var rows = new Table().Title("Rows per split").AddColumns("split", "rows", "hostile", "in-domain", "in-domain hostile");
        foreach (var (name, counts) in report.Rows)
        {
            rows.AddRow(name, $"{counts.Rows:N0}", $"{counts.Hostile:N0}", $"{counts.InDomain:N0}", $"{counts.InDomainHostile:N0}");
        }

        AnsiConsole.Write(rows);
        foreach (var (name, purpose) in report.Splits)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"  {name}: {purpose}"));
        }

        // P = precision, R = recall of hostile rows, FP = share of label-0 rows flagged.
        var table = new Table().Title("Held apart (thresholds chosen on validation)")
            .AddColumns("data", "rows", "AUC", "AP", "caution P", "caution R", "caution FP", "hold R", "hold FP");
        foreach (var (name, summary) in report.Test)
        {
            AddSummaryRow(table, $"test {name}", summary);
        }

        if (report.Heldout is { } heldout)
        {
            AddSummaryRow(table, "heldout.tsv", heldout);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("  P precision, R recall of hostile rows, FP share of label-0 rows flagged; heldout.tsv through the full engine.");

        if (report.Heldout is { Categories.Count: > 0 } h)
        {
            var categories = new Table().Title("heldout.tsv per category").AddColumns("category", "rows", "R caution", "R hold", "category acc.", "acc. flagged");
            foreach (var (name, c) in h.Categories)
            {
                categories.AddRow(name, c.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), Pct(c.RecallAtCaution), Pct(c.RecallAtHold), Pct(c.CategoryAccuracy), Pct(c.CategoryAccuracyWhenFlagged));
            }

            AnsiConsole.Write(categories);
        }

        if (report.Thresholds is { } t)
        {
            AnsiConsole.MarkupLine($"[bold]Proposed thresholds[/]: caution [bold]{t.Caution:0.000}[/], hold [bold]{t.Hold:0.000}[/]");
            AnsiConsole.MarkupLine(Markup.Escape($"  chosen on: {t.ChosenOn} ({t.NegativeRows} rows)"));
            AnsiConsole.MarkupLine(Markup.Escape($"  aim: {t.Aim}"));
            AnsiConsole.MarkupLine(Markup.Escape($"  on those rows: {Pct(t.NegativeShareAtCaution)} reach caution, {Pct(t.NegativeShareAtHold)} reach hold; hostile recall {Pct(t.HostileRecallAtCaution)} at caution, {Pct(t.HostileRecallAtHold)} at hold"));
            AnsiConsole.MarkupLine(Markup.Escape($"  to use them: ReplyCoach__Analysis__CautionThreshold={t.Caution:0.000} ReplyCoach__Analysis__HoldThreshold={t.Hold:0.000}"));
        }

        foreach (var note in report.Notes)
        {
            AnsiConsole.MarkupLine($"[yellow]note[/]: {Markup.Escape(note)}");
        }

        AnsiConsole.MarkupLine(Markup.Escape($"Trained in {report.TrainingSeconds:0.0} s. Wrote {modelPath} ({new FileInfo(modelPath).Length / 1024.0 / 1024.0:0.00} MB) and {metricsPath}."));
    }

    private static void AddSummaryRow(Table table, string name, EvaluationSummary s) =>
        table.AddRow(
            Markup.Escape(name),
            $"{s.Rows:N0}",
            Num(s.RocAuc),
            Num(s.AveragePrecision),
            Pct(s.Caution.Precision),
            Pct(s.Caution.Recall),
            Pct(s.Caution.FalsePositiveRate),
            Pct(s.Hold.Recall),
            Pct(s.Hold.FalsePositiveRate));

    // "12.3%": the invariant culture's "P1" puts a space before the sign, which wastes a column in narrow tables.
    internal static string Pct(double? value) => value is { } v ? (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "-";

    internal static string Num(double? value) => value is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-";

    /// <summary>Shows each training stage as its own progress line (a spinner when the stage cannot tell how far it is).</summary>
    private sealed class StageProgress(ProgressContext context) : IProgress<TrainingProgress>
    {
        private readonly Lock _gate = new();
        private ProgressTask? _current;

        public void Report(TrainingProgress value)
        {
            lock (_gate)
            {
                if (_current is null || _current.Description != value.Stage)
                {
                    if (_current is not null)
                    {
                        _current.IsIndeterminate = false;
                        _current.Value = _current.MaxValue;
                        _current.StopTask();
                    }

                    _current = context.AddTask(value.Stage, autoStart: true, maxValue: 1);
                }

                _current.IsIndeterminate = value.Fraction is null;
                if (value.Fraction is { } fraction)
                {
                    _current.Value = Math.Clamp(fraction, 0, 1);
                }

                if (value.Stage.StartsWith("Done", StringComparison.Ordinal))
                {
                    _current.Value = 1;
                    _current.StopTask();
                }
            }
        }
    }
}
