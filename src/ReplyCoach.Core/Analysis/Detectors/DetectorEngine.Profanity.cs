namespace ReplyCoach.Core.Analysis.Detectors;

internal sealed partial class DetectorEngine
{
    /// <summary>Swear words, including masked and leetspeak spellings the tokenizer resolved.</summary>
    private void FindProfanity(ref SentenceState s)
    {
        var tokens = s.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            if (!t.Is(WordClass.Profanity) || t.Has(TokenFlags.ContractionPiece))
            {
                continue;
            }

            var ambiguous = _w.AmbiguousProfanity.Contains(t.Word);

            // "Dick Smith", "Hell's Kitchen", "Bugger Lane": a capitalised ambiguous word mid-sentence is a name.
            // ... and so is one followed by another capitalised word ("Dick Smith from our Hull office").
            var name = t.Has(TokenFlags.Capitalized) && !t.Has(TokenFlags.AllCaps) &&
                       (i > 0 || (i + 1 < tokens.Length && tokens[i + 1].Has(TokenFlags.Capitalized) && !tokens[i + 1].Has(TokenFlags.AllCaps)));
            if (ambiguous && (name || t.Has(TokenFlags.Possessive) || (t.Has(TokenFlags.AllCaps) && t.Length <= 2)))
            {
                continue;
            }

            var strength = _lexicon.Words[t.Word].Profanity;
            if (t.Word == _w.Hell)
            {
                // "what the hell", "go to hell", "bloody hell", "hell no" are oaths; "a hell of a job" is mild.
                var prev = i > 0 ? tokens[i - 1].Word : -1;
                var next = i + 1 < tokens.Length ? tokens[i + 1].Word : -1;
                if (prev == _w.The || prev == _w.To || prev == _w.Bloody || next == _w.No)
                {
                    strength = 0.65f;
                }
            }

            var reason = t.Has(TokenFlags.Obfuscated) ? _reasons.DisguisedSwear : strength < 0.5f ? _reasons.MildSwear : _reasons.Swear;
            s.Add(i, i + 1, i, ToneCategory.Profanity, t.Has(TokenFlags.Obfuscated) ? Math.Max(strength, 0.8f) : strength, reason, CandidateSource.Profanity);
        }
    }

    /// <summary>
    /// Shouting: most words in capitals (abbreviations such as USB or FAQ do not count) or a run of exclamation marks.
    /// It is a context flag; when the sentence addresses the reader it also adds a little hostility.
    /// </summary>
    private void FindShouting(ref SentenceState s)
    {
        var tokens = s.Tokens;
        int words = 0, caps = 0, firstCap = -1, lastCap = -1, bang = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            if (t.Is(WordClass.EndMark) && t.Repeat >= 3 && s.Lower.Slice(t.Start, t.Length).Contains('!'))
            {
                bang = i;
                continue;
            }

            if (!t.Has(TokenFlags.Word) || t.Has(TokenFlags.ContractionPiece) || !HasTwoLetters(s.Text.Slice(t.Start, t.Length)))
            {
                continue;
            }

            words++;
            if (t.Has(TokenFlags.AllCaps) && !_lexicon.IsAcronym(s.Lower.Slice(t.Start, t.Length)))
            {
                caps++;
                firstCap = firstCap < 0 ? i : firstCap;
                lastCap = i;
            }
        }

        var capitals = words >= 3 && caps >= 3 && caps * 10 >= words * 6;
        if (!capitals && bang < 0)
        {
            return;
        }

        s.Flags |= ContextFlags.Shouting;
        if ((s.Flags & ContextFlags.AddressesReader) == 0)
        {
            return;
        }

        if (capitals)
        {
            s.Add(firstCap, lastCap + 1, firstCap, ToneCategory.Hostility, 0.35f, _reasons.ShoutCaps, CandidateSource.Shouting, RuleOptions.KeepNegated | RuleOptions.KeepConditional | RuleOptions.KeepHedged);
        }
        else
        {
            s.Add(bang, bang + 1, bang, ToneCategory.Hostility, 0.3f, _reasons.ShoutMarks, CandidateSource.Shouting, RuleOptions.KeepNegated | RuleOptions.KeepConditional | RuleOptions.KeepHedged);
        }
    }

    private static bool HasTwoLetters(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c) && ++letters >= 2)
            {
                return true;
            }
        }

        return false;
    }
}
