namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// Parses the detectors' tiny token-pattern language into a syntax tree (<see cref="PatternCompiler"/> turns it
/// into a program once at start-up). Patterns are written over lexicon words and classes:
/// <list type="bullet">
/// <item><c>word</c>, <c>was|were</c>: a word or one of several (contractions are split like the text: "you're" = "you are").</item>
/// <item><c>@you</c>, <c>@insultA|stupid</c>: a lexicon class (mixable with words).</item>
/// <item><c>?x</c> optional; <c>x*</c> zero to three times; <c>*</c>, <c>*5</c> a gap of up to 3 (or 5) tokens that does
/// not cross punctuation or a negation.</item>
/// <item><c>(a b / c)</c>, <c>?(a b / c)</c>, <c>(a b / c)?</c>, <c>(a b / c)*</c>: alternatives of several tokens (optional, up to three).</item>
/// <item><c>[</c> <c>]</c>: the words to highlight (default: the whole match). <c>^</c>, <c>$</c>: clause start and end.
/// <c>!x|y</c>: the next token is not x or y (consumes nothing).</item>
/// </list>
/// </summary>
internal static class PatternParser
{
    private static readonly Dictionary<string, WordClass> ClassNames = new(StringComparer.Ordinal)
    {
        ["you"] = WordClass.You,
        ["your"] = WordClass.YourPoss,
        ["reader"] = WordClass.Reader,
        ["me"] = WordClass.FirstPerson,
        ["third"] = WordClass.ThirdPerson,
        ["neg"] = WordClass.Negator,
        ["cop"] = WordClass.Copula,
        ["modal"] = WordClass.Modal,
        ["intens"] = WordClass.Intensifier,
        ["det"] = WordClass.Determiner,
        ["cond"] = WordClass.Conditional,
        ["hedge"] = WordClass.Hedge,
        ["insultN"] = WordClass.InsultNoun,
        ["insultNW"] = WordClass.InsultNounWeak,
        ["insultA"] = WordClass.InsultAdj,
        ["insultAW"] = WordClass.InsultAdjWeak,
        ["insult"] = WordClass.InsultNoun | WordClass.InsultNounWeak | WordClass.InsultAdj | WordClass.InsultAdjWeak,
        ["prof"] = WordClass.Profanity,
        ["group"] = WordClass.GroupNoun,
        ["groupA"] = WordClass.GroupAdj,
        ["people"] = WordClass.PeopleNoun,
        ["country"] = WordClass.Country,
        ["gen"] = WordClass.GenMarker,
        ["negeval"] = WordClass.NegEval,
        ["blamev"] = WordClass.BlameVerb,
        ["comm"] = WordClass.CommVerb,
        ["mental"] = WordClass.MentalVerb,
        ["contact"] = WordClass.ContactVerb,
        ["thing"] = WordClass.ThingNoun,
        ["doc"] = WordClass.DocNoun,
        ["readv"] = WordClass.ReadVerb,
        ["legal"] = WordClass.LegalNoun,
        ["fault"] = WordClass.FaultNoun,
        ["empathy"] = WordClass.Empathy,
        ["emotion"] = WordClass.Emotion,
        ["apology"] = WordClass.Apology,
        ["sensitive"] = WordClass.Sensitive,
        ["wh"] = WordClass.Wh,
        ["time"] = WordClass.Time,
        ["comma"] = WordClass.Comma,
        ["end"] = WordClass.EndMark,
        ["qmark"] = WordClass.QuestionMark,
        ["excl"] = WordClass.Exclamation,
        ["quote"] = WordClass.Quote,
        ["dash"] = WordClass.Dash,
        ["semi"] = WordClass.Semi,
        ["punct"] = WordClass.Punctuation,
        ["boundary"] = WordClass.ClauseBoundary,
        ["break"] = WordClass.ClauseBreak | WordClass.WeakBreak,
        ["imper"] = WordClass.Imperative,
        ["ing"] = WordClass.Gerund,
        ["provoke"] = WordClass.Provoke,
        ["sanction"] = WordClass.Sanction,
    };

    /// <summary>Parses a pattern into its syntax tree, registering every word it names in <paramref name="words"/>.</summary>
    /// <exception cref="FormatException">The pattern is not well formed.</exception>
    public static SeqNode Parse(string pattern, WordTableBuilder words)
    {
        var pos = 0;
        var alternatives = ParseAlternatives(pattern, ref pos, words);
        if (pos != pattern.Length || alternatives.Count != 1)
        {
            throw new FormatException($"Unbalanced pattern: {pattern}");
        }

        return alternatives[0];
    }

    // Parses "a b / c d" up to a ')' or the end; returns one sequence per alternative.
    private static List<SeqNode> ParseAlternatives(string s, ref int pos, WordTableBuilder words)
    {
        var result = new List<SeqNode> { new() };
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == ' ')
            {
                pos++;
                continue;
            }

            if (c == ')')
            {
                break;
            }

            if (c == '/')
            {
                result.Add(new SeqNode());
                pos++;
                continue;
            }

            var current = result[^1];
            if (c == '(' || (c == '?' && pos + 1 < s.Length && s[pos + 1] == '('))
            {
                var optional = c == '?';
                pos += optional ? 2 : 1;
                var group = ParseAlternatives(s, ref pos, words);
                if (pos >= s.Length || s[pos] != ')')
                {
                    throw new FormatException($"Unclosed group: {s}");
                }

                pos++;
                if (pos < s.Length && s[pos] == '?')
                {
                    optional = true;
                    pos++;
                }
                else if (pos < s.Length && s[pos] == '*')
                {
                    // "(a / b c)*": up to three optional copies.
                    pos++;
                    for (var copy = 0; copy < 3; copy++)
                    {
                        current.Items.Add(new AltNode(group, optional: true));
                    }

                    continue;
                }

                current.Items.Add(new AltNode(group, optional));
                continue;
            }

            var start = pos;
            while (pos < s.Length && s[pos] is not (' ' or '(' or ')' or '/'))
            {
                pos++;
            }

            AddAtom(s[start..pos], current, words, s);
        }

        return result;
    }

    private static void AddAtom(string atom, SeqNode seq, WordTableBuilder words, string pattern)
    {
        switch (atom)
        {
            case "[":
                seq.Items.Add(new ZeroNode(Op.MarkStart));
                return;
            case "]":
                seq.Items.Add(new ZeroNode(Op.MarkEnd));
                return;
            case "^":
                seq.Items.Add(new ZeroNode(Op.Start));
                return;
            case "$":
                seq.Items.Add(new ZeroNode(Op.End));
                return;
        }

        if (atom[0] == '*')
        {
            var max = atom.Length > 1 ? int.Parse(atom.AsSpan(1), provider: null) : 3;
            seq.Items.Add(new GapNode(max));
            return;
        }

        var not = false;
        int min = 1, max2 = 1;
        if (atom[0] == '?')
        {
            min = 0;
            atom = atom[1..];
        }
        else if (atom[0] == '!')
        {
            not = true;
            atom = atom[1..];
        }

        if (atom.Length > 1 && atom[^1] == '*')
        {
            min = 0;
            max2 = 3;
            atom = atom[..^1];
        }

        if (atom.Length == 0)
        {
            throw new FormatException($"Empty token in {pattern}");
        }

        var parts = atom.Split('|');
        if (parts.Length == 1 && parts[0][0] != '@')
        {
            var pieces = SplitContraction(parts[0]);
            if (pieces.Length > 1)
            {
                if (min != 1 || max2 != 1 || not)
                {
                    throw new FormatException($"A contraction cannot be optional, repeated or negated: {atom} in {pattern}");
                }

                foreach (var piece in pieces)
                {
                    seq.Items.Add(new AtomNode([words.Id(piece)], WordClass.None, 1, 1, false));
                }

                return;
            }
        }

        var ids = new List<int>();
        var classes = WordClass.None;
        foreach (var part in parts)
        {
            if (part.StartsWith('@'))
            {
                if (!ClassNames.TryGetValue(part[1..], out var cls))
                {
                    throw new FormatException($"Unknown class {part} in {pattern}");
                }

                classes |= cls;
            }
            else
            {
                var pieces = SplitContraction(part);
                if (pieces.Length != 1)
                {
                    throw new FormatException($"Write contractions as their own token or a group: {part} in {pattern}");
                }

                ids.Add(words.Id(pieces[0]));
            }
        }

        seq.Items.Add(new AtomNode(ids.Count > 0 ? [.. ids] : null, classes, min, max2, not));
    }

    /// <summary>Splits a word the way the tokenizer does: "you're" → you, are; "can't" → can, not.</summary>
    internal static string[] SplitContraction(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.EndsWith("n't", StringComparison.Ordinal) && w.Length > 3)
        {
            var head = w[..^3] switch
            {
                "ca" => "can",
                "wo" => "will",
                "sha" => "shall",
                "ai" => "is",
                var h => h,
            };
            return [head, "not"];
        }

        var apostrophe = w.LastIndexOf('\'');
        if (apostrophe > 0)
        {
            var head = w[..apostrophe];
            var piece = w[(apostrophe + 1)..] switch
            {
                "re" => "are",
                "m" => "am",
                "ll" => "will",
                "ve" => "have",
                "d" => "would",
                "s" when head == "let" => "us",
                "s" => "is",
                _ => null,
            };
            if (piece is not null)
            {
                return [head, piece];
            }
        }

        return w switch
        {
            "cannot" => ["can", "not"],
            "gonna" => ["going", "to"],
            "wanna" => ["want", "to"],
            _ => [w],
        };
    }
}
