namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// Splits a sentence into tokens with offsets, resolving each to a lexicon id in the same pass. Contractions
/// become two tokens ("you're" → you + are, "can't" → can + not) that share the original characters, so rules
/// written for "you are" match both spellings. Masked and leetspeak swear words (f*ck, sh1t) are resolved here.
/// No allocation: the caller supplies the lower-case buffer and the token span.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Lower-cases <paramref name="text"/> into <paramref name="lower"/>, folding typographic quotes and dashes.</summary>
    public static void Fold(ReadOnlySpan<char> text, Span<char> lower)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((uint)(c - 'A') <= 'Z' - 'A')
            {
                lower[i] = (char)(c + 32);
            }
            else if (c < 128)
            {
                lower[i] = c;
            }
            else
            {
                lower[i] = c switch
                {
                    '\u2019' or '\u2018' or '\u02BC' or '\u2032' or '\u00B4' => '\'',
                    '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
                    '\u2013' or '\u2014' or '\u2015' or '\u2012' => '\u2014',
                    '\u2010' or '\u2011' => '-',
                    '\u00A0' or '\u2009' or '\u202F' or '\u2002' or '\u2003' => ' ',
                    '\u2026' => '.',
                    _ => char.ToLowerInvariant(c),
                };
            }
        }
    }

    /// <summary>
    /// An upper bound on the number of tokens <see cref="Tokenize"/> can produce: two per run of word characters
    /// (a contraction), one more per inner hyphen or dot (compound parts), one per other visible character.
    /// </summary>
    public static int MaxTokens(ReadOnlySpan<char> text)
    {
        var bound = 2;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    bound += 2;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
                if (!char.IsWhiteSpace(c))
                {
                    bound++;
                }
            }
        }

        return bound + 2;
    }

    /// <summary>Tokenizes; returns the number of tokens written (stops quietly when <paramref name="tokens"/> is full).</summary>
    public static int Tokenize(ReadOnlySpan<char> text, ReadOnlySpan<char> lower, Span<Token> tokens, Lexicon lexicon)
    {
        var n = 0;
        var i = 0;
        var len = lower.Length;
        var openDouble = -1;
        var openSingle = -1;
        while (i < len && n < tokens.Length - 2)
        {
            var c = lower[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var obfuscated = false;
                i++;
                while (i < len)
                {
                    var d = lower[i];
                    if (char.IsLetterOrDigit(d))
                    {
                        i++;
                        continue;
                    }

                    if (d is '\'' or '-' or '.' or '@' or '&')
                    {
                        if (i + 1 < len && char.IsLetterOrDigit(lower[i + 1]) && (d != '.' || !IsSentenceJoin(lower, i)))
                        {
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    if (d is '*' or '$' or '#' || (d == '!' && i - start <= 3))
                    {
                        // Masking characters inside or at the end of a short word: "f*ck", "f**k", "a$$", "sh!t", "f***".
                        var j = i;
                        while (j < len && lower[j] is '*' or '$' or '!' or '#')
                        {
                            j++;
                        }

                        var run = j - i;
                        var inside = j < len && char.IsLetter(lower[j]);
                        var trailing = !inside && (d is '*' or '$' or '#') && run <= 5;
                        if ((inside && (d != '!' || run == 1)) || trailing)
                        {
                            obfuscated = true;
                            i = j;
                            continue;
                        }
                    }

                    break;
                }

                n = EmitWord(text, lower, start, i, obfuscated, tokens, n, lexicon);
                continue;
            }

            // Punctuation.
            var pStart = i;
            var word = -1;
            var repeat = 1;
            switch (c)
            {
                case '!':
                case '?':
                    while (i + 1 < len && lower[i + 1] is '!' or '?' or '1')
                    {
                        i++;
                        repeat++;
                    }

                    word = lexicon.Words.Find(lower.Slice(pStart, 1));
                    if (lower.Slice(pStart, i - pStart + 1).Contains('?'))
                    {
                        word = lexicon.Words.Find("?");
                    }

                    break;
                case '.':
                    while (i + 1 < len && lower[i + 1] == '.')
                    {
                        i++;
                    }

                    word = lexicon.Words.Find(".");
                    break;
                case ',':
                case ';':
                case ':':
                case '(':
                case ')':
                case '"':
                case '\u2014':
                    word = lexicon.Words.Find(lower.Slice(i, 1));
                    break;
                case '[':
                case '{':
                    word = lexicon.Words.Find("(");
                    break;
                case ']':
                case '}':
                    word = lexicon.Words.Find(")");
                    break;
                case '-':
                    if (i + 1 < len && lower[i + 1] == '-')
                    {
                        i++;
                    }

                    word = lexicon.Words.Find("\u2014");
                    break;
                case '\'':
                    // A lone apostrophe is a quotation mark unless it ends a plural possessive ("customers' orders").
                    var afterLetter = pStart > 0 && char.IsLetter(lower[pStart - 1]);
                    var beforeLetter = pStart + 1 < len && char.IsLetter(lower[pStart + 1]);
                    if (afterLetter && !beforeLetter && lower[pStart - 1] == 's' && openSingle < 0)
                    {
                        i++;
                        continue;
                    }

                    word = lexicon.Words.Find("\"");
                    break;
            }

            i++;
            if (word < 0)
            {
                continue;
            }

            ref var t = ref tokens[n];
            t = new Token
            {
                Start = pStart,
                Length = i - pStart,
                Word = word,
                Classes = lexicon.Words.ClassesOf(word),
                Repeat = repeat,
            };

            if (t.Is(WordClass.Quote))
            {
                var single = lower[pStart] == '\'';
                ref var open = ref single ? ref openSingle : ref openDouble;
                if (open < 0)
                {
                    open = n;
                }
                else
                {
                    for (var k = open + 1; k < n; k++)
                    {
                        tokens[k].Flags |= TokenFlags.InQuote;
                    }

                    open = -1;
                }
            }

            n++;
        }

        return n;
    }

    // "stupid.You" typed without a space still ends a sentence; "e.g." and "3.5" do not.
    private static bool IsSentenceJoin(ReadOnlySpan<char> lower, int dot) =>
        dot + 2 < lower.Length && char.IsLetter(lower[dot + 1]) && char.IsLetter(lower[dot + 2]) &&
        dot >= 3 && char.IsLetter(lower[dot - 1]) && char.IsLetter(lower[dot - 2]) && char.IsLetter(lower[dot - 3]);

    private static int EmitWord(
        ReadOnlySpan<char> text, ReadOnlySpan<char> lower, int start, int end, bool obfuscated, Span<Token> tokens, int n, Lexicon lexicon)
    {
        var span = lower[start..end];
        var flags = CaseFlags(text[start..end]) | TokenFlags.Word;
        if (span.Length >= 5 && span.EndsWith("ly") && span is not ("reply" or "supply" or "apply" or "family" or "italy" or "july" or "assembly" or "anomaly" or "butterfly"))
        {
            flags |= TokenFlags.Adverb;
        }

        var apostrophe = span.LastIndexOf('\'');
        if (apostrophe > 0 && !obfuscated)
        {
            var suffix = span[(apostrophe + 1)..];
            if (suffix.SequenceEqual("t") && span[apostrophe - 1] == 'n' && apostrophe >= 2)
            {
                n = Add(tokens, n, start, apostrophe - 1, lexicon.Words.Find(span[..(apostrophe - 1)]), flags, lexicon);
                return Add(tokens, n, start + apostrophe - 1, end - (start + apostrophe - 1), lexicon.Not, TokenFlags.ContractionPiece | TokenFlags.Word, lexicon);
            }

            var piece = suffix switch
            {
                "re" => "are",
                "m" => "am",
                "ll" => "will",
                "ve" => "have",
                "d" => "would",
                _ => null,
            };

            if (piece is not null)
            {
                n = Add(tokens, n, start, apostrophe, lexicon.Words.Find(span[..apostrophe]), flags, lexicon);
                return Add(tokens, n, start + apostrophe, end - start - apostrophe, lexicon.Words.Find(piece), TokenFlags.ContractionPiece | TokenFlags.Word, lexicon);
            }

            if (suffix.SequenceEqual("s"))
            {
                var baseId = lexicon.Words.Find(span[..apostrophe]);
                var baseClasses = lexicon.Words.ClassesOf(baseId);
                if (span[..apostrophe].SequenceEqual("let"))
                {
                    n = Add(tokens, n, start, apostrophe, baseId, flags, lexicon);
                    return Add(tokens, n, start + apostrophe, 2, lexicon.Us, TokenFlags.ContractionPiece | TokenFlags.Word, lexicon);
                }

                if ((baseClasses & (WordClass.ThirdPerson | WordClass.Wh)) != 0 || span[..apostrophe] is "there" or "here" or "everything" or "nothing" or "something" or "everyone" or "nobody")
                {
                    n = Add(tokens, n, start, apostrophe, baseId, flags, lexicon);
                    return Add(tokens, n, start + apostrophe, 2, lexicon.Is, TokenFlags.ContractionPiece | TokenFlags.Word, lexicon);
                }

                return Add(tokens, n, start, apostrophe, baseId, flags | TokenFlags.Possessive, lexicon);
            }
        }

        var id = lexicon.Words.Find(span);
        if (id >= 0)
        {
            n = Add(tokens, n, start, end - start, id, flags, lexicon);
            if (span.Length >= 6 && span.EndsWith("ing") && n > 0 && (tokens[n - 1].Classes & (WordClass.Copula | WordClass.ThingNoun | WordClass.Emotion)) == 0)
            {
                tokens[n - 1].Classes |= WordClass.Gerund;
            }

            return n;
        }

        if (lexicon.TryFused(span, out var first, out var second))
        {
            n = Add(tokens, n, start, end - start, first, flags, lexicon);
            return first == second ? n : Add(tokens, n, start, end - start, second, TokenFlags.ContractionPiece | TokenFlags.Word, lexicon);
        }

        if (span.Length <= 24 && (obfuscated || HasDigitAndLetters(span) || (span.Contains('@') && !span.Contains('.'))))
        {
            var masked = Deobfuscate(span, lexicon, out var maskedId);
            if (masked)
            {
                return Add(tokens, n, start, end - start, maskedId, flags | TokenFlags.Obfuscated, lexicon);
            }
        }

        if (span.Contains('-') || span.Contains('.'))
        {
            // Unknown compound: look the parts up, so "anti-muslim" still knows "muslim" and "idiot.you" both words.
            var partStart = 0;
            for (var k = 0; k <= span.Length; k++)
            {
                if (k == span.Length || span[k] is '-' or '.')
                {
                    if (k > partStart)
                    {
                        n = Add(tokens, n, start + partStart, k - partStart, lexicon.Words.Find(span[partStart..k]),
                            CaseFlags(text[(start + partStart)..(start + k)]) | TokenFlags.Word, lexicon);
                        if (n >= tokens.Length - 2)
                        {
                            return n;
                        }
                    }

                    partStart = k + 1;
                }
            }

            return n;
        }

        n = Add(tokens, n, start, end - start, -1, flags, lexicon);

        // Unknown -ing words are verbs in progress ("escalating", "posting"): rules can ask for any of them.
        if (span.Length >= 6 && span.EndsWith("ing") && n > 0)
        {
            tokens[n - 1].Classes |= WordClass.Gerund;
        }

        return n;
    }

    private static bool HasDigitAndLetters(ReadOnlySpan<char> span)
    {
        int letters = 0, digits = 0;
        foreach (var c in span)
        {
            if (char.IsDigit(c))
            {
                digits++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        // "sh1t", "b1tch" but not "a55" (a phone model) or "mp3": two letters and ending in a letter.
        return digits > 0 && letters >= 2 && char.IsLetter(span[^1]);
    }

    private static bool Deobfuscate(ReadOnlySpan<char> span, Lexicon lexicon, out int id)
    {
        Span<char> buffer = stackalloc char[span.Length];
        var masked = false;
        for (var k = 0; k < span.Length; k++)
        {
            var c = span[k];
            buffer[k] = c switch
            {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                '$' => 's',
                '@' => 'a',
                '!' => 'i',
                _ => c,
            };
            masked |= c is '*' or '#';
        }

        id = masked ? lexicon.MatchMasked(buffer) : lexicon.Words.Find(buffer);
        if (id < 0 && !masked)
        {
            // "sh!t" with '!' for 'i' is handled above; "a$$" needs '$' for 's' (done); "f@ck" needs '@' for 'u'.
            for (var k = 0; k < span.Length; k++)
            {
                if (span[k] is '@' or '!' or '1' or '0')
                {
                    buffer[k] = '*';
                    masked = true;
                }
            }

            id = masked ? lexicon.MatchMasked(buffer) : -1;
        }

        return id >= 0 && (lexicon.Words[id].Classes & (WordClass.Profanity | WordClass.InsultNoun | WordClass.InsultAdj | WordClass.Slur)) != 0;
    }

    private static TokenFlags CaseFlags(ReadOnlySpan<char> original)
    {
        int upper = 0, letters = 0;
        foreach (var c in original)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    upper++;
                }
            }
        }

        var flags = TokenFlags.None;
        if (letters > 0 && char.IsUpper(original[0]))
        {
            flags |= TokenFlags.Capitalized;
        }

        if (letters >= 2 && upper == letters)
        {
            flags |= TokenFlags.AllCaps;
        }

        return flags;
    }

    private static int Add(Span<Token> tokens, int n, int start, int length, int word, TokenFlags flags, Lexicon lexicon)
    {
        if (n >= tokens.Length)
        {
            return n;
        }

        tokens[n] = new Token
        {
            Start = start,
            Length = length,
            Word = word,
            Classes = lexicon.Words.ClassesOf(word),
            Flags = flags,
            Repeat = 1,
        };
        return n + 1;
    }
}
