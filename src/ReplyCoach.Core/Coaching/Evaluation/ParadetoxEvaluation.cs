using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching.Facts;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Coaching.Evaluation;

/// <summary>What the built-in rewriter achieved on a file of toxic sentences with human neutral rewrites.</summary>
/// <param name="Rows">Sentences read.</param>
/// <param name="FlaggedBefore">Sentences the engine put at or above caution before rewriting.</param>
/// <param name="BelowCautionAfter">Of those, how many the rewrite brought below caution.</param>
/// <param name="Changed">Sentences the coach changed at all.</param>
/// <param name="ChrFToReferences">Corpus chrF of the outputs (the rewrite, or the sentence unchanged when not flagged) to the human rewrites.</param>
/// <param name="ChrFToSource">Corpus chrF of the outputs to the toxic source.</param>
/// <param name="ChrFSourceToReferences">Corpus chrF of the unchanged source to the human rewrites: the do-nothing baseline.</param>
/// <param name="ChrFFlaggedToReferences">Corpus chrF to the human rewrites over the flagged sentences only.</param>
/// <param name="ChrFFlaggedSourceToReferences">Baseline for the flagged sentences: the source to the human rewrites.</param>
/// <param name="WithFacts">Flagged sentences with at least one fact (number, id, URL, name...).</param>
/// <param name="FactsKept">Of those, how many kept every fact in the rewrite.</param>
/// <param name="Elapsed">Time spent.</param>
public sealed record ParadetoxReport(
    int Rows,
    int FlaggedBefore,
    int BelowCautionAfter,
    int Changed,
    double ChrFToReferences,
    double ChrFToSource,
    double ChrFSourceToReferences,
    double ChrFFlaggedToReferences,
    double ChrFFlaggedSourceToReferences,
    int WithFacts,
    int FactsKept,
    TimeSpan Elapsed)
{
    /// <summary>Share of flagged sentences brought below caution.</summary>
    public double BelowCautionShare => FlaggedBefore == 0 ? 0 : (double)BelowCautionAfter / FlaggedBefore;

    /// <summary>Share of flagged sentences with facts that kept them all.</summary>
    public double FactsKeptShare => WithFacts == 0 ? 1 : (double)FactsKept / WithFacts;
}

/// <summary>
/// Measures the coach on ParaDetox-style pairs (a TSV with columns id, toxic, neutral1, neutral2, neutral3, ...):
/// each toxic sentence is scored, coached with the built-in rewriter, and compared with the human rewrites.
/// The data set is read from where it lies; nothing of it is copied.
/// </summary>
public static class ParadetoxEvaluation
{
    /// <summary>Runs the measurement.</summary>
    /// <param name="coach">The coach (its analyser scores before and after).</param>
    /// <param name="path">The TSV file.</param>
    /// <param name="limit">Read at most this many rows (0: all).</param>
    /// <param name="samples">When given, receives each flagged sentence: source, rewrite, first human rewrite (for reading, not for the repository).</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static async Task<ParadetoxReport> RunAsync(DraftCoach coach, string path, int limit = 0, Action<string, string, string>? samples = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coach);
        ArgumentNullException.ThrowIfNull(path);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var caution = coach.Analyzer.Options.CautionThreshold;
        ChrF toReferences = new(), toSource = new(), baseline = new(), flaggedToReferences = new(), flaggedBaseline = new();
        int rows = 0, flagged = 0, below = 0, changed = 0, withFacts = 0, factsKept = 0;

        using var reader = new StreamReader(path);
        var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("The file is empty.");
        var columns = header.Split('\t');
        var toxicColumn = Array.IndexOf(columns, "toxic");
        var referenceColumns = columns.Select((name, i) => (name, i)).Where(c => c.name.StartsWith("neutral", StringComparison.Ordinal)).Select(c => c.i).ToArray();
        if (toxicColumn < 0 || referenceColumns.Length == 0)
        {
            throw new InvalidDataException("Expected a header with a 'toxic' column and 'neutral…' columns.");
        }

        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (limit > 0 && rows >= limit)
            {
                break;
            }

            var fields = line.Split('\t');
            if (fields.Length <= toxicColumn || string.IsNullOrWhiteSpace(fields[toxicColumn]))
            {
                continue;
            }

            var source = fields[toxicColumn].Trim();
            var references = referenceColumns.Where(i => i < fields.Length && !string.IsNullOrWhiteSpace(fields[i])).Select(i => fields[i].Trim()).ToArray();
            if (references.Length == 0)
            {
                continue;
            }

            rows++;
            var assessment = coach.Analyzer.Analyze(source, DraftFormat.Text);
            var result = coach.Coach(assessment);
            var output = result.Rewrite.Text;
            if (result.Rewrite.Changed)
            {
                changed++;
            }

            toReferences.Add(output, references);
            toSource.Add(output, [source]);
            baseline.Add(assessment.Draft.Text, references);
            if (assessment.Risk < caution)
            {
                continue;
            }

            flagged++;
            samples?.Invoke(source, output, references[0]);
            flaggedToReferences.Add(output, references);
            flaggedBaseline.Add(assessment.Draft.Text, references);
            if (result.RemainingRisk < caution)
            {
                below++;
            }

            var facts = FactExtractor.Extract(assessment.Draft.Text);
            if (facts.Count > 0)
            {
                withFacts++;
                if (FactExtractor.Missing(facts, output).Count == 0)
                {
                    factsKept++;
                }
            }
        }

        return new ParadetoxReport(
            rows, flagged, below, changed,
            toReferences.Score, toSource.Score, baseline.Score, flaggedToReferences.Score, flaggedBaseline.Score,
            withFacts, factsKept, started.Elapsed);
    }
}
