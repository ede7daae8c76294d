using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching.CoolingOff;
using ReplyCoach.Core.Coaching.Facts;
using ReplyCoach.Core.Coaching.LanguageModel;
using ReplyCoach.Core.Coaching.Rules;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Coaching;

/// <summary>
/// The coaching layer: for each flagged span, verified suggestions; for the draft, a verified full rewrite that
/// leaves everything but the flagged sentences byte-for-byte as it was; the risk that remains; and, with a
/// cooling-off policy, how long to wait before sending. Every rewording is re-scored by the engine and offered only
/// when it lowers the risk, keeps every fact and keeps every refusal. Stateless and safe to share between threads.
/// </summary>
public sealed partial class DraftCoach
{
    private const double Epsilon = 1e-6;

    private readonly DraftAnalyzer _analyzer;
    private readonly CoachingOptions _options;
    private readonly ISentenceRewriter? _languageModel;
    private readonly CoolingOffPolicy? _coolingOff;
    private readonly TimeProvider _time;

    /// <summary>Creates the coach.</summary>
    /// <param name="analyzer">The engine that scores drafts and re-scores rewordings.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="languageModel">A language-model rewriter asked first by <see cref="CoachAsync"/>; null (the default) for the built-in rewriter alone.</param>
    /// <param name="coolingOff">The cooling-off policy; null to give no advice.</param>
    /// <param name="timeProvider">The clock for the language model's timeout; the system clock when null.</param>
    public DraftCoach(
        DraftAnalyzer analyzer,
        CoachingOptions? options = null,
        ISentenceRewriter? languageModel = null,
        CoolingOffPolicy? coolingOff = null,
        TimeProvider? timeProvider = null)
    {
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        _options = options ?? new CoachingOptions();
        _languageModel = languageModel;
        _coolingOff = coolingOff;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The engine used for scoring.</summary>
    public DraftAnalyzer Analyzer => _analyzer;

    /// <summary>Coaches a draft with the built-in rewriter (no language model, no waiting).</summary>
    /// <param name="assessment">The draft's assessment.</param>
    /// <param name="context">What is known beyond the draft.</param>
    /// <param name="stop">
    /// A time budget (or any reason to stop): once it is cancelled no further sentence is coached, and the result so
    /// far is returned with <see cref="CoachingResult.Partial"/> set. It never throws for it.
    /// </param>
    public CoachingResult Coach(Assessment assessment, CoachingContext? context = null, CancellationToken stop = default) =>
        Coach(assessment, context, null, stop);

    /// <summary>
    /// Coaches a draft with the rewordings a language model proposed (<see cref="ProposeAsync"/>), verified like the
    /// built-in ones; a sentence without one, or whose rewording fails verification, gets the built-in rewriter's.
    /// </summary>
    /// <param name="assessment">The draft's assessment.</param>
    /// <param name="context">What is known beyond the draft.</param>
    /// <param name="rewordings">The language model's proposals, or null for none.</param>
    /// <param name="stop">As for <see cref="Coach(Assessment, CoachingContext?, CancellationToken)"/>.</param>
    public CoachingResult Coach(Assessment assessment, CoachingContext? context, LanguageModelRewordings? rewordings, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return Build(assessment, context, rewordings?.Proposals, [.. rewordings?.Notes ?? []], stop);
    }

    /// <summary>
    /// Coaches a draft, asking the language model first for each flagged sentence when one is configured; its
    /// answers are verified like the built-in ones, and a late, failed or unverifiable answer falls back to the
    /// built-in rewriter. The same as <see cref="ProposeAsync"/> followed by <see cref="Coach(Assessment, CoachingContext?, LanguageModelRewordings?, CancellationToken)"/>.
    /// </summary>
    public async Task<CoachingResult> CoachAsync(Assessment assessment, CoachingContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var rewordings = await ProposeAsync(assessment, cancellationToken).ConfigureAwait(false);
        return Coach(assessment, context, rewordings);
    }

    /// <summary>
    /// Asks the configured language model (none: nothing to ask) to reword the sentences that will be coached (at most
    /// <see cref="CoachingOptions.MaxCoachedSentences"/>), all at once under one deadline. Only waits; the verification
    /// happens in <see cref="Coach(Assessment, CoachingContext?, LanguageModelRewordings?, CancellationToken)"/>.
    /// </summary>
    public async Task<LanguageModelRewordings> ProposeAsync(Assessment assessment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (_languageModel is null)
        {
            return LanguageModelRewordings.None;
        }

        var flagged = Select(assessment).Coached;

        // Every call starts before any is awaited, so they run side by side and share the same deadline.
        var calls = new Task<(int Index, string? Text, string? Failure)>[flagged.Count];
        for (var i = 0; i < flagged.Count; i++)
        {
            calls[i] = AskLanguageModelAsync(assessment, flagged[i], cancellationToken);
        }

        var answers = await Task.WhenAll(calls).ConfigureAwait(false);
        var proposals = new Dictionary<int, string>();
        var notes = new List<string>();
        foreach (var (index, text, failure) in answers)
        {
            if (text is not null)
            {
                proposals[index] = text;
            }
            else
            {
                notes.Add($"Sentence {index + 1}: the language model {failure}; the built-in rewriter was used.");
            }
        }

        return new LanguageModelRewordings(proposals, notes);
    }

    private async Task<(int Index, string? Text, string? Failure)> AskLanguageModelAsync(Assessment assessment, SentenceAssessment sentence, CancellationToken cancellationToken)
    {
        var index = sentence.Sentence.Index;
        var flagged = SpansIn(assessment, sentence.Sentence)
            .Select(e => new FlaggedPhrase(assessment.Draft.Text.Substring(e.Start, e.Length), e.Category, e.Reason))
            .ToArray();
        var timeout = _options.LanguageModel.Timeout;
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // WaitAsync also gives up on a client that ignores its cancellation token.
            var text = await _languageModel!.RewriteAsync(new SentenceRewriteRequest(sentence.Sentence.Text, flagged), linked.Token)
                .WaitAsync(timeout, _time, cancellationToken)
                .ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(text) ? (index, null, "gave no answer") : (index, text.Trim(), null);
        }
        catch (TimeoutException)
        {
            // Tell the client to stop too: the deadline's own timer may not have fired yet.
            await linked.CancelAsync().ConfigureAwait(false);
            return (index, null, $"did not answer within {timeout.TotalSeconds:0.##} s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (index, null, $"did not answer within {timeout.TotalSeconds:0.##} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type only: an exception message may quote the draft.
            return (index, null, $"failed ({e.GetType().Name})");
        }
    }

    private CoachingResult Build(Assessment assessment, CoachingContext? context, IReadOnlyDictionary<int, string>? proposals, List<string> notes, CancellationToken stop)
    {
        var draft = assessment.Draft;
        var incoming = context?.Incoming ?? draft.QuotedMessage;
        var caution = _analyzer.Options.CautionThreshold;
        var html = OriginalEditor.IsHtml(draft);
        var upset = IncomingMood.IsUpset(incoming);
        IReadOnlySet<string>? knownNames = null;

        var (flaggedSentences, coached) = Select(assessment);
        var toCoach = coached.Select(static s => s.Sentence.Index).ToHashSet();
        var spansBySentence = SpansBySentence(assessment);
        var suggestionsLeft = _options.MaxSuggestions;
        var spansWithoutSuggestions = 0;
        var stopped = false;

        var spanResults = new List<SpanCoaching>();
        var chosen = new List<(Work Work, Verified? Choice)>();
        foreach (var sentence in flaggedSentences)
        {
            var evidence = spansBySentence.TryGetValue(sentence.Sentence.Index, out var list) ? list : [];
            stopped |= toCoach.Contains(sentence.Sentence.Index) && stop.IsCancellationRequested;
            if (stopped || !toCoach.Contains(sentence.Sentence.Index))
            {
                // Beyond the cap, or after the budget ran out: the spans are reported, without suggestions or a rewording.
                foreach (var span in evidence)
                {
                    spanResults.Add(new SpanCoaching(span, assessment.ToOriginal(span), draft.Text.Substring(span.Start, span.Length), sentence.Sentence.Index, []));
                }

                continue;
            }

            var work = new Work(assessment, sentence, evidence);
            if (work.Shouting)
            {
                knownNames ??= KnownNames(draft);
            }

            var names = work.Shouting ? knownNames! : EmptyNames;
            Verified? fromModel = null;
            if (proposals is not null && proposals.TryGetValue(sentence.Sentence.Index, out var proposal))
            {
                fromModel = Verify(work, proposal, "reworded by the language model", [], RewriteSource.LanguageModel, incoming);
                if (fromModel is null)
                {
                    notes.Add($"Sentence {sentence.Sentence.Index + 1}: the language model's rewording did not pass verification (risk, facts or meaning); the built-in rewriter was used.");
                }
            }

            foreach (var span in work.Evidence)
            {
                var most = Math.Min(_options.MaxSuggestionsPerSpan, suggestionsLeft);
                var suggestions = new List<Suggestion>(Math.Max(most, 0));
                if (most <= 0)
                {
                    spansWithoutSuggestions++;
                }
                else
                {
                    if (fromModel is not null)
                    {
                        suggestions.Add(ToSuggestion(draft, work, fromModel, html));
                    }

                    var local = new LocalSpan(span.Start - work.Sentence.Start, span.Length, span.Category);
                    foreach (var candidate in RuleRewriter.ForSpan(work.Sentence.Text, local, work.Shouting, names))
                    {
                        if (suggestions.Count >= most)
                        {
                            break;
                        }

                        if (suggestions.Any(s => string.Equals(s.SentenceAfter, candidate.Text, StringComparison.Ordinal)))
                        {
                            continue;
                        }

                        if (Verify(work, candidate.Text, candidate.Rationale, candidate.Touched, RewriteSource.BuiltIn, incoming) is { } verified)
                        {
                            suggestions.Add(ToSuggestion(draft, work, verified, html));
                        }
                    }

                    suggestionsLeft -= suggestions.Count;
                }

                spanResults.Add(new SpanCoaching(span, assessment.ToOriginal(span), draft.Text.Substring(span.Start, span.Length), sentence.Sentence.Index, suggestions));
            }

            var best = fromModel is { Risk: var r } && r < caution ? fromModel : null;
            var fallback = fromModel;
            if (best is null)
            {
                foreach (var candidate in RuleRewriter.ForSentence(work.Sentence.Text, work.Local, work.Shouting, names))
                {
                    if (Verify(work, candidate.Text, candidate.Rationale, candidate.Touched, RewriteSource.BuiltIn, incoming) is not { } verified)
                    {
                        continue;
                    }

                    if (verified.Risk < caution)
                    {
                        best = verified;
                        break;
                    }

                    if (fallback is null || verified.Risk < fallback.Risk - Epsilon)
                    {
                        fallback = verified;
                    }
                }
            }

            chosen.Add((work, best ?? fallback));
        }

        var rewrite = BuildRewrite(assessment, chosen, incoming, upset, html, caution, notes);
        var fixedSentences = rewrite.Sentences.Where(static s => s.Fixed).Select(static s => s.SentenceIndex).ToHashSet();
        var unfixed = new List<Evidence>();
        foreach (var sentence in flaggedSentences)
        {
            if (!fixedSentences.Contains(sentence.Sentence.Index) && spansBySentence.TryGetValue(sentence.Sentence.Index, out var evidence))
            {
                unfixed.AddRange(evidence);
            }
        }

        CoolingOffAdvice? advice = null;
        if (_coolingOff is not null)
        {
            advice = _coolingOff.Advise(new CoolingOffRequest(
                assessment.Level,
                assessment.Categories,
                upset,
                context?.IncomingReceivedAt,
                context?.RecentFlaggedDrafts ?? 0,
                context?.Recipient));
        }

        return new CoachingResult(assessment, spanResults, rewrite, rewrite.Assessment.Risk, rewrite.Assessment.Level, unfixed, upset, advice, notes)
        {
            Partial = stopped,
            UncoachedSentences = flaggedSentences.Count - chosen.Count,
            SpansWithoutSuggestions = spansWithoutSuggestions,
        };
    }

    /// <summary>
    /// The flagged sentences (at or above caution) in text order, and those of them that are coached: all of them, or
    /// when there are more than <see cref="CoachingOptions.MaxCoachedSentences"/>, the riskiest (the earlier of two
    /// equally risky), again in text order.
    /// </summary>
    private (IReadOnlyList<SentenceAssessment> Flagged, IReadOnlyList<SentenceAssessment> Coached) Select(Assessment assessment)
    {
        var caution = _analyzer.Options.CautionThreshold;
        var flagged = assessment.Sentences.Where(s => s.Risk >= caution).ToList();
        if (flagged.Count <= _options.MaxCoachedSentences)
        {
            return (flagged, flagged);
        }

        var coached = flagged
            .OrderByDescending(static s => s.Risk)
            .ThenBy(static s => s.Sentence.Index)
            .Take(_options.MaxCoachedSentences)
            .OrderBy(static s => s.Sentence.Index)
            .ToList();
        return (flagged, coached);
    }

    // The spans of each sentence in one pass (both are in text order): asking per sentence would cost sentences × spans.
    private static Dictionary<int, List<Evidence>> SpansBySentence(Assessment assessment)
    {
        var result = new Dictionary<int, List<Evidence>>();
        var sentences = assessment.Sentences;
        var s = 0;
        foreach (var span in assessment.Spans)
        {
            while (s < sentences.Count && sentences[s].Sentence.End <= span.Start)
            {
                s++;
            }

            if (s < sentences.Count && span.Start >= sentences[s].Sentence.Start)
            {
                var index = sentences[s].Sentence.Index;
                if (!result.TryGetValue(index, out var list))
                {
                    result[index] = list = [];
                }

                list.Add(span);
            }
        }

        return result;
    }

    private DraftRewrite BuildRewrite(Assessment assessment, List<(Work Work, Verified? Choice)> chosen, string? incoming, bool upset, bool html, double caution, List<string> notes)
    {
        var draft = assessment.Draft;
        var results = new List<SentenceRewrite>(chosen.Count);
        var own = new Dictionary<int, List<TextEdit>>();
        var after = new Dictionary<int, string>();
        foreach (var (work, choice) in chosen)
        {
            var sentence = work.Sentence;
            if (choice is null)
            {
                results.Add(new SentenceRewrite(sentence.Index, sentence.Text, sentence.Text, "no rewording lowered the risk while keeping every fact and the meaning", work.Risk, work.Risk, RewriteSource.BuiltIn, false));
                continue;
            }

            own[sentence.Index] = SentenceEdits(draft, sentence, choice.Text, html);
            after[sentence.Index] = choice.Text;
            results.Add(new SentenceRewrite(sentence.Index, sentence.Text, choice.Text, choice.Rationale, work.Risk, choice.Risk, choice.Source, choice.Risk < caution));
        }

        if (own.Count == 0 && chosen.Count == 0)
        {
            return Unchanged(assessment, results);
        }

        var edits = own.Values.SelectMany(static e => e).OrderBy(static e => e.Start).ToList();
        string? opener = null;
        TextEdit? openerEdit = null;
        if (_options.AddOpener && upset && chosen.Count > 0 && !IncomingMood.HasAcknowledgement(draft.Text)
            && OpenerPosition(draft) is { } position
            && !edits.Any(e => e.Start < position && position < e.Start + Math.Max(e.Length, 1))
            && !(own.TryGetValue(0, out var firstEdits) && position > draft.Sentences[0].Start && firstEdits.Any(e => e.Start < position)))
        {
            opener = _options.Opener.Trim();
            openerEdit = OriginalEditor.ToEdit(draft, position, 0, opener + " ", html, insertBefore: true);
            edits.Insert(edits.FindIndex(e => e.Start >= position) is var at && at >= 0 ? at : edits.Count, openerEdit);
        }

        if (edits.Count == 0)
        {
            return Unchanged(assessment, results);
        }

        edits = RemoveOverlaps(edits);
        var content = OriginalEditor.ApplyToOriginal(draft.Original, edits);
        var sentences = RebuildSentences(draft, edits, own, after, openerEdit);
        var rewritten = OriginalEditor.Rebuild(draft, edits, content, sentences);
        var rescored = Rescore(assessment, rewritten, own.Keys, incoming);

        // Belt and braces: every fact of a reworded sentence must be somewhere in the rewritten text (the sentence
        // checks passed; this catches a splice that went wrong).
        var missing = chosen
            .Where(c => after.ContainsKey(c.Work.Sentence.Index))
            .SelectMany(c => FactExtractor.Missing(c.Work.Facts, rewritten.Text, c.Choice!.FactExempt))
            .ToArray();
        if (missing.Length > 0 || rescored.Risk > assessment.Risk + Epsilon)
        {
            notes.Add(missing.Length > 0
                ? $"The full rewrite was dropped: it lost {missing.Length} fact(s) ({string.Join(", ", missing.Select(static f => f.Kind).Distinct())})."
                : "The full rewrite was dropped: re-scored as a whole it did not lower the risk.");
            var kept = results.Select(r => r with { After = r.Before, RiskAfter = r.RiskBefore, Fixed = false, Rationale = "the full rewrite did not pass verification" }).ToList();
            return Unchanged(assessment, kept);
        }

        // Per-sentence verdicts from the whole-draft re-score (context such as a neighbouring sentence can matter).
        var rescoredResults = results.Select(r =>
        {
            if (!after.ContainsKey(r.SentenceIndex) || r.After.Length == 0)
            {
                return r;
            }

            var match = rescored.Sentences.FirstOrDefault(s => string.Equals(s.Sentence.Text, r.After, StringComparison.Ordinal));
            return match is null ? r : r with { RiskAfter = match.Risk, Fixed = match.Risk < caution };
        }).ToList();
        return new DraftRewrite(content, rewritten.Text, edits, rescoredResults, opener, rescored);
    }

    // Re-scores the rewrite: every reworded sentence and the opener afresh in the rewritten text; the untouched
    // sentences keep their verdicts (moved to their new offsets), which is what scoring them again would give.
    private Assessment Rescore(Assessment before, NormalizedDraft rewritten, IEnumerable<int> changed, string? incoming)
    {
        var changedSet = changed.ToHashSet();
        var unchanged = new Queue<SentenceAssessment>(before.Sentences.Where(s => !changedSet.Contains(s.Sentence.Index)));
        var caution = _analyzer.Options.CautionThreshold;
        var sentences = new List<SentenceAssessment>(rewritten.Sentences.Count);
        var spans = new List<Evidence>();
        var categories = ToneCategories.All.ToDictionary(static c => c, static _ => 0.0);
        double risk = 0;
        foreach (var sentence in rewritten.Sentences)
        {
            SentenceAssessment assessed;
            if (unchanged.TryPeek(out var old) && string.Equals(old.Sentence.Text, sentence.Text, StringComparison.Ordinal))
            {
                unchanged.Dequeue();
                var shift = sentence.Start - old.Sentence.Start;
                assessed = old with
                {
                    Sentence = sentence,
                    Hits = shift == 0 ? old.Hits : [.. old.Hits.Select(h => h with { Start = h.Start + shift })],
                };
            }
            else
            {
                assessed = _analyzer.AnalyzeSentence(rewritten.Text, sentence, incoming);
            }

            sentences.Add(assessed);
            risk = Math.Max(risk, assessed.Risk);
            foreach (var (category, score) in assessed.Categories)
            {
                categories[category] = Math.Max(categories[category], score);
            }

            if (assessed.Risk >= caution)
            {
                spans.AddRange(assessed.Hits);
            }
        }

        var omitted = DraftAnalyzer.LimitSpans(spans, _analyzer.Options.MaxSpansPerCategory);
        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        return new Assessment(rewritten, risk, _analyzer.Options.LevelFor(risk), categories, spans, sentences)
        {
            UnscoredSentences = before.UnscoredSentences,
            OmittedSpans = omitted,
        };
    }

    private static DraftRewrite Unchanged(Assessment assessment, IReadOnlyList<SentenceRewrite> results) =>
        new(assessment.Draft.Original, assessment.Draft.Text, [], results, null, assessment);

    private Verified? Verify(Work work, string text, string rationale, IReadOnlyList<(int Start, int Length)> touched, RewriteSource source, string? incoming)
    {
        var original = work.Sentence.Text;
        text = text.Trim();
        if (string.Equals(text, original, StringComparison.Ordinal))
        {
            return null;
        }

        IReadOnlyList<(int Start, int Length)> factExempt = touched.Count == 0 ? work.NameExempt : [.. work.NameExempt, .. touched];
        IReadOnlyList<(int Start, int Length)> markerExempt = touched.Count == 0 ? work.MarkerExempt : [.. work.MarkerExempt, .. touched];
        if (FactExtractor.Missing(work.Facts, text, factExempt).Count > 0 || !MeaningGuard.KeepsMeaning(original, text, markerExempt))
        {
            return null;
        }

        double risk = 0, mass = 0;
        if (text.Length > 0)
        {
            var draftText = work.Assessment.Draft.Text;
            var sentence = work.Sentence;
            var newText = string.Concat(draftText.AsSpan(0, sentence.Start), text, draftText.AsSpan(sentence.End));
            var scored = _analyzer.AnalyzeSentence(newText, new Sentence(sentence.Index, sentence.Start, text.Length, text), incoming);
            risk = scored.Risk;
            mass = Mass(scored.Hits);
        }

        // Lower risk, or (when other words in the sentence keep the risk where it was) less evidence and no more risk.
        var lowers = risk < work.Risk - Epsilon || (risk <= work.Risk + Epsilon && mass < work.Mass - Epsilon);
        return lowers ? new Verified(text, rationale, risk, source, factExempt) : null;
    }

    private static Suggestion ToSuggestion(NormalizedDraft draft, Work work, Verified verified, bool html) =>
        new(verified.Text, verified.Rationale, SentenceEdits(draft, work.Sentence, verified.Text, html), work.Risk, verified.Risk, verified.Source);

    // The edits that turn one sentence into its rewording: word-level, or the whole sentence and its trailing space when dropped.
    private static List<TextEdit> SentenceEdits(NormalizedDraft draft, Sentence sentence, string after, bool html)
    {
        var text = draft.Text;
        if (after.Length == 0)
        {
            var start = sentence.Start;
            var end = sentence.End;
            while (end < text.Length && text[end] is ' ' or '\t' or '\u00A0')
            {
                end++;
            }

            if (end == sentence.End)
            {
                while (start > 0 && text[start - 1] is ' ' or '\t' or '\u00A0')
                {
                    start--;
                }
            }

            return [OriginalEditor.ToEdit(draft, start, end - start, string.Empty, html)];
        }

        var edits = new List<TextEdit>();
        foreach (var hunk in Coarsen(sentence.Text, TextDiff.Diff(sentence.Text, after)))
        {
            edits.Add(OriginalEditor.ToEdit(draft, sentence.Start + hunk.Start, hunk.Length, hunk.Replacement, html));
        }

        return edits;
    }

    // Word diffs of a reworded sentence interleave ("You|It looks like the phone must|may have been ..."): hunks
    // separated by a word or two are merged, so each edit reads as one change and the add-in applies few of them.
    private static List<Hunk> Coarsen(string before, List<Hunk> hunks)
    {
        if (hunks.Count < 2)
        {
            return hunks;
        }

        var merged = new List<Hunk> { hunks[0] };
        for (var i = 1; i < hunks.Count; i++)
        {
            var last = merged[^1];
            var next = hunks[i];
            var gapStart = last.Start + last.Length;
            var gap = before.AsSpan(gapStart, next.Start - gapStart);
            if (gap.Length <= 12 || gap.Count(' ') <= 2)
            {
                merged[^1] = new Hunk(last.Start, next.Start + next.Length - last.Start, last.Replacement + gap.ToString() + next.Replacement);
            }
            else
            {
                merged.Add(next);
            }
        }

        return merged;
    }

    private static List<TextEdit> RemoveOverlaps(List<TextEdit> edits)
    {
        var result = new List<TextEdit>(edits.Count);
        var end = 0;
        var originalEnd = 0;
        foreach (var edit in edits)
        {
            if (result.Count > 0 && (edit.Start < end || edit.OriginalStart < originalEnd))
            {
                // Only two deletions of the space between dropped sentences can meet here; the first one wins.
                if (edit.Length > 0 && edit.Start + edit.Length > end && edit.Replacement.Length == 0)
                {
                    continue;
                }

                continue;
            }

            result.Add(edit);
            end = Math.Max(end, edit.Start + edit.Length);
            originalEnd = Math.Max(originalEnd, edit.OriginalStart + edit.OriginalLength);
        }

        return result;
    }

    private static IReadOnlyList<Sentence> RebuildSentences(
        NormalizedDraft draft,
        List<TextEdit> edits,
        Dictionary<int, List<TextEdit>> own,
        Dictionary<int, string> after,
        TextEdit? opener)
    {
        var result = new List<Sentence>(draft.Sentences.Count + 1);
        var newText = TextDiff.Apply(draft.Text, edits.Select(static e => new Hunk(e.Start, e.Length, e.Replacement)).ToList());
        void Add(int start, int length)
        {
            // Sentences carry no surrounding whitespace.
            while (length > 0 && char.IsWhiteSpace(newText[start]))
            {
                start++;
                length--;
            }

            while (length > 0 && char.IsWhiteSpace(newText[start + length - 1]))
            {
                length--;
            }

            if (length > 0)
            {
                result.Add(new Sentence(result.Count, start, length, newText.Substring(start, length)));
            }
        }

        foreach (var sentence in draft.Sentences)
        {
            var ownEdits = own.TryGetValue(sentence.Index, out var list) ? list : null;
            var shift = 0;
            foreach (var edit in edits)
            {
                if (edit.Start + edit.Length <= sentence.Start && (ownEdits is null || !ownEdits.Contains(edit)) && edit != opener)
                {
                    shift += edit.Replacement.Length - edit.Length;
                }
            }

            if (opener is not null && opener.Start <= sentence.Start)
            {
                shift += opener.Replacement.Length;
            }

            var text = after.TryGetValue(sentence.Index, out var reworded) ? reworded : sentence.Text;
            if (text.Length == 0)
            {
                continue;
            }

            var start = sentence.Start + shift;
            if (opener is not null && opener.Start == sentence.Start)
            {
                Add(start - opener.Replacement.Length, opener.Replacement.Length);
            }

            if (opener is not null && opener.Start > sentence.Start && opener.Start < sentence.End)
            {
                // The opener went in after the greeting line of this sentence.
                var head = opener.Start - sentence.Start;
                Add(start, head);
                Add(start + head, opener.Replacement.Length);
                Add(start + head + opener.Replacement.Length, text.Length - head);
                continue;
            }

            Add(start, text.Length);
        }

        return result;
    }

    private static int? OpenerPosition(NormalizedDraft draft)
    {
        if (draft.Sentences.Count == 0)
        {
            return null;
        }

        var first = draft.Sentences[0];
        var greeting = Greeting().Match(first.Text);
        if (!greeting.Success)
        {
            return first.Start;
        }

        var newline = first.Text.IndexOf('\n', greeting.Index);
        if (newline >= 0)
        {
            var p = first.Start + newline;
            while (p < first.End && char.IsWhiteSpace(draft.Text[p]))
            {
                p++;
            }

            return p < first.End ? p : draft.Sentences.Count > 1 ? draft.Sentences[1].Start : null;
        }

        return greeting.Length >= first.Text.TrimEnd().Length - 1 && draft.Sentences.Count > 1 ? draft.Sentences[1].Start : null;
    }

    private static IReadOnlyList<Evidence> SpansIn(Assessment assessment, Sentence sentence) =>
        assessment.Spans.Where(e => e.Start >= sentence.Start && e.Start < sentence.End).ToArray();

    private static IReadOnlySet<string> KnownNames(NormalizedDraft draft)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in draft.Stripped.Select(static p => p.Text).Prepend(draft.Text))
        {
            foreach (var fact in FactExtractor.Extract(text))
            {
                if (fact.Kind == FactKind.Name && fact.Text.Any(char.IsLower))
                {
                    names.Add(fact.Text);
                }
            }
        }

        return names;
    }

    private static readonly IReadOnlySet<string> EmptyNames = new HashSet<string>();

    private static double Mass(IReadOnlyList<Evidence> hits)
    {
        double mass = 0;
        foreach (var hit in hits)
        {
            mass += hit.Strength;
        }

        return mass;
    }

    [GeneratedRegex(@"^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings)\b[^\n.!?]{0,60}?(?:,|\n|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Greeting();

    /// <summary>A verified rewording of one sentence.</summary>
    private sealed record Verified(string Text, string Rationale, double Risk, RewriteSource Source, IReadOnlyList<(int Start, int Length)> FactExempt);

    /// <summary>One flagged sentence and what the verification needs to know about it.</summary>
    private sealed class Work
    {
        public Work(Assessment assessment, SentenceAssessment assessed, IReadOnlyList<Evidence> evidence)
        {
            Assessment = assessment;
            Sentence = assessed.Sentence;
            Risk = assessed.Risk;
            Mass = DraftCoach.Mass(assessed.Hits);
            Evidence = evidence;
            Local = evidence.Select(e => new LocalSpan(e.Start - Sentence.Start, Math.Min(e.Length, Sentence.End - e.Start), e.Category)).ToArray();
            Facts = FactExtractor.Extract(Sentence.Text);
            Shouting = (assessed.Context & ContextFlags.Shouting) != 0 || RuleRewriter.IsShouting(Sentence.Text);

            // Words a whole-sentence span covers are not exempt: that would let a refusal be dropped.
            var partial = Local.Where(s => s.Length < Sentence.Text.Trim().Length * 0.8).ToArray();
            MarkerExempt = partial.Select(static s => (s.Start, s.Length)).ToArray();
            NameExempt = partial
                .Where(static s => s.Category is ToneCategory.Generalization or ToneCategory.Hostility or ToneCategory.Profanity or ToneCategory.Condescension)
                .Select(static s => (s.Start, s.Length))
                .ToArray();
        }

        public Assessment Assessment { get; }

        public Sentence Sentence { get; }

        public double Risk { get; }

        public double Mass { get; }

        public IReadOnlyList<Evidence> Evidence { get; }

        public IReadOnlyList<LocalSpan> Local { get; }

        public IReadOnlyList<Fact> Facts { get; }

        public bool Shouting { get; }

        public IReadOnlyList<(int Start, int Length)> MarkerExempt { get; }

        public IReadOnlyList<(int Start, int Length)> NameExempt { get; }
    }
}
