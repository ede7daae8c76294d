namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// The context that decides what the candidate findings are worth: scopes set by context rules (reported speech,
/// apologies, retractions, empathy), single-word context (conditionals, hedges, who is addressed, negation,
/// quotation), and the customer's own words echoed back. Applies it to every candidate, drops what it cancels,
/// merges overlaps and builds the evidence.
/// </summary>
internal sealed class ContextDetector(DetectorWords words, RuleSet rules)
{
    private const float DropBelow = 0.15f;

    private const WordClass ScopeEnd = WordClass.ClauseBreak | WordClass.Semi | WordClass.HardBoundary | WordClass.Dash;

    private const WordClass HarshWords =
        WordClass.Sensitive | WordClass.FaultNoun | WordClass.InsultNoun | WordClass.InsultAdj | WordClass.Profanity |
        WordClass.Slur | WordClass.NegEval;

    /// <summary>Applies a matched context rule: its flag, and its scope over the tokens it governs.</summary>
    public static void ApplyRule(ref SentenceState s, Rule rule, int start, int end)
    {
        s.Flags |= rule.Flag;
        if (rule.ScopeBits == Scope.None)
        {
            return;
        }

        var tokens = s.Tokens;
        int from, to;
        switch (rule.ScopeKind)
        {
            case ScopeKind.After:
                from = end;
                // "I'm sorry, you must have dropped it": a comma straight after the cue starts a new thought.
                if (from < tokens.Length && tokens[from].Is(WordClass.Comma))
                {
                    return;
                }

                to = from;
                while (to < tokens.Length && !tokens[to].Is(ScopeEnd))
                {
                    to++;
                }

                break;
            case ScopeKind.Before:
                to = start;
                from = start;
                while (from > 0 && !tokens[from - 1].Is(ScopeEnd))
                {
                    from--;
                }

                break;
            case ScopeKind.Sentence:
                from = 0;
                to = tokens.Length;
                break;
            default:
                from = start;
                to = end;
                break;
        }

        for (var k = from; k < to; k++)
        {
            s.Scopes[k] |= rule.ScopeBits;
        }
    }

    /// <summary>Context carried by single words: conditionals, hedges, who is addressed, negated or quoted harsh words.</summary>
    public void MarkLexicalContext(ref SentenceState s)
    {
        var tokens = s.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            if (t.Is(WordClass.Reader) && !t.Has(TokenFlags.InQuote))
            {
                s.Flags |= ContextFlags.AddressesReader;
            }

            if (t.Is(WordClass.Conditional))
            {
                // "as if I care" is not a condition.
                if (i > 0 && tokens[i - 1].Word == words.As)
                {
                    continue;
                }

                s.Flags |= ContextFlags.Hedged;
                for (var k = i; k < tokens.Length && (k == i || !tokens[k].Is(ScopeEnd | WordClass.Comma)); k++)
                {
                    s.Scopes[k] |= Scope.Conditional;
                }
            }
            else if (t.Is(WordClass.Hedge) && !t.Has(TokenFlags.InQuote) && !(t.Has(TokenFlags.Capitalized) && i > 0))
            {
                s.Flags |= ContextFlags.Hedged;
                for (var k = i; k < tokens.Length && !tokens[k].Is(ScopeEnd); k++)
                {
                    s.Scopes[k] |= Scope.Hedge;
                }
            }

            if (t.Is(HarshWords))
            {
                if (t.Has(TokenFlags.InQuote))
                {
                    s.Flags |= ContextFlags.Quotation;
                }

                if (IsNegated(tokens, i))
                {
                    s.Flags |= ContextFlags.Negated;
                }
            }
        }
    }

    /// <summary>
    /// Whether a negation governs token <paramref name="key"/>: a negator earlier in the same clause that is not part of a
    /// fixed phrase ("not only", "no doubt") or a prohibition ("don't be an idiot" still calls the reader an idiot).
    /// </summary>
    private bool IsNegated(ReadOnlySpan<Token> tokens, int key)
    {
        // A match that opens with a conjunction and a new subject ("... and you know it") starts its own clause.
        if (tokens[key].Is(WordClass.WeakBreak | WordClass.ClauseBreak) && key + 1 < tokens.Length &&
            tokens[key + 1].Is(WordClass.You | WordClass.FirstPerson | WordClass.ThirdPerson))
        {
            return false;
        }

        var limit = Math.Max(0, key - 9);
        for (var j = key - 1; j >= limit; j--)
        {
            ref readonly var t = ref tokens[j];
            if (t.Is(WordClass.HardBoundary | WordClass.Comma | WordClass.Semi | WordClass.Dash | WordClass.ClauseBreak))
            {
                return false;
            }

            if (t.Is(WordClass.WeakBreak) && j + 1 < tokens.Length && tokens[j + 1].Is(WordClass.You | WordClass.FirstPerson | WordClass.ThirdPerson))
            {
                return false;
            }

            if (!t.Is(WordClass.Negator))
            {
                continue;
            }

            if (j + 1 < tokens.Length)
            {
                ref readonly var next = ref tokens[j + 1];
                if (next.Is(WordClass.Punctuation) || words.NegationExceptions.Contains(next.Word))
                {
                    continue; // "No, ..." is an interjection; "not only" and "no doubt" do not negate
                }

                // "don't be an idiot", "don't you dare": a prohibition, not a denial.
                if (j > 0 && tokens[j - 1].Word == words.Do && (next.Word == words.Be || next.Is(WordClass.You)) &&
                    PatternMatcher.IsClauseStart(tokens, j - 1))
                {
                    continue;
                }
            }

            return true;
        }

        return false;
    }

    /// <summary>Applies context to every candidate, drops what context cancels, merges overlaps, and builds the evidence.</summary>
    public IReadOnlyList<Evidence> Resolve(ref SentenceState s, int baseOffset, string? incoming)
    {
        var tokens = s.Tokens;
        var candidates = s.Candidates[..s.CandidateCount];
        for (var c = 0; c < candidates.Length; c++)
        {
            ref var cand = ref candidates[c];
            if (cand.Source != CandidateSource.Shouting)
            {
                TrimPunctuation(tokens, ref cand);
            }

            if (cand.First >= cand.End)
            {
                cand.Strength = 0;
                continue;
            }

            cand.Strength = ApplyContext(ref s, cand, incoming);
        }

        List<Evidence>? hits = null;
        for (var c = 0; c < candidates.Length; c++)
        {
            ref readonly var cand = ref candidates[c];
            if (cand.Strength < DropBelow || Superseded(candidates, c))
            {
                continue;
            }

            var start = tokens[cand.First].Start;
            var end = tokens[cand.End - 1].End;
            hits ??= new List<Evidence>(2);
            hits.Add(new Evidence(baseOffset + start, end - start, cand.Category, rules.Reason(cand.Reason), MathF.Round(Math.Min(cand.Strength, 1f), 3)));
        }

        return hits is null ? DetectorEngine.NoHits : hits;
    }

    private float ApplyContext(ref SentenceState s, in Candidate cand, string? incoming)
    {
        var tokens = s.Tokens;
        var strength = cand.Strength;
        var profanity = cand.Category == ToneCategory.Profanity;
        var scope = s.Scopes[cand.Key] | s.Scopes[cand.First];

        // Someone else's words, or words the agent is apologising for or taking back.
        if ((scope & (Scope.Reported | Scope.Apology | Scope.Retraction | Scope.Empathy)) != 0)
        {
            strength *= profanity ? 0.3f : 0f;
        }

        if (cand.Category == ToneCategory.Generalization && (scope & Scope.Meta) != 0)
        {
            return 0;
        }

        if (cand.Category == ToneCategory.Threat && (scope & Scope.OnBehalf) != 0)
        {
            return 0;
        }

        if ((scope & Scope.Negation) != 0 && !profanity)
        {
            s.Flags |= ContextFlags.Negated;
            return 0;
        }

        if (!profanity && cand.Source != CandidateSource.Shouting)
        {
            if ((cand.Options & RuleOptions.KeepNegated) == 0 && IsNegated(tokens, cand.Key))
            {
                s.Flags |= ContextFlags.Negated;
                return 0;
            }

            if ((scope & Scope.Conditional) != 0 && (cand.Options & RuleOptions.KeepConditional) == 0)
            {
                return 0;
            }

            if ((scope & Scope.Hedge) != 0 && (cand.Options & RuleOptions.KeepHedged) == 0)
            {
                strength *= cand.Category == ToneCategory.Dismissiveness || cand.Category == ToneCategory.Condescension ? 0.8f : 0.6f;
            }
        }

        if (InQuotes(tokens, cand))
        {
            s.Flags |= ContextFlags.Quotation;
            strength *= profanity ? 0.3f : 0.25f;
        }

        if (strength > 0 && incoming is not null && cand.Source != CandidateSource.Shouting && EchoesCustomer(ref s, cand, incoming))
        {
            s.Flags |= ContextFlags.ReportedSpeech;
            strength *= profanity ? 0.3f : 0f;
        }

        return strength;
    }

    // The finding is a quotation when its key word is quoted, or all its words are: "what part of 'no' do you not
    // understand" merely contains a quotation and is not one.
    private static bool InQuotes(ReadOnlySpan<Token> tokens, in Candidate cand)
    {
        if (tokens[cand.Key].Has(TokenFlags.InQuote))
        {
            return true;
        }

        var words = 0;
        for (var k = cand.First; k < cand.End; k++)
        {
            if (tokens[k].Has(TokenFlags.Word))
            {
                words++;
                if (!tokens[k].Has(TokenFlags.InQuote))
                {
                    return false;
                }
            }
        }

        return words > 0;
    }

    /// <summary>
    /// Whether the candidate's harsh words are the customer's own, repeated and framed as theirs: the customer used
    /// them in <paramref name="incoming"/>, and the sentence frames them ("you called it", "as you put it", quotes,
    /// "regarding your ...").
    /// </summary>
    private bool EchoesCustomer(ref SentenceState s, in Candidate cand, string incoming)
    {
        var tokens = s.Tokens;
        var framed = (s.Flags & (ContextFlags.ReportedSpeech | ContextFlags.Quotation)) != 0;
        for (var k = 0; k < tokens.Length && !framed; k++)
        {
            var w = tokens[k].Word;
            framed = w == words.Called || w == words.Word || w == words.Term || w == words.SoCalled ||
                     (tokens[k].Is(WordClass.CommVerb) && k > 0 && tokens[k - 1].Is(WordClass.You));
        }

        if (!framed)
        {
            return false;
        }

        for (var k = cand.First; k < cand.End; k++)
        {
            ref readonly var t = ref tokens[k];
            if (!t.Is(HarshWords | WordClass.InsultAdjWeak | WordClass.InsultNounWeak) || t.Has(TokenFlags.ContractionPiece))
            {
                continue;
            }

            if (ContainsWord(incoming, s.Text.Slice(t.Start, t.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsWord(string haystack, ReadOnlySpan<char> word)
    {
        var span = haystack.AsSpan();
        var offset = 0;
        while (offset < span.Length)
        {
            var at = span[offset..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            var start = offset + at;
            var end = start + word.Length;
            var leftOk = start == 0 || !char.IsLetter(span[start - 1]);
            var rightOk = end >= span.Length || !char.IsLetter(span[end]);
            if (leftOk && rightOk)
            {
                return true;
            }

            offset = start + 1;
        }

        return false;
    }

    private static void TrimPunctuation(ReadOnlySpan<Token> tokens, ref Candidate cand)
    {
        while (cand.First < cand.End && tokens[cand.First].Is(WordClass.Punctuation))
        {
            cand.First++;
        }

        while (cand.End > cand.First && tokens[cand.End - 1].Is(WordClass.Punctuation))
        {
            cand.End--;
        }
    }

    // Two findings of the same category over overlapping words: keep the stronger (the earlier one on a tie).
    private static bool Superseded(ReadOnlySpan<Candidate> candidates, int index)
    {
        ref readonly var me = ref candidates[index];
        for (var o = 0; o < candidates.Length; o++)
        {
            if (o == index)
            {
                continue;
            }

            ref readonly var other = ref candidates[o];
            if (other.Category != me.Category || other.Strength < DropBelow || other.First >= me.End || me.First >= other.End)
            {
                continue;
            }

            if (other.Strength > me.Strength || (other.Strength == me.Strength && o < index))
            {
                return true;
            }
        }

        return false;
    }
}
