namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// Finds insulting nouns and adjectives and judges them by whom they are aimed at (the reader, what the reader
/// wrote, the writer, someone else, no one), and patronising forms of address.
/// </summary>
internal sealed class InsultDetector(Lexicon lexicon, DetectorWords words, DetectorReasons reasons)
{
    private enum Target : byte
    {
        None,       // no one in particular ("a stupid bug")
        Reader,     // "you are an idiot", "are you stupid", "you clown"
        ReaderThing,// "your stupid question", "your request is ridiculous"
        Self,       // "I was stupid", "our system is useless"
        Third,      // "the courier is incompetent"
    }

    private const WordClass InsultWords =
        WordClass.InsultNoun | WordClass.InsultNounWeak | WordClass.InsultAdj | WordClass.InsultAdjWeak;

    // Words that may sit between a subject and the insult it receives: "you are [such a complete] idiot".
    private const WordClass Modifiers =
        WordClass.Intensifier | WordClass.Determiner | WordClass.Copula | WordClass.Modal | WordClass.Negator |
        WordClass.InsultAdj | WordClass.InsultAdjWeak | WordClass.InsultNoun | WordClass.Profanity;

    /// <summary>
    /// Insulting nouns and adjectives, judged by whom they are aimed at. The same word is an insult in "you are
    /// stupid", contempt in "your stupid question", self-criticism in "I was stupid", and nearly nothing in "a stupid
    /// bug"; weak words ("ridiculous", "clown") count only when aimed at the reader.
    /// </summary>
    public void Find(ref SentenceState s)
    {
        var tokens = s.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            if (t.Has(TokenFlags.ContractionPiece) || t.Word < 0)
            {
                continue;
            }

            if (t.Is(WordClass.Vocative) && !t.Is(InsultWords))
            {
                FindVocative(ref s, i);
                continue;
            }

            if (!t.Is(InsultWords))
            {
                continue;
            }

            var noun = t.Is(WordClass.InsultNoun | WordClass.InsultNounWeak);
            var weak = !t.Is(WordClass.InsultNoun | WordClass.InsultAdj);

            // A capitalised weak word in mid-sentence is a name ("Joke Shop", "Mr Fox").
            if (weak && i > 0 && t.Has(TokenFlags.Capitalized) && !t.Has(TokenFlags.AllCaps))
            {
                continue;
            }

            var info = lexicon.Words[t.Word];

            // "ignorant of the facts", "blind to", "mad about": an adjective with a complement describes, it rarely insults.
            var complement = !noun && i + 1 < tokens.Length && words.Complements.Contains(tokens[i + 1].Word) &&
                             !(i + 2 < tokens.Length && tokens[i + 2].Is(WordClass.You | WordClass.FirstPerson) && tokens[i + 1].Word == words.Of);
            if (complement && weak)
            {
                continue;
            }

            var target = FindTarget(tokens, i, noun, out var targetIndex, out var head);

            // "that is the most idiotic question": an insult on a question, request or complaint is aimed at whoever wrote it.
            // Weak words ("ridiculous claims") need the reader in the sentence; strong ones ("idiotic complaint") do not.
            if (!noun && target is Target.None or Target.Third && (!weak || (s.Flags & ContextFlags.AddressesReader) != 0) && IsHeadThing(tokens, i + 1, weak))
            {
                target = Target.ReaderThing;
                head = i + 1;
            }
            float strength;
            int reason;
            switch (target)
            {
                case Target.Reader:
                    strength = info.Insult;
                    reason = noun ? reasons.ReaderName : reasons.ReaderInsult;
                    break;
                case Target.ReaderThing:
                    // Weak adjectives insult the reader's words ("your request is ridiculous"), not their things
                    // ("your experience was terrible"), so they need a head noun like request or email.
                    if (weak && (head < 0 || !tokens[head].Is(WordClass.ThingNoun)))
                    {
                        continue;
                    }

                    strength = info.Insult * 0.85f;
                    reason = reasons.ReaderThing;
                    break;
                case Target.Self:
                    s.Flags |= ContextFlags.SelfDirected;
                    continue;
                case Target.Third:
                    if (weak)
                    {
                        continue;
                    }

                    strength = info.Insult * (noun ? 0.7f : 0.45f);
                    reason = reasons.ThirdInsult;
                    break;
                default:
                    if (IsWhatA(tokens, i))
                    {
                        strength = info.Insult * (weak ? 0.65f : 0.8f);
                        reason = reasons.Exclaim;
                        break;
                    }

                    if (noun && IsVocative(tokens, i) && (!weak || HasCommaNeighbour(tokens, i)))
                    {
                        strength = info.Insult;
                        reason = reasons.ReaderName;
                        targetIndex = -1;
                        break;
                    }

                    if (weak)
                    {
                        continue;
                    }

                    strength = info.Insult * (noun ? 0.55f : 0.45f);
                    reason = reasons.Unattached;
                    break;
            }

            if (complement)
            {
                strength *= 0.6f;
            }

            var first = i;
            var end = i + 1;
            if (targetIndex >= 0 && Math.Abs(targetIndex - i) <= 4)
            {
                first = Math.Min(first, targetIndex);
                end = Math.Max(end, targetIndex + 1);
            }

            s.Add(first, end, i, ToneCategory.Hostility, strength, reason, CandidateSource.Insult);
        }
    }

    /// <summary>Finds whom the insult at <paramref name="i"/> is aimed at.</summary>
    /// <param name="tokens">The sentence.</param>
    /// <param name="i">The insulting word.</param>
    /// <param name="noun">Whether it is a noun (nouns are not "the reader's thing": "your child" is not an insult).</param>
    /// <param name="targetIndex">The pronoun that names the target, or -1.</param>
    /// <param name="head">For the reader's thing, the noun that names it ("request"), or -1.</param>
    private Target FindTarget(ReadOnlySpan<Token> tokens, int i, bool noun, out int targetIndex, out int head)
    {
        targetIndex = -1;
        head = -1;

        // "trying to cheat", "will fool": a noun form after "to" or a modal is a verb.
        if (noun && i > 0 && (tokens[i - 1].Word == words.To || tokens[i - 1].Is(WordClass.Modal)))
        {
            return Target.None;
        }

        // "stupid of you", "stupid of me".
        if (i + 2 < tokens.Length && tokens[i + 1].Word == words.Of)
        {
            if (tokens[i + 2].Is(WordClass.You))
            {
                targetIndex = i + 2;
                return Target.Reader;
            }

            if (tokens[i + 2].Word == words.Me || tokens[i + 2].Word == words.Us)
            {
                return Target.Self;
            }
        }

        var sawCopula = false;
        var sawDeterminer = false;
        var limit = Math.Max(0, i - 8);
        for (var j = i - 1; j >= limit; j--)
        {
            ref readonly var t = ref tokens[j];
            if (t.Is(WordClass.Quote))
            {
                continue; // "your 'complaint' is stupid"
            }

            if (t.Word == words.Yourself)
            {
                return Target.None; // "drive yourself crazy": an object, not the one described
            }

            if (t.Is(WordClass.You) && !t.Has(TokenFlags.Possessive))
            {
                // "you idiot", "you are an idiot", "are you stupid" - but not "I'll send you the stupid form",
                // and not "you waste billions" (a verb: the word after it is its object).
                if (!sawCopula && !sawDeterminer && noun && j == i - 1 && i + 1 < tokens.Length &&
                    !tokens[i + 1].Is(WordClass.Punctuation | WordClass.WeakBreak | WordClass.ClauseBreak | InsultWords) &&
                    tokens[i + 1].Word != words.Who && tokens[i + 1].Word != words.That)
                {
                    return Target.None;
                }

                if (sawCopula || !sawDeterminer || (j > 0 && tokens[j - 1].Is(WordClass.Copula | WordClass.Modal)))
                {
                    targetIndex = j;
                    return Target.Reader;
                }

                return Target.None;
            }

            if (t.Is(WordClass.YourPoss))
            {
                if (noun)
                {
                    return Target.Third; // "your child", "your dog": the reader's, not the reader
                }

                targetIndex = j;
                head = i + 1 < tokens.Length && tokens[i + 1].Is(WordClass.ThingNoun) ? i + 1 : -1;
                return Target.ReaderThing;
            }

            if (t.Is(WordClass.FirstPerson))
            {
                return Target.Self;
            }

            if (t.Is(WordClass.ClauseBoundary) && !t.Is(WordClass.WeakBreak))
            {
                break;
            }

            if (t.Is(WordClass.WeakBreak))
            {
                // "you are lazy and stupid": coordination of insults continues the search; a new clause stops it.
                if (!OnlyModifiersBetween(tokens, j + 1, i))
                {
                    break;
                }

                continue;
            }

            // "this thick", "that stupid": degree words, not subjects. Unclassified -ly words are adverbs.
            var degree = (t.Word == words.This || t.Word == words.That) && j + 1 < tokens.Length && tokens[j + 1].Is(WordClass.InsultAdj | WordClass.InsultAdjWeak | WordClass.Intensifier);
            if (t.Is(Modifiers) || words.SubjectSkip.Contains(t.Word) || degree || (t.Has(TokenFlags.Adverb) && !t.Is(InsultWords)))
            {
                sawCopula |= t.Is(WordClass.Copula) || t.Word == words.Being || t.Word == words.Like || t.Word == words.Acting || t.Word == words.Behaving;
                sawDeterminer |= t.Is(WordClass.Determiner);
                continue;
            }

            if (t.Is(WordClass.ThirdPerson))
            {
                return Target.Third;
            }

            // Commands are aimed at the reader: "stop being so obnoxious", "don't be silly", "be a man about it".
            if (sawCopula || tokens[j + 1].Word == words.Be)
            {
                if (t.Is(WordClass.Imperative) || (t.Word == words.Do && j + 2 < tokens.Length && tokens[j + 1].Is(WordClass.Negator) && PatternMatcher.IsClauseStart(tokens, j)))
                {
                    targetIndex = j;
                    return Target.Reader;
                }
            }

            if (t.Is(WordClass.Punctuation | WordClass.Wh))
            {
                break;
            }

            // A noun heads the subject ("your request is", "the manual is", "our system is", "you people are").
            if (sawCopula || t.Is(WordClass.ThingNoun | WordClass.PeopleNoun))
            {
                // The subject may carry a phrase: "your complaint about order 48213 is pathetic".
                for (var k = j - 1; k >= Math.Max(0, j - (sawCopula ? 7 : 3)); k--)
                {
                    var pk = tokens[k];
                    if (pk.Is(WordClass.You) && k == j - 1)
                    {
                        targetIndex = k;
                        return Target.Reader; // "you people are idiots"
                    }

                    if (pk.Is(WordClass.YourPoss))
                    {
                        // The head is the noun before the copula when it names something written ("your constant
                        // moaning is"), else the word after "your" ("your complaint about order 48213 is").
                        targetIndex = k;
                        head = tokens[j].Is(WordClass.ThingNoun) || k + 1 >= j ? j : k + 1;
                        return noun ? Target.Third : Target.ReaderThing;
                    }

                    if (pk.Is(WordClass.FirstPerson))
                    {
                        return Target.Self;
                    }

                    if (pk.Is(WordClass.Punctuation | WordClass.Copula | WordClass.ClauseBreak))
                    {
                        break;
                    }
                }

                return sawCopula ? Target.Third : Target.None;
            }

            break;
        }

        // "Be reasonable": a clause that opens with "be" is a command to the reader.
        for (var j = i - 1; j >= Math.Max(0, i - 4); j--)
        {
            if (tokens[j].Word == words.Be && PatternMatcher.IsClauseStart(tokens, j))
            {
                targetIndex = j;
                return Target.Reader;
            }

            if (!tokens[j].Is(WordClass.Intensifier | WordClass.Determiner | WordClass.InsultAdj | WordClass.InsultAdjWeak) && !tokens[j].Has(TokenFlags.Adverb))
            {
                break;
            }
        }

        // "as unpleasant as you", "as useless as you are".
        if (i > 0 && tokens[i - 1].Word == words.As && i + 2 < tokens.Length && tokens[i + 1].Word == words.As && tokens[i + 2].Is(WordClass.You))
        {
            targetIndex = i + 2;
            return Target.Reader;
        }

        // Questions put the subject after the insult: "how stupid are you", "how stupid can you be".
        var wh = i > 0 && tokens[i - 1].Is(WordClass.Wh);
        if (wh || PatternMatcher.IsClauseStart(tokens, i))
        {
            for (var k = i + 1; k < Math.Min(tokens.Length, i + 4); k++)
            {
                if (tokens[k].Is(WordClass.You))
                {
                    targetIndex = k;
                    return Target.Reader;
                }

                if (!tokens[k].Is(WordClass.Copula | WordClass.Modal | WordClass.Intensifier))
                {
                    break;
                }
            }
        }

        return Target.None;
    }

    private bool IsHeadThing(ReadOnlySpan<Token> tokens, int k, bool weak)
    {
        // "how stupid that request sounds": a determiner may come between.
        if (k + 1 < tokens.Length && (tokens[k].Word == words.That || tokens[k].Word == words.This || tokens[k].Is(WordClass.Determiner | WordClass.YourPoss)))
        {
            k++;
        }

        if (k >= tokens.Length || !words.Writings.Contains(tokens[k].Word) || tokens[k].Has(TokenFlags.Possessive) || (!weak && tokens[k].Word == words.Thing))
        {
            return false;
        }

        if (k + 1 >= tokens.Length)
        {
            return true;
        }

        ref readonly var next = ref tokens[k + 1];
        return next.Is(WordClass.Punctuation | WordClass.Copula | WordClass.Modal | WordClass.WeakBreak | WordClass.ClauseBreak |
                       WordClass.You | WordClass.FirstPerson | WordClass.Wh) ||
               next.Word == words.That || next.Word == words.Of || next.Word == words.About || words.Anyone.Contains(next.Word);
    }

    private static bool OnlyModifiersBetween(ReadOnlySpan<Token> tokens, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (!tokens[k].Is(WordClass.Intensifier | WordClass.InsultAdj | WordClass.InsultAdjWeak | WordClass.Determiner | WordClass.Comma))
            {
                return false;
            }
        }

        return true;
    }

    // "What an idiot!", "what a joke".
    private bool IsWhatA(ReadOnlySpan<Token> tokens, int i)
    {
        for (var j = i - 1; j >= Math.Max(0, i - 4); j--)
        {
            if (tokens[j].Word == words.What)
            {
                return j + 1 < i && (tokens[j + 1].Word == words.A || tokens[j + 1].Word == words.An || tokens[j + 1].Word == words.Kind ||
                                     tokens[j + 1].Word == words.Sort || tokens[j + 1].Word == words.Type);
            }

            if (!tokens[j].Is(WordClass.Determiner | WordClass.Intensifier | WordClass.InsultAdj | WordClass.InsultAdjWeak) && tokens[j].Word != words.Of)
            {
                return false;
            }
        }

        return false;
    }

    // "Listen, idiot." / "Idiot!" / "Thanks, genius": a form of address between punctuation.
    private static bool IsVocative(ReadOnlySpan<Token> tokens, int i)
    {
        var before = i == 0 || tokens[i - 1].Is(WordClass.Comma | WordClass.EndMark | WordClass.Dash);
        var after = i + 1 >= tokens.Length || tokens[i + 1].Is(WordClass.Comma | WordClass.EndMark | WordClass.Dash);
        return before && after;
    }

    private static bool HasCommaNeighbour(ReadOnlySpan<Token> tokens, int i) =>
        (i > 0 && tokens[i - 1].Is(WordClass.Comma)) || (i + 1 < tokens.Length && tokens[i + 1].Is(WordClass.Comma));

    private void FindVocative(ref SentenceState s, int i)
    {
        var tokens = s.Tokens;
        ref readonly var t = ref tokens[i];
        if (!IsVocative(tokens, i) || (i == 0 && tokens.Length > 1 && !tokens[1].Is(WordClass.Comma)))
        {
            return;
        }

        // "Dear," opens a letter, "Love," closes one, "Boy, that was quick" is an interjection: at the start only the
        // unmistakably patronising forms ("Sweetie, ...") count.
        var strength = lexicon.Words[t.Word].Insult;
        if (i == 0 && (strength < 0.6f || tokens.Length <= 3))
        {
            return;
        }

        var (first, end) = (i, i + 1);

        // "Nice job, genius" is sarcasm: the praise makes the address sharper.
        if (i >= 2 && tokens[i - 1].Is(WordClass.Comma))
        {
            strength = Math.Min(1f, strength + 0.1f);
        }

        s.Add(first, end, i, ToneCategory.Condescension, strength, reasons.Vocative, CandidateSource.Insult);
    }
}
