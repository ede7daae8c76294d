using System.Buffers;
using ReplyCoach.Core.Drafts;

namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// The compiled lexicons and rules, and the per-sentence pipeline: tokenize once, find context cues, collect
/// candidate evidence from rules and lexicon analyzers, then let the context decide what survives and how strongly.
/// Built once per process; immutable afterwards, so it is safe to share between threads.
/// </summary>
internal sealed partial class DetectorEngine
{
    private const int MaxCandidates = 32;
    private const int MaxStackChars = 2048;
    private const int MaxStackTokens = 384;

    // A non-generic home for the empty result: a generic empty array is looked up through the runtime on every call.
    private static readonly Evidence[] NoHits = [];

    private static readonly Lazy<DetectorEngine> Shared = new(() => new DetectorEngine(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lexicon _lexicon;
    private readonly RuleSet _rules;
    private readonly Rule[] _ruleArray;
    private readonly int[][] _byWord;
    private readonly WordMap<int[]>?[] _byPair;
    private readonly TokenSet _classStarts;
    private readonly (WordClass Mask, int[] Words, int Rule)[] _byClass;
    private readonly Words _w;

    private DetectorEngine()
    {
        var builder = new WordTableBuilder();
        Lexicon.Register(builder);
        _rules = RuleSet.Create(builder);
        _w = new Words(builder);
        _reasons = new Reasons(_rules);
        _lexicon = Lexicon.Freeze(builder);
        _ruleArray = [.. _rules.Rules];
        (_byWord, _byPair, _byClass) = BuildIndex(_ruleArray, _lexicon.Words.Count);
        var classWords = new List<int>();
        var classMask = WordClass.None;
        foreach (var (mask, words, _) in _byClass)
        {
            classMask |= mask;
            classWords.AddRange(words);
        }

        _classStarts = new TokenSet(classWords, classMask);
    }

    public static DetectorEngine Instance => Shared.Value;

    /// <summary>Number of compiled rule patterns (for diagnostics and tests).</summary>
    public int RuleCount => _ruleArray.Length;

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

            RunRules(ref state);
            MarkLexicalContext(ref state);
            FindInsults(ref state);
            FindGeneralisations(ref state);
            FindProfanity(ref state);
            FindShouting(ref state);

            var hits = Resolve(ref state, baseOffset, incoming);
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

    // Rules are indexed by the words their first token can be; rules that can start with a class are scanned for
    // every token whose classes intersect. A one-word look-ahead filter skips most attempts before running them.
    private static (int[][] ByWord, WordMap<int[]>?[] ByPair, (WordClass Mask, int[] Words, int Rule)[] ByClass) BuildIndex(Rule[] rules, int wordCount)
    {
        var byWord = new List<int>?[wordCount];
        var byPair = new Dictionary<long, List<int>>();
        var byClass = new List<(WordClass, int[], int)>();
        for (var r = 0; r < rules.Length; r++)
        {
            var start = rules[r].Start;
            if (start.Classes != WordClass.None)
            {
                byClass.Add((start.Classes, [.. start.Words], r));
                continue;
            }

            foreach (var w in start.Words)
            {
                if (start.SecondWords is { } seconds)
                {
                    // Both first and second token are plain words: index by the pair, so a rule is only tried where
                    // its first two words actually occur.
                    foreach (var w2 in seconds)
                    {
                        var key = PairKey(w, w2);
                        if (!byPair.TryGetValue(key, out var pairList))
                        {
                            byPair[key] = pairList = [];
                        }

                        if (!pairList.Contains(r))
                        {
                            pairList.Add(r);
                        }
                    }

                    continue;
                }

                var list = byWord[w] ??= [];
                if (!list.Contains(r))
                {
                    list.Add(r);
                }
            }
        }

        var words = new int[wordCount][];
        for (var w = 0; w < wordCount; w++)
        {
            words[w] = byWord[w] is { } list ? [.. list] : [];
        }

        var pairs = new WordMap<int[]>?[wordCount];
        foreach (var group in byPair.GroupBy(p => (int)(p.Key >> 32)))
        {
            pairs[group.Key] = new WordMap<int[]>(group.Select(p => new KeyValuePair<int, int[]>((int)p.Key, [.. p.Value])));
        }

        return (words, pairs, [.. byClass]);
    }

    private static long PairKey(int first, int second) => ((long)first << 32) | (uint)second;

    private void RunRules(ref SentenceState s)
    {
        var tokens = s.Tokens;
        var signature = default(Signature);
        foreach (ref readonly var t in tokens)
        {
            signature = signature.With(t.Word);
        }

        s.Signature = signature;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var t = ref tokens[i];
            if (t.Word >= 0)
            {
                foreach (var r in _byWord[t.Word])
                {
                    TryRule(ref s, r, i);
                }

                if (_byPair[t.Word] is { } seconds && i + 1 < tokens.Length && tokens[i + 1].Word >= 0 &&
                    seconds.TryGetValue(tokens[i + 1].Word, out var pairRules))
                {
                    foreach (var r in pairRules)
                    {
                        TryRule(ref s, r, i, secondChecked: true);
                    }
                }
            }

            if (!_classStarts.Contains(t))
            {
                continue;
            }

            foreach (var (mask, words, r) in _byClass)
            {
                if ((t.Classes & mask) != 0 || (words.Length > 0 && Array.IndexOf(words, t.Word) >= 0))
                {
                    TryRule(ref s, r, i);
                }
            }
        }
    }

    private void TryRule(ref SentenceState s, int ruleIndex, int start, bool secondChecked = false)
    {
        var rule = _ruleArray[ruleIndex];
        if (!secondChecked && rule.Start.Second is { } second && (start + 1 >= s.Tokens.Length || !second.Contains(s.Tokens[start + 1])))
        {
            return;
        }

        if (!rule.Required.IsEmpty && !rule.Required.Overlaps(s.Signature))
        {
            return;
        }

        var end = PatternMatcher.Match(rule.Program, s.Tokens, start, out var markStart, out var markEnd);
        if (end < 0)
        {
            return;
        }

        if (rule.IsContext)
        {
            ApplyContextRule(ref s, rule, start, end);
            return;
        }

        var first = markStart >= 0 ? markStart : start;
        var last = markEnd >= 0 ? markEnd : end;
        s.Add(first, last, start, rule.Category, rule.Strength, rule.Reason, CandidateSource.Rule, rule.Options);
    }

    /// <summary>Special word ids the analyzers test for.</summary>
    private sealed class Words(WordTableBuilder b)
    {
        private static WordMap<GroupDimension> Map(WordTableBuilder builder, Dictionary<string, GroupDimension> words) =>
            new(words.Select(p => new KeyValuePair<int, GroupDimension>(builder.Id(p.Key), p.Value)));

        public readonly int Of = b.Id("of");
        public readonly int As = b.Id("as");
        public readonly int Me = b.Id("me");
        public readonly int This = b.Id("this");
        public readonly int That = b.Id("that");
        public readonly int Us = b.Id("us");
        public readonly int Like = b.Id("like");
        public readonly int The = b.Id("the");
        public readonly int What = b.Id("what");
        public readonly int A = b.Id("a");
        public readonly int An = b.Id("an");
        public readonly int Do = b.Id("do");
        public readonly int Be = b.Id("be");
        public readonly int Being = b.Id("being");
        public readonly int Such = b.Id("such");
        public readonly int Lot = b.Id("lot");
        public readonly int People = b.Id("people");
        public readonly int Kind = b.Id("kind");
        public readonly int Type = b.Id("type");
        public readonly int Sort = b.Id("sort");
        public readonly int Typical = b.Id("typical");
        public readonly int Typically = b.Id("typically");
        public readonly int All = b.Id("all");
        public readonly int Every = b.Id("every");
        public readonly int Most = b.Id("most");
        public readonly int Those = b.Id("those");
        public readonly int These = b.Id("these");
        public readonly int Same = b.Id("same");
        public readonly int From = b.Id("from");
        public readonly int About = b.Id("about");
        public readonly int In = b.Id("in");
        public readonly int Part = b.Id("part");
        public readonly int Hell = b.Id("hell");
        public readonly int To = b.Id("to");
        public readonly int No = b.Id("no");
        public readonly int Bloody = b.Id("bloody");
        public readonly int Guys = b.Id("guys");
        public readonly int Called = b.Id("called");
        public readonly int Word = b.Id("word");
        public readonly int Term = b.Id("term");
        public readonly int SoCalled = b.Id("so-called");
        public readonly int Acting = b.Id("acting");
        public readonly int Behaving = b.Id("behaving");
        public readonly WordSet Deictic = new(new[] { "kind", "type", "sort", "ilk", "lot" }.Select(b.Id));
        public readonly WordMap<GroupDimension> DeicticWeak = Map(b, new Dictionary<string, GroupDimension>
        {
            ["people"] = GroupDimension.Ethnicity,
            ["folks"] = GroupDimension.Ethnicity,
            ["generation"] = GroupDimension.Age,
            ["age"] = GroupDimension.Age,
            ["culture"] = GroupDimension.Nationality,
            ["country"] = GroupDimension.Nationality,
            ["countrymen"] = GroupDimension.Nationality,
            ["nationality"] = GroupDimension.Nationality,
            ["religion"] = GroupDimension.Religion,
            ["faith"] = GroupDimension.Religion,
            ["race"] = GroupDimension.Ethnicity,
            ["community"] = GroupDimension.Ethnicity,
            ["gender"] = GroupDimension.Gender,
            ["sex"] = GroupDimension.Gender,
        });
        public readonly WordMap<GroupDimension> Places = Map(b, new Dictionary<string, GroupDimension>
        {
            ["country"] = GroupDimension.Nationality,
            ["countries"] = GroupDimension.Nationality,
            ["region"] = GroupDimension.Nationality,
            ["nation"] = GroupDimension.Nationality,
            ["place"] = GroupDimension.Nationality,
            ["area"] = GroupDimension.Nationality,
            ["part"] = GroupDimension.Nationality,
            ["culture"] = GroupDimension.Nationality,
            ["cultures"] = GroupDimension.Nationality,
            ["background"] = GroupDimension.Ethnicity,
            ["backgrounds"] = GroupDimension.Ethnicity,
            ["religion"] = GroupDimension.Religion,
            ["race"] = GroupDimension.Ethnicity,
            ["community"] = GroupDimension.Ethnicity,
            ["generation"] = GroupDimension.Age,
            ["age"] = GroupDimension.Age,
            ["neighbourhood"] = GroupDimension.Ethnicity,
            ["neighborhood"] = GroupDimension.Ethnicity,
        });
        public readonly WordSet Demonstratives = new(new[] { "that", "your", "this", "those", "these", "such", "their", "his", "her" }.Select(b.Id));
        public readonly WordSet NegationExceptions = new(new[] { "only", "just", "doubt", "wonder", "matter", "surprise", "believe", "help", "mention", "least", "unlike", "problem", "worries", "worry", "longer", "later", "less", "more", "sooner" }.Select(b.Id));
        public readonly WordSet AmbiguousProfanity = new(new[] { "dick", "dicks", "cock", "prick", "hell", "bugger", "bloody", "ass", "tits", "sucks", "suck", "screwed", "pissed", "damn", "af", "fk", "shag", "git", "crap", "bs" }.Select(b.Id));
        public readonly WordSet Anyone = new(new[] { "anyone", "anybody", "someone", "somebody", "ever", "i", "you", "we", "sounds", "seems", "reads" }.Select(b.Id));
        public readonly int Days = b.Id("days");
        public readonly int Get = b.Id("get");
        public readonly int Gets = b.Id("gets");
        public readonly int Getting = b.Id("getting");
        public readonly int Likely = b.Id("likely");
        public readonly int More = b.Id("more");
        public readonly WordSet Prepositions = new(new[] { "about", "of", "regarding", "on", "for", "to", "with", "towards", "toward", "against", "from", "in", "at", "by", "concerning", "re" }.Select(b.Id));
        public readonly int Yourself = b.Id("yourself");
        public readonly int Hard = b.Id("hard");
        public readonly int Age = b.Id("age");
        public readonly int Generation = b.Id("generation");
        public readonly int With = b.Id("with");
        public readonly int Who = b.Id("who");
        public readonly int Have = b.Id("have");
        public readonly int Entitled = b.Id("entitled");
        public readonly int Eligible = b.Id("eligible");
        public readonly int Welcome = b.Id("welcome");
        public readonly WordSet PluralPeople = new(new[] { "gamers", "landlords", "tenants", "owners", "students", "freelancers", "drivers", "parents", "beginners", "amateurs", "novices", "newbies", "teenagers", "millennials", "boomers", "pensioners", "retirees" }.Select(b.Id));
        public readonly WordSet Disability = new(new[] { "disabilities", "disability", "disabled", "adhd", "autism", "autistic", "dyslexia", "dyslexic", "mental", "wheelchairs", "wheelchair", "hearing", "impaired", "blind", "deaf", "dementia", "depression", "anxiety", "impairment", "impairments", "learning", "special", "needs", "handicap", "handicaps", "down's", "downs", "syndrome", "illness", "illnesses", "epilepsy", "aspergers", "asperger's", "ocd", "ptsd", "bipolar", "schizophrenia", "visually", "partially" }.Select(b.Id));
        public readonly WordSet DisabilityTail = new(new[] { "health", "issues", "problems", "loss", "impaired", "difficulties", "conditions", "condition", "needs", "sighted", "syndrome", "disorders", "disorder", "illness", "illnesses", "of", "hearing" }.Select(b.Id));
        public readonly int Thing = b.Id("thing");
        public readonly WordSet Writings = new(new[] { "question", "questions", "request", "requests", "complaint", "complaints", "email", "emails", "e-mail", "e-mails", "message", "messages", "idea", "ideas", "comment", "comments", "claim", "claims", "excuse", "excuses", "argument", "arguments", "story", "suggestion", "suggestions", "review", "reviews", "point", "reply", "replies", "response", "demand", "demands", "query", "queries", "rant", "rants", "letter", "voicemail", "voicemails", "accusation", "accusations", "theory", "logic", "reasoning", "thing" }.Select(b.Id));
        public readonly WordSet Complements = new(new[] { "of", "to", "about", "with", "at", "in", "on", "for", "towards", "toward" }.Select(b.Id));
        public readonly WordSet SubjectSkip = new(new[] { "being", "like", "such", "of", "just", "acting", "behaving", "kind", "sort", "bit", "little", "real", "right", "proper", "one", "as", "complete", "total", "absolute", "trying", "to", "try", "deliberately", "purposely" }.Select(b.Id));
        public readonly WordSet PredicateSkip = new(new[] { "all", "just", "really", "often", "also", "simply", "so", "such", "a", "an", "the", "bunch", "of", "very", "too", "mostly", "basically", "pretty", "quite", "usually", "generally", "frankly", "honestly", "literally", "totally", "completely", "absolutely", "seem", "seems", "to", "tend", "tends", "known", "notoriously", "can", "will", "would", "do", "does", "are", "is", "be", "were", "being", "have", "has", "famously", "generally", "all", "really" }.Select(b.Id));
    }
}
