namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>Which context, found around a hit, a rule's finding survives.</summary>
[Flags]
internal enum RuleOptions : byte
{
    None = 0,
    /// <summary>A negation before the match does not cancel it (the rule already contains its own negation logic).</summary>
    KeepNegated = 1 << 0,
    /// <summary>An if-clause does not cancel it (threats are usually conditional; "if you had read the manual" is blame).</summary>
    KeepConditional = 1 << 1,
    /// <summary>A hedge ("perhaps") does not weaken it (veiled threats are hedged on purpose).</summary>
    KeepHedged = 1 << 2,
}

/// <summary>Where a context rule's effect applies.</summary>
internal enum ScopeKind : byte
{
    /// <summary>Only sets the flag.</summary>
    Match,
    /// <summary>From the end of the match to the end of the clause ("you said [our service is a scam]").</summary>
    After,
    /// <summary>From the start of the clause to the match ("[calling you stupid] was uncalled for").</summary>
    Before,
    /// <summary>The whole sentence.</summary>
    Sentence,
}

/// <summary>Bits marking which context covers a token.</summary>
[Flags]
internal enum Scope : ushort
{
    None = 0,
    Reported = 1 << 0,
    Apology = 1 << 1,
    Retraction = 1 << 2,
    Empathy = 1 << 3,
    Conditional = 1 << 4,
    Hedge = 1 << 5,
    Meta = 1 << 6,
    /// <summary>Acting for the customer ("we will contact the police on your behalf"): not a threat.</summary>
    OnBehalf = 1 << 7,
    /// <summary>Under a negation a single word cannot see ("it isn't void just because you opened it").</summary>
    Negation = 1 << 8,
}

/// <summary>
/// A 256-bit Bloom signature of a set of word ids. A sentence's signature is the union of its words; a rule that
/// needs one of some words is skipped when the sentence shares no bit with them (a false "maybe" costs one attempt).
/// </summary>
internal readonly record struct Signature(ulong A, ulong B, ulong C, ulong D)
{
    public bool IsEmpty => (A | B | C | D) == 0;

    public static Signature Of(IEnumerable<int>? words)
    {
        var s = default(Signature);
        if (words is not null)
        {
            foreach (var w in words)
            {
                s = s.With(w);
            }
        }

        return s;
    }

    public Signature With(int word)
    {
        if (word < 0)
        {
            return this;
        }

        var h = (uint)(word * -1640531535) >> 24; // spread ids over 256 bits
        var bit = 1UL << (int)(h & 63);
        return (h >> 6) switch
        {
            0 => this with { A = A | bit },
            1 => this with { B = B | bit },
            2 => this with { C = C | bit },
            _ => this with { D = D | bit },
        };
    }

    public bool Overlaps(in Signature other) => ((A & other.A) | (B & other.B) | (C & other.C) | (D & other.D)) != 0;
}

/// <summary>A compiled rule: either evidence of a category, or a context cue that sets a flag and a scope.</summary>
internal sealed class Rule(Instr[] program, PatternStart start, bool isContext, string pattern)
{
    public Instr[] Program { get; } = program;

    public PatternStart Start { get; } = start;

    /// <summary>The source text, for diagnostics.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>Signature bits of <see cref="PatternStart.Required"/>: a sentence lacking all of them cannot match.</summary>
    public Signature Required { get; } = Signature.Of(start.Required);

    public bool IsContext { get; } = isContext;

    public ToneCategory Category { get; init; }

    public float Strength { get; init; }

    public int Reason { get; init; }

    public RuleOptions Options { get; init; }

    public ContextFlags Flag { get; init; }

    public Scope ScopeBits { get; init; }

    public ScopeKind ScopeKind { get; init; }
}
