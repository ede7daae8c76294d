namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>An instruction kind of a compiled pattern (built by <see cref="PatternCompiler"/>, run by <see cref="PatternMatcher"/>).</summary>
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
