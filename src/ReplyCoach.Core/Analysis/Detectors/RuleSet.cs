namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// All pattern rules, compiled and indexed by the word (or class) their first token must be, so a sentence is
/// scanned once and only the few rules that can start at each token are tried.
/// </summary>
internal sealed partial class RuleSet
{
    private readonly List<Rule> _rules = [];
    private readonly List<string> _reasons = [];
    private readonly Dictionary<string, int> _reasonIds = new(StringComparer.Ordinal);
    private readonly WordTableBuilder _words;

    private readonly HashSet<int> _common;

    private RuleSet(WordTableBuilder words)
    {
        _words = words;
        _common = [.. CommonWords.Select(words.Id)];
    }

    // Words too frequent to be a useful "must contain" filter.
    private static readonly string[] CommonWords =
    [
        "you", "your", "i", "we", "me", "us", "my", "our", "the", "a", "an", "to", "of", "it", "is", "are", "am", "be",
        "was", "were", "and", "or", "this", "that", "not", "do", "have", "has", "had", "will", "would", "can", "could",
        "for", "in", "on", "with", "at", "by", "from", "as", "if", "so", "but", "all", "any", "they", "them", "it",
        "there", "here", "what", "how", "just", "please", "should", "may", "more", "up", "out", "get", "no",
    ];

    public IReadOnlyList<Rule> Rules => _rules;

    public string Reason(int id) => _reasons[id];

    public int ReasonId(string reason)
    {
        if (!_reasonIds.TryGetValue(reason, out var id))
        {
            id = _reasons.Count;
            _reasons.Add(reason);
            _reasonIds[reason] = id;
        }

        return id;
    }

    /// <summary>Compiles every rule; words the rules mention are added to <paramref name="words"/>.</summary>
    public static RuleSet Create(WordTableBuilder words)
    {
        var set = new RuleSet(words);
        set.AddContextRules();
        set.AddHostilityRules();
        set.AddBlameRules();
        set.AddThreatRules();
        set.AddCondescensionRules();
        set.AddDismissivenessRules();
        return set;
    }

    private void Evidence(ToneCategory category, float strength, string reason, string pattern, RuleOptions options = RuleOptions.None)
    {
        var reasonId = ReasonId(reason);
        if (category == ToneCategory.Threat)
        {
            options |= RuleOptions.KeepConditional | RuleOptions.KeepHedged;
        }

        var program = PatternCompiler.Compile(pattern, _words, _common, out var required);
        var start = PatternCompiler.Analyze(program, pattern);
        start.Required = required;
        _rules.Add(new Rule(program, start, isContext: false, pattern)
        {
            Category = category,
            Strength = strength,
            Reason = reasonId,
            Options = options,
        });
    }

    private void Context(ContextFlags flag, Scope scope, ScopeKind kind, string pattern)
    {
        var program = PatternCompiler.Compile(pattern, _words, _common, out var required);
        var start = PatternCompiler.Analyze(program, pattern);
        start.Required = required;
        _rules.Add(new Rule(program, start, isContext: true, pattern) { Flag = flag, ScopeBits = scope, ScopeKind = kind });
    }

    private void H(float strength, string reason, string pattern, RuleOptions options = RuleOptions.None) =>
        Evidence(ToneCategory.Hostility, strength, reason, pattern, options);

    private void B(float strength, string reason, string pattern, RuleOptions options = RuleOptions.None) =>
        Evidence(ToneCategory.Blame, strength, reason, pattern, options);

    private void T(float strength, string reason, string pattern, RuleOptions options = RuleOptions.None) =>
        Evidence(ToneCategory.Threat, strength, reason, pattern, options);

    private void C(float strength, string reason, string pattern, RuleOptions options = RuleOptions.None) =>
        Evidence(ToneCategory.Condescension, strength, reason, pattern, options);

    private void D(float strength, string reason, string pattern, RuleOptions options = RuleOptions.None) =>
        Evidence(ToneCategory.Dismissiveness, strength, reason, pattern, options);
}
