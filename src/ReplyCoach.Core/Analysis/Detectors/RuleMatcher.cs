namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// The compiled rules of a <see cref="RuleSet"/>, indexed by how they can start, and run over a sentence. Rules are
/// indexed by the words their first token can be; rules that can start with a class are scanned for every token whose
/// classes intersect. A one-word look-ahead filter and a required-words signature skip most attempts before running them.
/// </summary>
internal sealed class RuleMatcher
{
    private readonly Rule[] _ruleArray;
    private readonly int[][] _byWord;
    private readonly WordMap<int[]>?[] _byPair;
    private readonly TokenSet _classStarts;
    private readonly (WordClass Mask, int[] Words, int Rule)[] _byClass;

    public RuleMatcher(RuleSet rules, int wordCount)
    {
        _ruleArray = [.. rules.Rules];
        (_byWord, _byPair, _byClass) = BuildIndex(_ruleArray, wordCount);
        var classWords = new List<int>();
        var classMask = WordClass.None;
        foreach (var (mask, words, _) in _byClass)
        {
            classMask |= mask;
            classWords.AddRange(words);
        }

        _classStarts = new TokenSet(classWords, classMask);
    }

    /// <summary>Number of compiled rule patterns.</summary>
    public int Count => _ruleArray.Length;

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

    /// <summary>Runs every rule that can start at each token; evidence rules add candidates, context rules set flags and scopes.</summary>
    public void Run(ref SentenceState s)
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
            ContextDetector.ApplyRule(ref s, rule, start, end);
            return;
        }

        var first = markStart >= 0 ? markStart : start;
        var last = markEnd >= 0 ? markEnd : end;
        s.Add(first, last, start, rule.Category, rule.Strength, rule.Reason, CandidateSource.Rule, rule.Options);
    }
}
