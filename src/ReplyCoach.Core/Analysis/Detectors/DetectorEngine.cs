using System.Buffers;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// The compiled lexicons and rules, and the per-sentence pipeline: tokenize once, find context cues, collect
/// candidate evidence from the rules (<see cref="RuleMatcher"/>) and the lexicon detectors (<see cref="InsultDetector"/>,
/// <see cref="GroupDetector"/>, <see cref="ProfanityDetector"/>, <see cref="ShoutingDetector"/>), then let the context
/// (<see cref="ContextDetector"/>) decide what survives and how strongly. Built once per process; immutable
/// afterwards, so it is safe to share between threads.
/// </summary>
internal sealed class DetectorEngine
{
    private const int MaxCandidates = 32;
    private const int MaxStackChars = 2048;
    private const int MaxStackTokens = 384;

    // A non-generic home for the empty result: a generic empty array is looked up through the runtime on every call.
    internal static readonly Evidence[] NoHits = [];

    private static readonly Lazy<DetectorEngine> Shared = new(() => new DetectorEngine(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lexicon _lexicon;
    private readonly RuleMatcher _rules;
    private readonly ContextDetector _context;
    private readonly InsultDetector _insults;
    private readonly GroupDetector _groups;
    private readonly ProfanityDetector _profanity;
    private readonly ShoutingDetector _shouting;

    private DetectorEngine()
    {
        // Every word any lexicon, rule or detector names gets its id before the table is frozen.
        var builder = new WordTableBuilder();
        Lexicon.Register(builder);
        var rules = RuleSet.Create(builder);
        var words = new DetectorWords(builder);
        var reasons = new DetectorReasons(rules);
        _lexicon = Lexicon.Freeze(builder);
        _rules = new RuleMatcher(rules, _lexicon.Words.Count);
        _context = new ContextDetector(words, rules);
        _insults = new InsultDetector(_lexicon, words, reasons);
        _groups = new GroupDetector(_lexicon, words, reasons);
        _profanity = new ProfanityDetector(_lexicon, words, reasons);
        _shouting = new ShoutingDetector(_lexicon, reasons);
    }

    public static DetectorEngine Instance => Shared.Value;

    /// <summary>Number of compiled rule patterns (for diagnostics and tests).</summary>
    public int RuleCount => _rules.Count;

    public Lexicon Lexicon => _lexicon;

    public SentenceSignals Analyze(string draftText, Sentence sentence, string? incoming)
    {
        ReadOnlySpan<char> text;
        int baseOffset;
        if (sentence.Start >= 0 && sentence.Length >= 0 && sentence.Start + sentence.Length <= draftText.Length)
        {
            text = draftText.AsSpan(sentence.Start, sentence.Length);
            baseOffset = sentence.Start;
        }
        else
        {
            // Offsets that do not fit the draft: read the sentence's own text; offsets still count from its start.
            text = sentence.Text.AsSpan();
            baseOffset = Math.Max(0, sentence.Start);
        }

        if (text.IsEmpty)
        {
            return new SentenceSignals(NoHits, ContextFlags.None, DetectorFeatures.Build(NoHits, ContextFlags.None));
        }

        // Scratch memory lives on the stack, sized to the sentence: zeroing a fixed large buffer on every call would
        // cost more than analysing a short sentence, and a pool costs more than it saves at these sizes.
        var bound = Tokenizer.MaxTokens(text);
        if (text.Length > MaxStackChars || bound > MaxStackTokens)
        {
            return AnalyzeLong(text, baseOffset, incoming, bound);
        }

        Span<char> lower = stackalloc char[text.Length];
        Span<Token> tokens = stackalloc Token[bound];
        Span<Candidate> candidates = stackalloc Candidate[MaxCandidates];
        return Run(text, lower, tokens, candidates, baseOffset, incoming);
    }

    private SentenceSignals AnalyzeLong(ReadOnlySpan<char> text, int baseOffset, string? incoming, int bound)
    {
        var chars = ArrayPool<char>.Shared.Rent(text.Length);
        var tokenBuffer = ArrayPool<Token>.Shared.Rent(bound);
        var candidateBuffer = ArrayPool<Candidate>.Shared.Rent(MaxCandidates);
        try
        {
            return Run(text, chars.AsSpan(0, text.Length), tokenBuffer.AsSpan(0, bound), candidateBuffer.AsSpan(0, MaxCandidates), baseOffset, incoming);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<Token>.Shared.Return(tokenBuffer);
            ArrayPool<Candidate>.Shared.Return(candidateBuffer);
        }
    }

    private SentenceSignals Run(ReadOnlySpan<char> text, Span<char> lower, Span<Token> tokenBuffer, Span<Candidate> candidates, int baseOffset, string? incoming)
    {
        Tokenizer.Fold(text, lower);
        var count = Tokenizer.Tokenize(text, lower, tokenBuffer, _lexicon);
        if (count == 0)
        {
            return new SentenceSignals(NoHits, ContextFlags.None, DetectorFeatures.Build(NoHits, ContextFlags.None));
        }

        Scope[]? rentedScopes = null;
        var scopes = count <= MaxStackTokens ? stackalloc Scope[count] : (rentedScopes = ArrayPool<Scope>.Shared.Rent(count)).AsSpan(0, count);
        scopes.Clear();
        try
        {
            var state = new SentenceState
            {
                Text = text,
                Lower = lower,
                Tokens = tokenBuffer[..count],
                Scopes = scopes,
                Candidates = candidates,
            };

            // Rules first (context rules set the scopes the rest reads), then single-word context, then the lexicon
            // detectors; the context decides last what every candidate is worth.
            _rules.Run(ref state);
            _context.MarkLexicalContext(ref state);
            _insults.Find(ref state);
            _groups.Find(ref state);
            _profanity.Find(ref state);
            _shouting.Find(ref state);

            var hits = _context.Resolve(ref state, baseOffset, incoming);
            return new SentenceSignals(hits, state.Flags, DetectorFeatures.Build(hits, state.Flags));
        }
        finally
        {
            if (rentedScopes is not null)
            {
                ArrayPool<Scope>.Shared.Return(rentedScopes);
            }
        }
    }
}
