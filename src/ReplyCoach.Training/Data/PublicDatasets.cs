using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Training.Data;

/// <summary>
/// Reads the public labelled datasets (the shared datasets folder next to the repository, see its README) and maps
/// them onto ReplyCoach's labels.
/// The files are read where they lie; nothing is copied.
/// </summary>
public static partial class PublicDatasets
{
    /// <summary>The environment variable that names the datasets folder.</summary>
    public const string EnvironmentVariable = "REPLYCOACH_DATASETS";

    /// <summary>The files this reader expects.</summary>
    public static readonly IReadOnlyList<string> Files =
    [
        "paradetox_pairs.tsv",
        "toxic_spans_civil_comments.tsv",
        "wiki_talk_context_toxicity.tsv",
        "tweeteval_hate.tsv",
        "tweeteval_offensive.tsv",
    ];

    // Long texts are cut into sentences (the model scores one sentence at a time); shorter ones are kept whole.
    private const int MaxWholeWords = 40;
    private const int MinSentenceWords = 3;

    /// <summary>
    /// Finds the datasets folder: the explicit path, else <see cref="EnvironmentVariable"/>, else <c>../shared/datasets</c>
    /// relative to the repository root (found by walking up to ReplyCoach.sln) or to the current folder.
    /// </summary>
    /// <exception cref="DataException">No folder with the expected files was found.</exception>
    public static string Locate(string? explicitPath)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            candidates.Add(Path.GetFullPath(explicitPath));
        }
        else if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            candidates.Add(Path.GetFullPath(fromEnv));
        }
        else
        {
            if (RepoPaths.FindRoot(Directory.GetCurrentDirectory()) is { } root)
            {
                candidates.Add(Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets")));
            }

            candidates.Add(Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "datasets")));
        }

        foreach (var candidate in candidates.Distinct())
        {
            if (Directory.Exists(candidate))
            {
                var missing = Files.Where(f => !File.Exists(Path.Combine(candidate, f))).ToList();
                if (missing.Count > 0)
                {
                    throw new DataException($"The datasets folder '{candidate}' lacks {string.Join(", ", missing)}.");
                }

                return candidate;
            }
        }

        throw new DataException(
            $"The public datasets were not found (looked in {string.Join(", ", candidates.Distinct().Select(c => "'" + c + "'"))}). " +
            $"Pass --datasets DIR or set {EnvironmentVariable}.");
    }

    /// <summary>Reads every dataset in the folder.</summary>
    public static IEnumerable<LabelledExample> ReadAll(string folder) =>
        ReadParaDetox(Path.Combine(folder, "paradetox_pairs.tsv"))
            .Concat(ReadToxicSpans(Path.Combine(folder, "toxic_spans_civil_comments.tsv")))
            .Concat(ReadWikiTalk(Path.Combine(folder, "wiki_talk_context_toxicity.tsv")))
            .Concat(ReadTweetEval(Path.Combine(folder, "tweeteval_hate.tsv"), "tweeteval_hate"))
            .Concat(ReadTweetEval(Path.Combine(folder, "tweeteval_offensive.tsv"), "tweeteval_offensive"));

    /// <summary>ParaDetox: each toxic sentence is hostile; its human rewrites are the same content said civilly.</summary>
    public static IEnumerable<LabelledExample> ReadParaDetox(string path)
    {
        foreach (var row in TsvFile.Read(path))
        {
            var id = row["id"];
            var toxic = row["toxic"].Trim();
            if (toxic.Length > 0)
            {
                // Mostly insults and swearing, but unlabelled: no category rather than a guess.
                yield return new LabelledExample("paradetox", id, toxic, true, Profane(toxic) ? ToneCategory.Profanity : null, false);
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { toxic };
            foreach (var column in new[] { "neutral1", "neutral2", "neutral3" })
            {
                var neutral = row[column].Trim();
                if (neutral.Length > 0 && seen.Add(neutral))
                {
                    yield return new LabelledExample("paradetox", id, neutral, false, null, false);
                }
            }
        }
    }

    /// <summary>
    /// Toxic Spans (Civil Comments): every post was judged toxic. Posts most annotators found not toxic are left out;
    /// long posts are cut down to the sentences that hold the annotated spans.
    /// </summary>
    public static IEnumerable<LabelledExample> ReadToxicSpans(string path)
    {
        foreach (var row in TsvFile.Read(path))
        {
            if (row.Number("frac_ticked_not_toxic") >= 0.5)
            {
                continue;
            }

            var category = ToxicSpansCategory(row);
            var text = row["text"];
            var id = row["id"];
            if (WordCount(text) <= MaxWholeWords)
            {
                yield return new LabelledExample("toxic_spans", id, text, true, category, false);
                continue;
            }

            var spans = ParseSpans(row["gold_spans_char_offsets"]);
            if (spans.Count == 0)
            {
                continue;
            }

            foreach (var (start, length, sentence) in Sentences(text))
            {
                if (spans.Any(s => s.Start < start + length && s.End > start) && WordCount(sentence) >= MinSentenceWords)
                {
                    yield return new LabelledExample("toxic_spans", id, sentence, true, category, false);
                }
            }
        }
    }

    /// <summary>Wikipedia talk replies: civil disagreement (good negatives) and a few toxic replies.</summary>
    public static IEnumerable<LabelledExample> ReadWikiTalk(string path)
    {
        foreach (var row in TsvFile.Read(path))
        {
            var text = row["text"];
            var id = row["id"];
            if (row.Flag("toxic"))
            {
                yield return new LabelledExample("wiki_talk", id, text, true, Profane(text) ? ToneCategory.Profanity : ToneCategory.Hostility, false);
            }
            else if (WordCount(text) <= MaxWholeWords)
            {
                yield return new LabelledExample("wiki_talk", id, text, false, null, false);
            }
            else
            {
                foreach (var (_, _, sentence) in Sentences(text))
                {
                    if (WordCount(sentence) >= MinSentenceWords)
                    {
                        yield return new LabelledExample("wiki_talk", id, sentence, false, null, false);
                    }
                }
            }
        }
    }

    /// <summary>TweetEval hate (generalisation about a group) and offensive (hostility, or profanity when it swears).</summary>
    public static IEnumerable<LabelledExample> ReadTweetEval(string path, string source)
    {
        var hate = source == "tweeteval_hate";
        foreach (var row in TsvFile.Read(path))
        {
            var text = row["text"];
            if (!row.Flag("label"))
            {
                yield return new LabelledExample(source, row["id"], text, false, null, false);
                continue;
            }

            ToneCategory category = hate ? ToneCategory.Generalization : Profane(text) ? ToneCategory.Profanity : ToneCategory.Hostility;
            yield return new LabelledExample(source, row["id"], text, true, category, false);
        }
    }

    /// <summary>Splits a text into sentences (a plain rule: end punctuation followed by white space).</summary>
    public static IEnumerable<(int Start, int Length, string Text)> Sentences(string text)
    {
        var start = 0;
        foreach (Match m in SentenceBreak().Matches(text))
        {
            var piece = text[start..m.Index].Trim();
            if (piece.Length > 0)
            {
                yield return (start, m.Index - start, piece);
            }

            start = m.Index + m.Length;
        }

        var last = text[start..].Trim();
        if (last.Length > 0)
        {
            yield return (start, text.Length - start, last);
        }
    }

    /// <summary>Whether a text swears (a short list of common English profanity; used only to label training rows).</summary>
    public static bool Profane(string text) => ProfanityPattern().IsMatch(text);

    private static ToneCategory? ToxicSpansCategory(TsvRow row)
    {
        // The category most annotators ticked; "other toxicity" has no ReplyCoach category.
        (ToneCategory Category, double Share)[] votes =
        [
            (ToneCategory.Threat, row.Number("frac_threat")),
            (ToneCategory.Generalization, row.Number("frac_identity_attack")),
            (ToneCategory.Hostility, row.Number("frac_insult")),
            (ToneCategory.Profanity, row.Number("frac_profane_obscene")),
        ];
        var best = votes.MaxBy(v => v.Share);
        return best.Share > 0 ? best.Category : null;
    }

    private static List<(int Start, int End)> ParseSpans(string value)
    {
        var spans = new List<(int, int)>();
        foreach (Match m in SpanPattern().Matches(value))
        {
            spans.Add((int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return spans;
    }

    private static int WordCount(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\[\s*(\d+)\s*,\s*(\d+)\s*\]")]
    private static partial Regex SpanPattern();

    [GeneratedRegex(@"\b(f+u+c+k\w*|f\*+k\w*|sh[i1]t\w*|bullshit|crap\w*|damn\w*|goddamn\w*|ass|asses|asshole\w*|arse\w*|bitch\w*|bastard\w*|dick|dicks|dickhead\w*|cunt\w*|piss\w*|wtf|stfu|motherf\w*|screw you|cock|cocks|cocksucker\w*|whore\w*|slut\w*|twat\w*|wank\w*|prick|pricks|hell)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProfanityPattern();
}
