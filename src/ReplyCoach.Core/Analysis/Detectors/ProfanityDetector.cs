namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>Finds swear words, including masked and leetspeak spellings the tokenizer resolved.</summary>
internal sealed class ProfanityDetector(Lexicon lexicon, DetectorWords words, DetectorReasons reasons)
{
    /// <summary>Adds a candidate for every swear word that is not a name ("Dick Smith", "Hell's Kitchen").</summary>
    public void Find(ref SentenceState s)
    {
        var tokens = s.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            if (!t.Is(WordClass.Profanity) || t.Has(TokenFlags.ContractionPiece))
            {
                continue;
            }

            var ambiguous = words.AmbiguousProfanity.Contains(t.Word);

            // "Dick Smith", "Hell's Kitchen", "Bugger Lane": a capitalised ambiguous word mid-sentence is a name.
            // ... and so is one followed by another capitalised word ("Dick Smith from our Hull office").
            var name = t.Has(TokenFlags.Capitalized) && !t.Has(TokenFlags.AllCaps) &&
                       (i > 0 || (i + 1 < tokens.Length && tokens[i + 1].Has(TokenFlags.Capitalized) && !tokens[i + 1].Has(TokenFlags.AllCaps)));
            if (ambiguous && (name || t.Has(TokenFlags.Possessive) || (t.Has(TokenFlags.AllCaps) && t.Length <= 2)))
            {
                continue;
            }

            var strength = lexicon.Words[t.Word].Profanity;
            if (t.Word == words.Hell)
            {
                // "what the hell", "go to hell", "bloody hell", "hell no" are oaths; "a hell of a job" is mild.
                var prev = i > 0 ? tokens[i - 1].Word : -1;
                var next = i + 1 < tokens.Length ? tokens[i + 1].Word : -1;
                if (prev == words.The || prev == words.To || prev == words.Bloody || next == words.No)
                {
                    strength = 0.65f;
                }
            }

            var reason = t.Has(TokenFlags.Obfuscated) ? reasons.DisguisedSwear : strength < 0.5f ? reasons.MildSwear : reasons.Swear;
            s.Add(i, i + 1, i, ToneCategory.Profanity, t.Has(TokenFlags.Obfuscated) ? Math.Max(strength, 0.8f) : strength, reason, CandidateSource.Profanity);
        }
    }
}
