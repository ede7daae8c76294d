namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// Finds sweeping statements about a group of people (a group phrase as the subject with a generalising quantifier
/// or a stereotyping predicate) and slurs.
/// </summary>
internal sealed class GroupDetector(Lexicon lexicon, DetectorWords words, DetectorReasons reasons)
{
    private enum GroupKind : byte
    {
        None,
        Identity,      // "Muslims", "old people", "customers from India"
        DeicticStrong, // "people like you", "you people", "your kind"
        DeicticWeak,   // "your generation", "people from that country", "those people"
    }

    private readonly struct GroupPhrase(GroupKind kind, int start, int end, GroupDimension dimension)
    {
        public readonly GroupKind Kind = kind;
        public readonly int Start = start;
        public readonly int End = end;
        public readonly GroupDimension Dimension = dimension;
    }

    /// <summary>
    /// Sweeping statements about a group: a group as the subject, plus a generalising quantifier or a stereotyping
    /// predicate ("customers from that country always haggle", "old people can't use computers"). Naming a group
    /// without that ("customers in Germany are billed in euros", "our Ramadan hours") produces nothing.
    /// </summary>
    public void Find(ref SentenceState s)
    {
        var tokens = s.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            if (t.Is(WordClass.Slur) && !t.Has(TokenFlags.ContractionPiece))
            {
                var dimension = lexicon.Words[t.Word].Group;
                s.Add(i, i + 1, i, ToneCategory.Generalization, 0.9f, reasons.Slur[(int)dimension], CandidateSource.Group);
                continue;
            }

            var phrase = ReadGroupPhrase(tokens, s.Lower, i);
            if (phrase.Kind == GroupKind.None)
            {
                continue;
            }

            var lead = LeadIn(tokens, phrase.Start, out var quantified, out var typical);
            var (predicateEnd, negative, stereotype, marker, benefit) = ReadPredicate(tokens, phrase.End);
            var habitual = marker; // "always", "never", "tend to" in the predicate itself
            marker |= quantified;

            // "a remark about your religion": a group inside a prepositional phrase is not what the clause is about.
            if (phrase.Kind == GroupKind.DeicticWeak && phrase.Start > 0 && words.Prepositions.Contains(tokens[phrase.Start - 1].Word))
            {
                i = phrase.End - 1;
                continue;
            }
            var addressed = phrase.Start > 0 && tokens[phrase.Start - 1].Is(WordClass.You) && phrase.Kind == GroupKind.Identity &&
                            tokens[phrase.Start].Word != words.Guys;
            if (addressed)
            {
                lead = phrase.Start - 1; // "you women", "you Americans": the reader put in a group
            }

            float strength;
            int reason;
            switch (phrase.Kind)
            {
                case GroupKind.DeicticStrong:
                    strength = negative || stereotype || marker || typical ? 0.85f : 0.55f;
                    reason = reasons.Deictic;
                    break;
                case GroupKind.DeicticWeak:
                    if (!(negative || stereotype || habitual || typical))
                    {
                        i = phrase.End - 1;
                        continue;
                    }

                    strength = negative || (marker && stereotype) ? 0.85f : 0.75f;
                    reason = phrase.Dimension == GroupDimension.None ? reasons.DeicticGroup : reasons.Generalises[(int)phrase.Dimension];
                    break;
                default:
                    if (typical)
                    {
                        strength = 0.8f;
                        reason = reasons.Typical[(int)phrase.Dimension];
                    }
                    else if (negative)
                    {
                        strength = marker ? 0.9f : 0.85f;
                        reason = reasons.Generalises[(int)phrase.Dimension];
                    }
                    else if (stereotype && marker)
                    {
                        strength = 0.8f;
                        reason = reasons.Generalises[(int)phrase.Dimension];
                    }
                    else if (habitual && !benefit)
                    {
                        // "Indian customers always ask for a manager": a habitual claim about what a group does.
                        strength = 0.65f;
                        reason = reasons.Generalises[(int)phrase.Dimension];
                    }
                    else if (stereotype || marker || addressed)
                    {
                        // "Seniors always get 10% off": a quantifier over what a group is given is weak evidence.
                        strength = addressed ? 0.6f : 0.3f;
                        reason = reasons.Generalises[(int)phrase.Dimension];
                    }
                    else
                    {
                        i = phrase.End - 1;
                        continue;
                    }

                    if (addressed)
                    {
                        strength = Math.Min(0.95f, strength + 0.1f);
                    }

                    break;
            }

            var first = Math.Min(lead, phrase.Start);
            var end = Math.Max(phrase.End, predicateEnd);
            s.Add(first, end, phrase.Start, ToneCategory.Generalization, strength, reason, CandidateSource.Group);
            i = end - 1;
        }
    }

    private const WordClass GroupStarts =
        WordClass.PeopleNoun | WordClass.GroupNoun | WordClass.GroupAdj | WordClass.You | WordClass.YourPoss | WordClass.GroupCue;

    private GroupPhrase ReadGroupPhrase(ReadOnlySpan<Token> tokens, ReadOnlySpan<char> lower, int i)
    {
        ref readonly var t = ref tokens[i];
        var n = tokens.Length;

        // Most tokens cannot open a group phrase; only an unknown plural before "like you" can without a class.
        if (!t.Is(GroupStarts) && !(i + 2 < n && tokens[i + 1].Word == words.Like && tokens[i + 2].Is(WordClass.You)))
        {
            return default;
        }

        if (t.Has(TokenFlags.Possessive | TokenFlags.ContractionPiece))
        {
            return default;
        }

        // "people like you", "customers like that", "the likes of you".
        if (t.Is(WordClass.PeopleNoun) && i + 2 < n && tokens[i + 1].Word == words.Like &&
            (tokens[i + 2].Is(WordClass.You) || tokens[i + 2].Word is var w2 && (w2 == words.Those || w2 == words.These || tokens[i + 2].Is(WordClass.ThirdPerson))))
        {
            var strong = tokens[i + 2].Is(WordClass.You);
            var end = i + 3;
            if (end < n && tokens[end].Is(WordClass.PeopleNoun))
            {
                end++; // "people like those customers"
            }

            return new GroupPhrase(strong ? GroupKind.DeicticStrong : GroupKind.DeicticWeak, i, end, GroupDimension.None);
        }

        // "you people", "you lot" (but not "you guys", which is friendly).
        if (t.Is(WordClass.You) && i + 1 < n && (tokens[i + 1].Word == words.People || tokens[i + 1].Word == words.Lot))
        {
            return new GroupPhrase(GroupKind.DeicticStrong, i, i + 2, GroupDimension.None);
        }

        // "your kind", "your type", "your sort", "your generation", "your people".
        if (t.Is(WordClass.YourPoss) && i + 1 < n)
        {
            var next = tokens[i + 1].Word;
            // "your kind" ends the phrase ("people of your kind are ..."); "your kind words" is a compliment.
            if (words.Deictic.Contains(next) && (i + 2 >= n || tokens[i + 2].Is(WordClass.Punctuation | WordClass.Copula | WordClass.Modal |
                    WordClass.GenMarker | WordClass.StereotypeVerb | WordClass.WeakBreak | WordClass.ClauseBreak | WordClass.Negator)))
            {
                return new GroupPhrase(GroupKind.DeicticStrong, i, i + 2, GroupDimension.None);
            }

            if (words.DeicticWeak.TryGetValue(next, out var dim))
            {
                return new GroupPhrase(GroupKind.DeicticWeak, i, i + 2, dim);
            }
        }

        // "those people", "these types", "such people".
        if ((t.Word == words.Those || t.Word == words.These || t.Word == words.Such) && i + 1 < n && tokens[i + 1].Is(WordClass.PeopleCore) &&
            tokens[i + 1].Word != words.Guys)
        {
            return new GroupPhrase(GroupKind.DeicticWeak, i, i + 2, GroupDimension.None);
        }

        // "that kind of customer", "your type of people".
        if ((t.Word == words.Kind || t.Word == words.Type || t.Word == words.Sort) && i > 0 && words.Demonstratives.Contains(tokens[i - 1].Word) &&
            i + 2 < n && tokens[i + 1].Word == words.Of && tokens[i + 2].Is(WordClass.PeopleNoun))
        {
            return new GroupPhrase(GroupKind.DeicticWeak, i - 1, i + 3, GroupDimension.None);
        }

        if (t.Is(WordClass.PeopleNoun) && i + 2 < n && (tokens[i + 1].Word == words.From || tokens[i + 1].Word == words.In || tokens[i + 1].Word == words.Of))
        {
            // "people from that country", "customers from your part of the world".
            if (i + 3 < n && words.Demonstratives.Contains(tokens[i + 2].Word) && words.Places.TryGetValue(tokens[i + 3].Word, out var place))
            {
                var end = i + 4;
                if (tokens[i + 3].Word == words.Part && end + 2 < n && tokens[end].Word == words.Of)
                {
                    end += tokens[end + 1].Word == words.The ? 3 : 2; // "of the world"
                }

                return new GroupPhrase(GroupKind.DeicticWeak, i, Math.Min(end, n), place);
            }

            // "people from India", "customers in Germany".
            if (tokens[i + 2].Is(WordClass.Country))
            {
                return new GroupPhrase(GroupKind.Identity, i, i + 3, GroupDimension.Nationality);
            }
        }

        // "gamers like you", "landlords like you": any plural noun the reader is lumped into.
        if (i + 2 < n && tokens[i + 1].Word == words.Like && tokens[i + 2].Is(WordClass.You) && IsPluralNoun(tokens[i], lower))
        {
            return new GroupPhrase(GroupKind.DeicticStrong, i, i + 3, GroupDimension.None);
        }

        // "kids your age", "people your age".
        if (t.Is(WordClass.PeopleNoun | WordClass.GroupNoun) && i + 2 < n && tokens[i + 1].Is(WordClass.YourPoss) &&
            (tokens[i + 2].Word == words.Age || tokens[i + 2].Word == words.Generation))
        {
            return new GroupPhrase(GroupKind.DeicticWeak, i, i + 3, GroupDimension.Age);
        }

        // "people with disabilities", "customers who are visually impaired", "people in wheelchairs".
        if (t.Is(WordClass.PeopleNoun) && i + 2 < n && TryDisabilityPhrase(tokens, i + 1, out var disabilityEnd))
        {
            return new GroupPhrase(GroupKind.Identity, i, disabilityEnd, GroupDimension.Disability);
        }

        // "typical woman", "typical bloke": a single member standing for the group.
        if (i > 0 && (tokens[i - 1].Word == words.Typical) && t.Is(WordClass.GroupAdj | WordClass.GroupNoun))
        {
            var end = i + 1 < n && tokens[i + 1].Is(WordClass.PeopleNoun) ? i + 2 : i + 1;
            return new GroupPhrase(GroupKind.Identity, i, end, lexicon.Words[t.Word].Group);
        }

        // Group adjective + people noun: "Indian customers", "old people", "elderly drivers" (before the noun test:
        // "Chinese customers" is one phrase, not "Chinese" and then "customers").
        if (t.Is(WordClass.GroupAdj))
        {
            var k = i;
            while (k < n && tokens[k].Is(WordClass.GroupAdj) && !tokens[k].Has(TokenFlags.Possessive))
            {
                k++;
            }

            if (k < n && tokens[k].Is(WordClass.PeopleNoun) && !tokens[k].Has(TokenFlags.Possessive))
            {
                var coreOnly = true;
                for (var a = i; a < k; a++)
                {
                    coreOnly &= tokens[a].Is(WordClass.GroupAdjCoreOnly);
                }

                if (!coreOnly || tokens[k].Is(WordClass.PeopleCore))
                {
                    return new GroupPhrase(GroupKind.Identity, i, k + 1, lexicon.Words[t.Word].Group);
                }
            }

            // Plural group nouns: "Muslims", "women", "immigrants".
            if (t.Is(WordClass.GroupNoun) && !(i > 0 && tokens[i - 1].Is(WordClass.GroupAdj) && !tokens[i - 1].Is(WordClass.GroupNoun)))
            {
                return new GroupPhrase(GroupKind.Identity, i, i + 1, lexicon.Words[t.Word].Group);
            }

            // "the elderly are", "the disabled can't": a collective adjective used as a noun.
            if (i > 0 && tokens[i - 1].Word == words.The && k == i + 1 && k < n && !t.Is(WordClass.PeopleNoun) &&
                (tokens[k].Is(WordClass.Copula | WordClass.Modal | WordClass.GenMarker | WordClass.StereotypeVerb | WordClass.Negator) || tokens[k].Word == words.All) &&
                !tokens[i].Is(WordClass.GroupAdjCoreOnly))
            {
                return new GroupPhrase(GroupKind.Identity, i - 1, k, lexicon.Words[t.Word].Group);
            }
        }

        // Plural group nouns: "Muslims", "women", "immigrants".
        if (t.Is(WordClass.GroupNoun) && !(i > 0 && tokens[i - 1].Is(WordClass.GroupAdj) && !tokens[i - 1].Is(WordClass.GroupNoun)))
        {
            return new GroupPhrase(GroupKind.Identity, i, i + 1, lexicon.Words[t.Word].Group);
        }

        return default;
    }

    private bool IsPluralNoun(in Token t, ReadOnlySpan<char> lower)
    {
        if (t.Is(WordClass.PeopleNoun | WordClass.GroupNoun))
        {
            return true;
        }

        if (!t.Has(TokenFlags.Word) || t.Has(TokenFlags.ContractionPiece | TokenFlags.Possessive) || t.Word >= 0 && lexicon.Words[t.Word].Classes != WordClass.None)
        {
            return false;
        }

        // Unknown plural nouns ("gamers", "landlords"), not "things like you" or "feels like you".
        var word = lower.Slice(t.Start, t.Length);
        return words.PluralPeople.Contains(t.Word) ||
               (t.Word < 0 && word.Length >= 5 && word.EndsWith("s") && !word.EndsWith("ss") && !word.EndsWith("us") && !t.Has(TokenFlags.Adverb));
    }

    private bool TryDisabilityPhrase(ReadOnlySpan<Token> tokens, int k, out int end)
    {
        end = k;
        var n = tokens.Length;
        if (tokens[k].Word == words.With || tokens[k].Word == words.In)
        {
            k++;
        }
        else if (tokens[k].Word == words.Who && k + 1 < n && (tokens[k + 1].Is(WordClass.Copula) || tokens[k + 1].Word == words.Have))
        {
            k += 2;
        }
        else
        {
            return false;
        }

        for (var m = k; m < Math.Min(n, k + 4); m++)
        {
            var hardOfHearing = tokens[m].Word == words.Hard && m + 2 < n && tokens[m + 1].Word == words.Of;
            if (words.Disability.Contains(tokens[m].Word) || hardOfHearing)
            {
                end = m + 1;
                while (end < n && words.DisabilityTail.Contains(tokens[end].Word))
                {
                    end++;
                }

                return true;
            }

            if (!tokens[m].Is(WordClass.Determiner | WordClass.Intensifier) && tokens[m].Word != words.Of && !tokens[m].Has(TokenFlags.Adverb))
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Looks before a group for "all", "most", "every", "typical" (and "typical of").</summary>
    private int LeadIn(ReadOnlySpan<Token> tokens, int start, out bool quantified, out bool typical)
    {
        quantified = false;
        typical = false;
        var lead = start;
        for (var j = start - 1; j >= Math.Max(0, start - 4); j--)
        {
            var w = tokens[j].Word;
            if (w == words.Typical || w == words.Typically)
            {
                typical = true;
                lead = j;
                continue;
            }

            if (w == words.All || w == words.Every)
            {
                quantified = true;
                lead = j;
                continue;
            }

            if (w == words.Most)
            {
                lead = j; // "most" only sharpens a stereotype; alone it is a fair generalisation
                continue;
            }

            if (w == words.Of || w == words.The || w == words.Those || w == words.These || tokens[j].Is(WordClass.Intensifier | WordClass.Determiner))
            {
                continue;
            }

            break;
        }

        return lead;
    }

    /// <summary>
    /// Reads what is said of a group: a stereotype predicate ("are lazy", "can't drive", "always haggle") right after it.
    /// Only the verb phrase the group is the subject of counts, so "German customers had a bad experience" does not.
    /// </summary>
    private (int End, bool Negative, bool Stereotype, bool Marker, bool Benefit) ReadPredicate(ReadOnlySpan<Token> tokens, int from)
    {
        var benefit = false;
        var negative = false;
        var stereotype = false;
        var marker = false;
        var sawCopula = false;
        var sawNegator = false;
        var negatedAbility = false;
        var lightCopula = false;
        var end = from;
        var limit = Math.Min(tokens.Length, from + 8);
        for (var j = from; j < limit; j++)
        {
            ref readonly var t = ref tokens[j];
            if (t.Is(WordClass.HardBoundary | WordClass.Semi | WordClass.ClauseBreak | WordClass.Comma | WordClass.Dash))
            {
                break;
            }

            if (t.Is(WordClass.GenMarker) || (t.Word == words.Days && j > 0 && tokens[j - 1].Word == words.These) ||
                (t.Word == words.Likely && j > 0 && tokens[j - 1].Word == words.More))
            {
                marker = true;
                end = j + 1;
            }

            if (t.Is(WordClass.Negator))
            {
                // "never" both generalises and negates an ability ("never pay on time"); only other negators deny
                // a claim made with a copula ("are not usually called").
                negatedAbility = true;
                sawNegator |= !t.Is(WordClass.GenMarker);
            }

            // "these days", "nowadays".
            if (t.Word == words.These && j + 1 < limit && tokens[j + 1].Word == words.Days)
            {
                marker = true;
                end = j + 2;
                j++;
                continue;
            }

            // "get emotional", "get confused": a light copula, which only a stereotype word after it completes.
            if (t.Word == words.Get || t.Word == words.Gets || t.Word == words.Getting)
            {
                lightCopula = true;
                continue;
            }

            if (lightCopula && t.Is(WordClass.NegEval | WordClass.InsultAdj | WordClass.InsultAdjWeak))
            {
                negative = true;
                end = j + 1;
                break;
            }

            if (t.Is(WordClass.Copula))
            {
                sawCopula = true;
                continue;
            }

            // "are all the same".
            if (t.Word == words.Same && j >= 2 && tokens[j - 1].Word == words.The && tokens[j - 2].Word == words.All)
            {
                negative = marker = true;
                end = j + 1;
                break;
            }

            if (sawCopula && t.Is(WordClass.NegEval | WordClass.InsultAdj | WordClass.InsultNoun | WordClass.InsultAdjWeak | WordClass.InsultNounWeak) && !sawNegator)
            {
                negative = true;
                end = j + 1;
                break;
            }

            if (negatedAbility && t.Is(WordClass.AbilityVerb))
            {
                negative = true;
                end = j + 1;
                break;
            }

            if (!sawCopula && t.Is(WordClass.StereotypeVerb))
            {
                stereotype = true;
                end = j + 1;
                break;
            }

            // After the copula the first content word decides: "are never happy", "are always late" make a claim
            // about the group; "are using", "are billed" describe something else.
            if (sawCopula && !t.Is(WordClass.GenMarker | WordClass.Intensifier | WordClass.Determiner | WordClass.Negator) && !words.PredicateSkip.Contains(t.Word))
            {
                if (marker && !sawNegator && !t.Is(WordClass.Benefit | WordClass.Gerund) && t.Word != words.Entitled && t.Word != words.Eligible && t.Word != words.Welcome)
                {
                    negative = true;
                    end = j + 1;
                }

                break;
            }

            if (t.Is(WordClass.Modal | WordClass.Negator | WordClass.GenMarker | WordClass.Intensifier | WordClass.Determiner) || words.PredicateSkip.Contains(t.Word) ||
                (lightCopula && t.Has(TokenFlags.Adverb)))
            {
                continue;
            }

            // A noun or other verb: the predicate is about something else. Note what is given to the group.
            if (!sawCopula)
            {
                benefit = t.Is(WordClass.Benefit);
                if (marker && !benefit)
                {
                    end = Math.Max(end, j + 1);
                }

                break;
            }

            benefit |= t.Is(WordClass.Benefit) && !t.Is(WordClass.Copula);
        }

        return (end, negative, stereotype, marker, benefit);
    }
}
