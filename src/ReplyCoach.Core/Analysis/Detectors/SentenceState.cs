namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>Where a candidate came from; used only to pick how context applies.</summary>
internal enum CandidateSource : byte
{
    Rule,
    Insult,
    Group,
    Profanity,
    Shouting,
}

/// <summary>A finding before context is applied. Unmanaged so a sentence's candidates live on the stack.</summary>
internal struct Candidate
{
    public int First;     // first token of the highlighted words
    public int End;       // one past the last token
    public int Key;       // the token context is judged from (negation, scopes)
    public ToneCategory Category;
    public float Strength;
    public int Reason;
    public RuleOptions Options;
    public CandidateSource Source;
}

/// <summary>Everything the detectors know about the sentence being analysed. Lives on the stack for one call.</summary>
internal ref struct SentenceState
{
    public ReadOnlySpan<char> Text;
    public ReadOnlySpan<char> Lower;
    public Span<Token> Tokens;
    public Span<Scope> Scopes;
    public Span<Candidate> Candidates;
    public int CandidateCount;
    public ContextFlags Flags;
    public Signature Signature;

    public readonly int Count => Tokens.Length;

    public void Add(in Candidate candidate)
    {
        if (CandidateCount < Candidates.Length)
        {
            Candidates[CandidateCount++] = candidate;
        }
    }

    public void Add(int first, int end, int key, ToneCategory category, float strength, int reason, CandidateSource source, RuleOptions options = RuleOptions.None) =>
        Add(new Candidate
        {
            First = first,
            End = end,
            Key = key,
            Category = category,
            Strength = strength,
            Reason = reason,
            Source = source,
            Options = options,
        });
}
