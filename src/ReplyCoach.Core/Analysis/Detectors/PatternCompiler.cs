namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// Compiles a parsed pattern (<see cref="PatternParser"/>) into a backtracking program of <see cref="Instr"/>s: no
/// expansion of alternatives, so long alternative lists stay cheap; splits get guards and long alternative lists get
/// dispatch tables, so the matcher skips what the next token rules out. Also works out which tokens a program can start
/// with, for the rule index.
/// </summary>
internal static class PatternCompiler
{
    /// <summary>Compiles a pattern into a program.</summary>
    public static Instr[] Compile(string pattern, WordTableBuilder words) => Compile(pattern, words, [], out _);

    /// <summary>Compiles a pattern, and picks words at least one of which any matching sentence must contain.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="words">The word table being built.</param>
    /// <param name="common">Word ids too common to be worth filtering on ("you", "the").</param>
    /// <param name="required">The chosen words, or null.</param>
    public static Instr[] Compile(string pattern, WordTableBuilder words, HashSet<int> common, out List<int>? required)
    {
        var tree = PatternParser.Parse(pattern, words);
        required = Required(tree, common, skipFirst: true);
        var program = new List<Instr>();
        Emit(tree, program);
        program.Add(new Instr(Op.Match));
        var result = program.ToArray();
        AddGuards(result);
        AddDispatchTables(result);
        return result;
    }

    private static void AddDispatchTables(Instr[] program)
    {
        for (var pc = 0; pc < program.Length; pc++)
        {
            var instr = program[pc];
            if (instr.Op != Op.Dispatch || instr.Table is not null)
            {
                continue;
            }

            var byWord = new Dictionary<int, List<int>>();
            var byClass = new List<(WordClass, int[], int)>();
            var always = new List<int>();
            foreach (var entry in instr.Words!)
            {
                var firsts = new List<int>();
                Reach(program, entry, firsts, out var open, []);
                if (open)
                {
                    always.Add(entry);
                    continue;
                }

                var (words, classes) = Union(program, firsts);
                if (classes != WordClass.None)
                {
                    byClass.Add((classes, [.. words.Distinct()], entry));
                    continue;
                }

                foreach (var w in words.Distinct())
                {
                    if (!byWord.TryGetValue(w, out var list))
                    {
                        byWord[w] = list = [];
                    }

                    list.Add(entry);
                }
            }

            var table = new DispatchTable
            {
                ByWord = new WordMap<int[]>(byWord.Select(p => new KeyValuePair<int, int[]>(p.Key, [.. p.Value]))),
                ByClass = [.. byClass],
                Always = [.. always],
            };
            program[pc] = new Instr(Op.Dispatch, instr.A, instr.B, words: instr.Words, table: table);
        }
    }

    // A split tries branch A by recursion; when the current token cannot start A, the guard skips it for free.
    private static void AddGuards(Instr[] program)
    {
        for (var pc = 0; pc < program.Length; pc++)
        {
            var instr = program[pc];
            if (instr.Op != Op.Split)
            {
                continue;
            }

            var firsts = new List<int>();
            Reach(program, instr.A, firsts, out var open, []);
            if (open)
            {
                continue;
            }

            var (words, classes) = Union(program, firsts);
            program[pc] = new Instr(Op.Split, instr.A, instr.B, guard: new TokenSet(words, classes));
        }
    }

    private static (List<int> Words, WordClass Classes) Union(Instr[] program, List<int> tokenInstrs)
    {
        var words = new List<int>();
        var classes = WordClass.None;
        foreach (var pc in tokenInstrs)
        {
            if (program[pc].Words is { } w)
            {
                words.AddRange(w);
            }

            classes |= program[pc].Classes;
        }

        return (words, classes);
    }

    // The rarest set of words some mandatory step of the sequence needs. The first step is skipped at the top level:
    // the index already guarantees it. Sets with a very common word are useless as filters.
    private static List<int>? Required(SeqNode seq, HashSet<int> common, bool skipFirst)
    {
        List<int>? best = null;
        var first = true;
        foreach (var item in seq.Items)
        {
            List<int>? candidate = null;
            var consumes = false;
            switch (item)
            {
                case AtomNode { Not: false } atom when atom.Min >= 1:
                    consumes = true;
                    if (atom.Classes == WordClass.None && atom.Words is not null)
                    {
                        candidate = [.. atom.Words];
                    }

                    break;
                case AltNode { Optional: false } alt:
                    consumes = true;
                    var union = new List<int>();
                    foreach (var alternative in alt.Alternatives)
                    {
                        var inner = Required(alternative, common, skipFirst: false);
                        if (inner is null)
                        {
                            union = null;
                            break;
                        }

                        union.AddRange(inner);
                    }

                    candidate = union;
                    break;
                case GapNode:
                    consumes = true;
                    break;
            }

            if (skipFirst && first && consumes)
            {
                first = false;
                continue;
            }

            first &= !consumes;
            if (candidate is null || candidate.Count == 0 || candidate.Exists(common.Contains))
            {
                continue;
            }

            if (best is null || candidate.Count <= best.Count)
            {
                best = candidate;
            }
        }

        return best;
    }

    private static void Emit(PatternNode node, List<Instr> p)
    {
        switch (node)
        {
            case SeqNode seq:
                foreach (var item in seq.Items)
                {
                    Emit(item, p);
                }

                break;
            case ZeroNode zero:
                p.Add(new Instr(zero.Op));
                break;
            case GapNode gap:
                p.Add(new Instr(Op.Gap, gap.Max));
                break;
            case AtomNode atom when atom.Not:
                p.Add(new Instr(Op.NotNext, words: atom.Words, classes: atom.Classes));
                break;
            case AtomNode atom:
                for (var k = 0; k < atom.Min; k++)
                {
                    p.Add(new Instr(Op.Token, words: atom.Words, classes: atom.Classes));
                }

                // Optional copies, greedy: each may be skipped to the end of the run.
                var splits = new List<int>();
                for (var k = atom.Min; k < atom.Max; k++)
                {
                    splits.Add(p.Count);
                    p.Add(default);
                    p.Add(new Instr(Op.Token, words: atom.Words, classes: atom.Classes));
                }

                foreach (var at in splits)
                {
                    p[at] = new Instr(Op.Split, at + 1, p.Count);
                }

                break;
            case AltNode alt when alt.Alternatives.Count >= 4:
                {
                    // Dispatch placeholder, then each alternative followed by a jump to the end.
                    var dispatchAt = p.Count;
                    p.Add(default);
                    var entries = new List<int>();
                    var endJumps = new List<int>();
                    foreach (var alternative in alt.Alternatives)
                    {
                        entries.Add(p.Count);
                        Emit(alternative, p);
                        endJumps.Add(p.Count);
                        p.Add(default);
                    }

                    var end = p.Count;
                    foreach (var j in endJumps)
                    {
                        p[j] = new Instr(Op.Jump, end);
                    }

                    // The table needs the program's Token instructions, so it is built once emission is complete.
                    p[dispatchAt] = new Instr(Op.Dispatch, end, alt.Optional ? 1 : 0, words: [.. entries]);
                    break;
                }

            case AltNode alt:
                var alternatives = alt.Alternatives;
                var optionalSplit = -1;
                if (alt.Optional)
                {
                    optionalSplit = p.Count;
                    p.Add(default);
                }

                var jumps = new List<int>();
                for (var k = 0; k < alternatives.Count; k++)
                {
                    var split = -1;
                    if (k < alternatives.Count - 1)
                    {
                        split = p.Count;
                        p.Add(default);
                    }

                    Emit(alternatives[k], p);
                    if (k < alternatives.Count - 1)
                    {
                        jumps.Add(p.Count);
                        p.Add(default);
                        p[split] = new Instr(Op.Split, split + 1, p.Count);
                    }
                }

                foreach (var j in jumps)
                {
                    p[j] = new Instr(Op.Jump, p.Count);
                }

                if (optionalSplit >= 0)
                {
                    p[optionalSplit] = new Instr(Op.Split, optionalSplit + 1, p.Count);
                }

                break;
        }
    }

    /// <summary>Works out which tokens can start a match and which can follow the first.</summary>
    public static PatternStart Analyze(Instr[] program, string pattern)
    {
        var start = new PatternStart();
        var firsts = new List<int>();
        Reach(program, 0, firsts, out var emptyOrGap, new HashSet<int>());
        if (emptyOrGap)
        {
            throw new FormatException($"A pattern must start with a token: {pattern}");
        }

        foreach (var pc in firsts)
        {
            var instr = program[pc];
            if (instr.Words is not null)
            {
                start.Words.AddRange(instr.Words);
            }

            start.Classes |= instr.Classes;
        }

        // What can follow the first token (any first token): if a match can end or gap there, anything can.
        var seconds = new List<int>();
        var anySecond = false;
        var seen = new HashSet<int>();
        foreach (var pc in firsts)
        {
            Reach(program, pc + 1, seconds, out var open, seen);
            anySecond |= open;
        }

        if (!anySecond)
        {
            var (words, classes) = Union(program, seconds);
            start.Second = new TokenSet(words, classes);
            start.SecondWords = classes == WordClass.None ? words : null;
        }

        return start;
    }

    // Collects the Token instructions reachable from pc without consuming a token.
    private static void Reach(Instr[] program, int pc, List<int> tokens, out bool open, HashSet<int> seen)
    {
        open = false;
        var stack = new Stack<int>();
        stack.Push(pc);
        while (stack.Count > 0)
        {
            var at = stack.Pop();
            if (!seen.Add(at))
            {
                continue;
            }

            var instr = program[at];
            switch (instr.Op)
            {
                case Op.Token:
                    tokens.Add(at);
                    break;
                case Op.Split:
                    stack.Push(instr.A);
                    stack.Push(instr.B);
                    break;
                case Op.Jump:
                    stack.Push(instr.A);
                    break;
                case Op.Dispatch:
                    foreach (var entry in instr.Words!)
                    {
                        stack.Push(entry);
                    }

                    if (instr.B == 1)
                    {
                        stack.Push(instr.A);
                    }

                    break;
                case Op.Gap:
                case Op.Match:
                    open = true;
                    break;
                default:
                    stack.Push(at + 1);
                    break;
            }
        }
    }
}
