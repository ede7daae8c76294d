namespace ReplyCoach.Core.Analysis.Detectors;

internal enum Op : byte
{
    Token,     // consume one token that the test accepts
    NotNext,   // the next token is not accepted by the test (consumes nothing)
    Split,     // try A, then B
    Jump,      // continue at A
    Gap,       // skip 0..A tokens that are not punctuation or negation
    Dispatch,  // alternatives chosen by the next token (Table); continue at A when optional and none matches
    MarkStart,
    MarkEnd,
    Start,     // at the start of a clause
    End,       // at the end of a clause
    Match,
}

/// <summary>
/// A set of tokens by word id and class, tested in constant time: what a branch can start with, or what may follow
/// a rule's first token. Lets the matcher skip branches and rules without running them.
/// </summary>
internal sealed class TokenSet
{
    private readonly ulong[] _bits;

    public TokenSet(IEnumerable<int> words, WordClass classes)
    {
        Classes = classes;
        var max = -1;
        foreach (var w in words)
        {
            max = Math.Max(max, w);
        }

        _bits = new ulong[(max >> 6) + 1];
        foreach (var w in words)
        {
            _bits[w >> 6] |= 1UL << (w & 63);
        }
    }

    public WordClass Classes { get; }

    public bool Contains(in Token token)
    {
        if ((token.Classes & Classes) != 0)
        {
            return true;
        }

        var w = token.Word;
        return w >= 0 && (w >> 6) < _bits.Length && (_bits[w >> 6] & (1UL << (w & 63))) != 0;
    }
}

/// <summary>
/// The entry points of a long list of alternatives, by the word (or class) each can start with, so the matcher
/// jumps straight to the few alternatives the next token allows instead of trying them one by one.
/// </summary>
internal sealed class DispatchTable
{
    public required WordMap<int[]> ByWord { get; init; }

    public required (WordClass Mask, int[] Words, int Entry)[] ByClass { get; init; }

    public required int[] Always { get; init; }
}

/// <summary>One instruction of a compiled pattern.</summary>
internal readonly struct Instr(Op op, int a = 0, int b = 0, int[]? words = null, WordClass classes = WordClass.None, TokenSet? guard = null, DispatchTable? table = null)
{
    /// <summary>For a dispatch: where each alternative starts.</summary>
    public readonly DispatchTable? Table = table;

    public readonly Op Op = op;
    public readonly int A = a;
    public readonly int B = b;
    public readonly int[]? Words = words;
    public readonly WordClass Classes = classes;

    /// <summary>For a split: the tokens branch A can start with (null when A may consume nothing).</summary>
    public readonly TokenSet? Guard = guard;

    public bool Accepts(in Token token)
    {
        if ((token.Classes & Classes) != 0)
        {
            return true;
        }

        if (Words is null || token.Word < 0)
        {
            return false;
        }

        foreach (var w in Words)
        {
            if (w == token.Word)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The tokens a pattern can start with, and a cheap filter on the token after (to skip most attempts).</summary>
internal sealed class PatternStart
{
    public List<int> Words { get; } = [];
    public WordClass Classes { get; set; }

    /// <summary>What may follow the first token; null when anything may (or nothing need).</summary>
    public TokenSet? Second { get; set; }

    /// <summary>The words that may follow the first token, when no class may (then rules are indexed by word pair).</summary>
    public List<int>? SecondWords { get; set; }

    /// <summary>Words of which a sentence must contain at least one for the rule to match (null: no such filter).</summary>
    public List<int>? Required { get; set; }
}

/// <summary>
/// A tiny token-pattern language compiled once at start-up into a backtracking program (no expansion of
/// alternatives, so long alternative lists stay cheap). Patterns are written over lexicon words and classes:
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
internal static class Pattern
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

    private abstract class Node;

    private sealed class SeqNode : Node
    {
        public List<Node> Items { get; } = [];
    }

    private sealed class AltNode(List<SeqNode> alternatives, bool optional) : Node
    {
        public List<SeqNode> Alternatives { get; } = alternatives;
        public bool Optional { get; } = optional;
    }

    private sealed class AtomNode(int[]? words, WordClass classes, int min, int max, bool not) : Node
    {
        public int[]? Words { get; } = words;
        public WordClass Classes { get; } = classes;
        public int Min { get; } = min;
        public int Max { get; } = max;
        public bool Not { get; } = not;
    }

    private sealed class GapNode(int max) : Node
    {
        public int Max { get; } = max;
    }

    private sealed class ZeroNode(Op op) : Node
    {
        public Op Op { get; } = op;
    }

    /// <summary>Compiles a pattern into a program.</summary>
    public static Instr[] Compile(string pattern, WordTableBuilder words) => Compile(pattern, words, [], out _);

    /// <summary>Compiles a pattern, and picks words at least one of which any matching sentence must contain.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="words">The word table being built.</param>
    /// <param name="common">Word ids too common to be worth filtering on ("you", "the").</param>
    /// <param name="required">The chosen words, or null.</param>
    public static Instr[] Compile(string pattern, WordTableBuilder words, HashSet<int> common, out List<int>? required)
    {
        var pos = 0;
        var alternatives = ParseAlternatives(pattern, ref pos, words);
        if (pos != pattern.Length || alternatives.Count != 1)
        {
            throw new FormatException($"Unbalanced pattern: {pattern}");
        }

        required = Required(alternatives[0], common, skipFirst: true);
        var program = new List<Instr>();
        Emit(alternatives[0], program);
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

    private static void Emit(Node node, List<Instr> p)
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

                        int ms = markStart, me = markEnd;
                        var end = Run(p, instr.A, tokens, ti, ref ms, ref me);
                        if (end >= 0)
                        {
                            markStart = ms;
                            markEnd = me;
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
                                    int ms = markStart, me = markEnd;
                                    var end = Run(p, entry, tokens, ti, ref ms, ref me);
                                    if (end >= 0)
                                    {
                                        markStart = ms;
                                        markEnd = me;
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

                                int ms = markStart, me = markEnd;
                                var end = Run(p, entry, tokens, ti, ref ms, ref me);
                                if (end >= 0)
                                {
                                    markStart = ms;
                                    markEnd = me;
                                    return end;
                                }
                            }
                        }

                        foreach (var entry in table.Always)
                        {
                            int ms = markStart, me = markEnd;
                            var end = Run(p, entry, tokens, ti, ref ms, ref me);
                            if (end >= 0)
                            {
                                markStart = ms;
                                markEnd = me;
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

                        int ms = markStart, me = markEnd;
                        var end = Run(p, pc + 1, tokens, ti + skip, ref ms, ref me);
                        if (end >= 0)
                        {
                            markStart = ms;
                            markEnd = me;
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
