namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>Runs a compiled pattern (<see cref="PatternCompiler"/>) over the tokens of a sentence, backtracking.</summary>
internal static class PatternMatcher
{
    /// <summary>Tries to match <paramref name="program"/> at token <paramref name="start"/>.</summary>
    /// <returns>The index just past the match, or -1.</returns>
    public static int Match(Instr[] program, ReadOnlySpan<Token> tokens, int start, out int markStart, out int markEnd)
    {
        markStart = -1;
        markEnd = -1;
        return Run(program, 0, tokens, start, ref markStart, ref markEnd);
    }

    private static int Run(Instr[] p, int pc, ReadOnlySpan<Token> tokens, int ti, ref int markStart, ref int markEnd)
    {
        while (true)
        {
            ref readonly var instr = ref p[pc];
            switch (instr.Op)
            {
                case Op.Token:
                    if (ti >= tokens.Length || !instr.Accepts(tokens[ti]))
                    {
                        return -1;
                    }

                    ti++;
                    pc++;
                    continue;
                case Op.NotNext:
                    if (ti < tokens.Length && instr.Accepts(tokens[ti]))
                    {
                        return -1;
                    }

                    pc++;
                    continue;
                case Op.Split:
                    {
                        if (instr.Guard is { } guard && (ti >= tokens.Length || !guard.Contains(tokens[ti])))
                        {
                            pc = instr.B;
                            continue;
                        }

                        if (TryBranch(p, instr.A, tokens, ti, ref markStart, ref markEnd, out var end))
                        {
                            return end;
                        }

                        pc = instr.B;
                        continue;
                    }

                case Op.Jump:
                    pc = instr.A;
                    continue;
                case Op.Dispatch:
                    {
                        var table = instr.Table!;
                        if (ti < tokens.Length)
                        {
                            ref readonly var token = ref tokens[ti];
                            if (token.Word >= 0 && table.ByWord.TryGetValue(token.Word, out var entries))
                            {
                                foreach (var entry in entries)
                                {
                                    if (TryBranch(p, entry, tokens, ti, ref markStart, ref markEnd, out var end))
                                    {
                                        return end;
                                    }
                                }
                            }

                            foreach (var (mask, words, entry) in table.ByClass)
                            {
                                if ((token.Classes & mask) == 0 && Array.IndexOf(words, token.Word) < 0)
                                {
                                    continue;
                                }

                                if (TryBranch(p, entry, tokens, ti, ref markStart, ref markEnd, out var end))
                                {
                                    return end;
                                }
                            }
                        }

                        foreach (var entry in table.Always)
                        {
                            if (TryBranch(p, entry, tokens, ti, ref markStart, ref markEnd, out var end))
                            {
                                return end;
                            }
                        }

                        if (instr.B == 0)
                        {
                            return -1;
                        }

                        pc = instr.A;
                        continue;
                    }

                case Op.Gap:
                    for (var skip = 0; skip <= instr.A; skip++)
                    {
                        if (skip > 0)
                        {
                            var k = ti + skip - 1;
                            // Quoted words are material being talked about: a gap may cross them whatever they are.
                            if (k >= tokens.Length || ((tokens[k].Classes & ((WordClass.Punctuation & ~WordClass.Quote) | WordClass.Negator)) != 0 && !tokens[k].Has(TokenFlags.InQuote)))
                            {
                                return -1;
                            }
                        }

                        if (TryBranch(p, pc + 1, tokens, ti + skip, ref markStart, ref markEnd, out var end))
                        {
                            return end;
                        }
                    }

                    return -1;
                case Op.MarkStart:
                    markStart = ti;
                    pc++;
                    continue;
                case Op.MarkEnd:
                    markEnd = ti;
                    pc++;
                    continue;
                case Op.Start:
                    if (!IsClauseStart(tokens, ti))
                    {
                        return -1;
                    }

                    pc++;
                    continue;
                case Op.End:
                    if (ti < tokens.Length && (tokens[ti].Classes & (WordClass.Punctuation | WordClass.ClauseBreak)) == 0)
                    {
                        return -1;
                    }

                    pc++;
                    continue;
                default:
                    return ti;
            }
        }
    }

    // Tries one branch of a choice (split, dispatch entry, gap length) on copies of the marks, so that a branch that
    // fails leaves the caller's marks as they were; on success the branch's marks become the caller's.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryBranch(Instr[] p, int pc, ReadOnlySpan<Token> tokens, int ti, ref int markStart, ref int markEnd, out int end)
    {
        int ms = markStart, me = markEnd;
        end = Run(p, pc, tokens, ti, ref ms, ref me);
        if (end < 0)
        {
            return false;
        }

        markStart = ms;
        markEnd = me;
        return true;
    }

    /// <summary>Whether token <paramref name="ti"/> opens a clause (sentence start, or after punctuation or a conjunction).</summary>
    public static bool IsClauseStart(ReadOnlySpan<Token> tokens, int ti)
    {
        if (ti == 0)
        {
            return true;
        }

        var prev = tokens[ti - 1].Classes;
        return (prev & (WordClass.Punctuation | WordClass.ClauseBreak | WordClass.WeakBreak)) != 0;
    }
}
