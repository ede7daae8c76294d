namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// Finds shouting: most words in capitals (abbreviations such as USB or FAQ do not count) or a run of exclamation
/// marks. It is a context flag; when the sentence addresses the reader it also adds a little hostility.
/// </summary>
internal sealed class ShoutingDetector(Lexicon lexicon, DetectorReasons reasons)
{
    /// <summary>Sets <see cref="ContextFlags.Shouting"/>, and adds a candidate when the sentence addresses the reader.</summary>
    public void Find(ref SentenceState s)
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
            if (t.Has(TokenFlags.AllCaps) && !lexicon.IsAcronym(s.Lower.Slice(t.Start, t.Length)))
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
            s.Add(firstCap, lastCap + 1, firstCap, ToneCategory.Hostility, 0.35f, reasons.ShoutCaps, CandidateSource.Shouting, RuleOptions.KeepNegated | RuleOptions.KeepConditional | RuleOptions.KeepHedged);
        }
        else
        {
            s.Add(bang, bang + 1, bang, ToneCategory.Hostility, 0.3f, reasons.ShoutMarks, CandidateSource.Shouting, RuleOptions.KeepNegated | RuleOptions.KeepConditional | RuleOptions.KeepHedged);
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
