using System.Text.RegularExpressions;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Core.Coaching.Rules;

/// <summary>What a rule puts in place of the words it matched.</summary>
/// <param name="Replacement">The new words (lower-case at the start; the sentence is capitalised afterwards).</param>
/// <param name="Append">A sentence to add after the reworded one (a question that asks instead of accusing), or null.</param>
/// <param name="Polite">Whether an imperative left at the start should get a "please".</param>
internal readonly record struct RuleOutput(string Replacement, string? Append = null, bool Polite = false);

/// <summary>One explainable transformation: a pattern of hostile wording and what to write instead, with why.</summary>
/// <param name="Name">A short id for tests and reports.</param>
/// <param name="Category">The category it addresses.</param>
/// <param name="Pattern">What it matches in a sentence.</param>
/// <param name="Rewrite">Computes the replacement (null: the rule does not apply after all).</param>
/// <param name="Rationale">Why the new wording is better.</param>
/// <param name="SpanOnly">Whether it applies only where the detectors flagged words (its pattern alone is too common to act on).</param>
internal sealed record RewriteRule(string Name, ToneCategory Category, Regex Pattern, Func<Match, string, RuleOutput?> Rewrite, string Rationale, bool SpanOnly = false);

/// <summary>The built-in rule set, per category. Order matters: earlier rules win where matches overlap.</summary>
internal static class RewriteRules
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private const string Will = @"(?:['’]ll|\s+will|\s+(?:am|are)\s+going\s+to|['’](?:m|re)\s+going\s+to|\s+shall)";
    private const string ClauseEnd = @"(?=\s*(?:[,;:.!?)]|$|\b(?:and|but|so|because|since|which|when|while|if|or|then|before|after|unless)\b))";
    private const string Rest = @"(?<obj>[^,;:.!?()]*?)" + ClauseEnd;
    private const string PastParticiple =
        @"(?:\w+ed|broken|torn|lost|forgotten|forgot|bent|put|set|cut|done|given|taken|thrown|worn|written|sent|left|made|read|shown|chosen|hit|spilt|bought|paid|sold|run|got|gotten|seen|heard|kept|found|built|understood|misunderstood|mistaken|overlooked|missed|skipped|ignored)";
    private const string Demonyms =
        "americans?|germans?|french|chinese|indians?|russians?|italians?|spanish|spaniards|mexicans?|brits|british|asians?|africans?|arabs?|muslims?|jews|jewish|" +
        "christians?|hindus?|poles|polish|turks|turkish|nigerians?|pakistanis?|filipinos?|japanese|koreans?|greeks?|irish|scots|scottish|australians?|canadians?|" +
        "brazilians?|europeans?|latinos?|romanians?|albanians?|dutch|swedes|swedish|northerners|southerners|foreigners|immigrants|millennials|boomers|zoomers|" +
        "women|men|old\\s+people|young\\s+people|older\\s+people|pensioners|students|teenagers";

    private const string Group =
        @"(?:you\s+people|you\s+lot|you\s+guys|people\s+like\s+you|(?:your|that|this)\s+(?:kind|sort|type|lot)(?:\s+of\s+(?:people|customers?))?|the\s+likes\s+of\s+you|(?:these|those)\s+(?:people|customers|folks|types)|" +
        @"(?:customers|people|clients|folks|users|buyers|callers)\s+(?:like\s+you|from\s+(?:your|that|this|those|these)\s+(?:country|countries|part\s+of\s+the\s+world|region|area|place|culture|background|community)|from\s+[a-z][\w-]+|of\s+your\s+(?:age|generation|kind|background|religion|culture|country))|" +
        @"(?:all\s+)?(?:" + Demonyms + @")(?:\s+(?:customers|people|clients|buyers|users|callers))?)";

    private static readonly string[] Imperatives =
    [
        "pay", "send", "call", "reply", "return", "provide", "give", "fill", "sign", "read", "check", "update", "contact", "confirm", "respond",
        "submit", "complete", "follow", "restart", "try", "wait", "tell", "let", "settle", "include", "attach", "use", "click", "open", "enter",
    ];

    /// <summary>The rules, in priority order.</summary>
    public static IReadOnlyList<RewriteRule> All { get; } = Build();

    private static RewriteRule R(string name, ToneCategory category, string pattern, Func<Match, string, RuleOutput?> rewrite, string rationale, bool spanOnly = false) =>
        new(name, category, new Regex(pattern, Options, TimeSpan.FromSeconds(2)), rewrite, rationale, spanOnly);

    private static RuleOutput? Drop(Match m, string s) => new RuleOutput(string.Empty);

    private static List<RewriteRule> Build() =>
    [
        // ---- threats: the actual next step, or nothing ----
        R("threat.legal", ToneCategory.Threat,
            @"\b(?:we|I)" + Will + @"\s+(?:(?:have\s+to|be\s+forced\s+to|not\s+hesitate\s+to|happily|gladly)\s+)?(?:sue\s+you|take\s+you\s+to\s+court|take\s+(?:legal\s+)?action\s+against\s+you|see\s+you\s+in\s+court|get\s+(?:our\s+)?lawyers?\s+(?:involved|on\s+(?:you|this)))|\b(?:we|I)\s+won['’]t\s+hesitate\s+to\s+(?:sue\s+you|take\s+(?:legal\s+)?action(?:\s+against\s+you)?)",
            static (m, s) => new("the next step would be to refer this to our legal team"),
            "names the actual next step instead of a threat"),
        R("threat.account", ToneCategory.Threat,
            @"\b(?:we|I)" + Will + @"\s+(?:(?:make\s+sure\s+to|personally|happily|gladly|have\s+to)\s+)?(?<verb>report|ban|block|blacklist|cancel|terminate|close|shut\s+down|suspend)\s+(?:you|your\s+account)\b(?:\s+(?:permanently|immediately|for\s+good|forever))?",
            static (m, s) => m.Groups["verb"].Value.ToLowerInvariant() switch
            {
                "report" => new RuleOutput("we may need to report this"),
                "ban" or "block" or "blacklist" or "suspend" => new RuleOutput("the account may be restricted under our terms of service"),
                _ => new RuleOutput("the account may be closed under our terms of service"),
            },
            "states the consequence neutrally, as a next step"),
        R("threat.make-sure-you-never", ToneCategory.Threat,
            @"\b(?:I|we)" + Will + @"\s+(?:personally\s+)?make\s+(?:sure|certain)\s+(?:that\s+)?you\s+(?:never|don['’]t|do\s+not|won['’]t|will\s+not)\s+(?<rest>[^,;.!?]+)",
            static (m, s) => new("you will not " + m.Groups["rest"].Value.Trim()),
            "states the decision plainly instead of as a personal threat"),
        R("threat.personal", ToneCategory.Threat,
            @"\b(?:I|we)" + Will + @"\s+(?:make\s+(?:sure|certain)\s+(?:that\s+)?you\b[^,;.!?]*|make\s+your\s+life\b[^,;.!?]*|come\s+after\s+you[^,;.!?]*|ruin\s+you[^,;.!?]*|destroy\s+you[^,;.!?]*|teach\s+you\s+a\s+lesson[^,;.!?]*|find\s+you\b[^,;.!?]*)",
            Drop, "drops the threat; the rest states what happens next"),
        R("threat.or-else", ToneCategory.Threat,
            @"\bor\s+else\b[^,;.!?]*|\b(?:(?:or|and)\s+)?you" + Will + @"\s+(?:really\s+)?(?:regret\s+(?:it|this|that)|be\s+sorry)\b[^,;.!?]*|\b(?:or\s+)?face\s+the\s+consequences\b",
            static (m, s) => new(string.Empty, Polite: true),
            "keeps the request and the deadline, without the threat"),
        R("threat.warning", ToneCategory.Threat,
            @"\b(?:watch\s+(?:yourself|your\s+(?:step|back|mouth|tone|language))|don['’]t\s+(?:make|push|test)\s+me\b[^,;.!?]*|you(?:['’]ve|\s+have)\s+been\s+warned|you\s+don['’]t\s+want\s+to\s+(?:mess\s+with|find\s+out|see)\b[^,;.!?]*|there\s+will\s+be\s+consequences|you" + Will + @"\s+(?:pay\s+for\s+(?:this|it)|find\s+out\s+what\s+happens\b[^,;.!?]*))",
            Drop, "drops the intimidation"),
        R("threat.final-warning", ToneCategory.Threat,
            @"\b(?:this\s+is|consider\s+this)\s+your\s+(?:last|final|only)\s+warning\b",
            static (m, s) => new("please treat this as our final reminder"),
            "a reminder of the deadline, not a warning"),
        R("threat.intensifier", ToneCategory.Threat,
            @"\b(?:immediately\s+and\s+permanently|permanently|without\s+(?:any\s+)?(?:further\s+)?(?:warning|notice|discussion)|with\s+no\s+(?:further\s+)?warning|for\s+good|once\s+and\s+for\s+all)\b",
            Drop, "states the consequence without escalating it", spanOnly: true),

        // ---- blame: a neutral observation plus a question ----
        R("blame.liar", ToneCategory.Blame,
            @"\b(?:you(?:['’]re|\s+are)\s+(?:(?:clearly|obviously|just|simply)\s+)?(?:lying|a\s+liar|not\s+telling\s+the\s+truth|making\s+(?:this|it|that|things|stuff)\s+up|making\s+up\s+stories)|you\s+(?:clearly\s+|obviously\s+)?lied)\b(?:\s+(?:about|regarding)\s+(?<about>[^,;.!?]+))?",
            static (m, s) => new(
                m.Groups["about"].Success ? "our records show something different about " + m.Groups["about"].Value.Trim() : "our records show something different",
                "Could you send me any details you have, so I can compare them?"),
            "describes the mismatch without calling the customer a liar"),
        R("blame.must-have", ToneCategory.Blame,
            @"\b(?:you|u)\s+(?:(?:clearly|obviously|probably|definitely|surely)\s+)?(?<modal>must|should)(?:\s+(?:clearly|obviously|definitely|surely))?\s+(?:have|['’]ve|of)\s+(?:(?:clearly|obviously|simply|just|somehow|accidentally)\s+)?(?<pp>" + PastParticiple + @")\b" + Rest,
            static (m, s) => Passive(m.Groups["obj"].Value, m.Groups["pp"].Value, negative: m.Groups["modal"].Value.Equals("should", StringComparison.OrdinalIgnoreCase)),
            "states what may have happened without accusing, and asks"),
        R("blame.did-not", ToneCategory.Blame,
            @"\b(?:you|u)\s+(?:(?:clearly|obviously|evidently|apparently|simply|just)\s+)?(?:did\s+not|didn['’]t|didnt|never|failed\s+to|forgot\s+to|neglected\s+to|couldn['’]t\s+be\s+bothered\s+to)\s+(?:(?:even|bother\s+to|actually|properly|bother)\s+)*(?<verb>[a-z]+)\b" + Rest,
            static (m, s) => Passive(m.Groups["obj"].Value, English.PastParticiple(m.Groups["verb"].Value), negative: true),
            "states what may have happened without accusing, and asks"),
        R("blame.damaged", ToneCategory.Blame,
            @"\b(?:you|u)\s+(?:(?:clearly|obviously|probably|just|simply)\s+)?(?<verb>broke|damaged|ruined|destroyed|messed\s+up|screwed\s+up|dropped|misused|abused|mishandled|cracked|bent|scratched|overloaded|spilled\s+\w+\s+on)\s+" + Rest,
            static (m, s) => Passive(m.Groups["obj"].Value, m.Groups["verb"].Value.ToLowerInvariant() switch
            {
                "broke" => "broken",
                "ruined" or "destroyed" or "mishandled" or "abused" or "misused" => "damaged",
                var v when v.StartsWith("messed", StringComparison.Ordinal) || v.StartsWith("screwed", StringComparison.Ordinal) => "changed",
                var v when v.StartsWith("spilled", StringComparison.Ordinal) => "exposed to liquid",
                var v => v,
            }, negative: false),
            "states what may have happened without accusing, and asks"),
        R("blame.fault", ToneCategory.Blame,
            @"\b(?:it['’]s|it\s+is|this\s+is|that['’]s|that\s+is|this\s+was|it\s+was|that\s+was)\s+(?:(?:all|entirely|completely|totally|clearly|obviously|100%)\s+)?(?:your\s+(?:own\s+)?(?:fault|mistake|doing|responsibility)|on\s+you)\b(?:\s+for\s+not\s+(?<ving>[a-z]+ing)\b" + Rest + ")?",
            static (m, s) => m.Groups["ving"].Success
                ? Passive(m.Groups["obj"].Value, English.PastParticiple(English.FromGerund(m.Groups["ving"].Value)), negative: true)
                : new RuleOutput("let's look at what went wrong"),
            "focuses on fixing the problem, not on fault"),
        R("blame.because-of-you", ToneCategory.Blame,
            @"\b(?<prep>because\s+of|due\s+to|thanks\s+to)\s+your\s+(?:own\s+)?(?:carelessness|negligence|mistake|incompetence|stupidity|laziness|ignorance|error|fault|clumsiness)\b",
            static (m, s) => new(m.Groups["prep"].Value.ToLowerInvariant().Replace("thanks to", "due to", StringComparison.Ordinal) + " a mistake"),
            "names the problem without blaming the customer"),
        R("blame.stop-pretending", ToneCategory.Blame,
            @"\bstop\s+(?:pretending|claiming|saying|acting\s+like|making\s+out)\s+(?:that\s+)?(?<rest>(?:you|u)\b[^,;.!?]*)",
            static (m, s) => new("you mentioned that " + m.Groups["rest"].Value.Trim(), "Could you walk me through the steps you took?"),
            "takes the customer at their word and asks for details"),

        // ---- generalisation: about this case, not a group ----
        R("generalization.group", ToneCategory.Generalization,
            @"\b" + Group + @"\s+(?:(?:always|never|all|just|constantly|typically|usually|tend\s+to|seem\s+to|keep|can['’]t|cannot|don['’]t|won['’]t|are\s+(?:always|all|never|so|too|such)|think|expect|want|love\s+to|like\s+to|are|have)\b)[^,;.!?]*",
            static (m, s) => new(Remaining(s, m) < 3 ? "let's look at your case specifically" : string.Empty),
            "addresses this customer's case instead of a group"),
        R("generalization.typical", ToneCategory.Generalization,
            @"\b(?:typical|just\s+like|so\s+typical\s+of)\s+(?:(?:a|an|the)\s+)?" + Group + @"\b|\bthat['’]s\s+(?:so\s+)?typical\s+(?:of\s+)?" + Group + @"\b",
            Drop, "addresses this customer's case instead of a group"),

        // ---- dismissiveness: who can help, or a polite close ----
        R("dismissive.not-my-job", ToneCategory.Dismissiveness,
            @"\b(?:(?:this|that|it)\s+(?:is|['’]s)\s+)?not\s+(?:my|our)\s+(?:problem|job|concern|department|responsibility|issue|business)\b(?:\s*[,;:.\-–—]?\s*(?:so\s+|just\s+|please\s+)?(?:go\s+and\s+)?(?:talk\s+to|speak\s+to|contact|ask|email|e-mail|call|write\s+to)\s+(?<who>[^,;.!?]+))?",
            static (m, s) => new("I'm not able to help with this directly, but " + (m.Groups["who"].Success ? m.Groups["who"].Value.Trim() + " can help" : English.TeamIn(s) + " can")),
            "says who can help instead of brushing the customer off"),
        R("dismissive.your-problem", ToneCategory.Dismissiveness,
            @"\b(?:that['’]s|that\s+is|this\s+is|it['’]s|it\s+is)\s+(?:your|a\s+you)\s+problem\b",
            static (m, s) => new("I'm not able to help further with this"),
            "keeps the answer but doesn't shut the customer out"),
        R("dismissive.over", ToneCategory.Dismissiveness,
            @"\b(?:(?:this|the|our)\s+(?:conversation|discussion|matter|case|topic|thread)\s+is\s+(?:now\s+)?(?:over|closed|finished|done|ended)|end\s+of\s+(?:story|discussion|conversation)|I(?:['’]m|\s+am)\s+(?:done|finished)\s+(?:with\s+(?:this|you)|talking(?:\s+to\s+you)?|here|discussing\s+this)|(?:there\s+is|there['’]s)\s+nothing\s+(?:more|else|further)\s+(?:to\s+(?:discuss|say|talk\s+about)|I\s+(?:can|will)\s+do)|I\s+have\s+nothing\s+(?:more|else|further)\s+to\s+say(?:\s+(?:to\s+you|on\s+this))?|no\s+further\s+(?:discussion|correspondence)\s+will\s+be\s+entered\s+into)",
            static (m, s) => new("I'm not able to add anything further on this"),
            "closes the topic politely"),
        R("dismissive.stop-contacting", ToneCategory.Dismissiveness,
            @"\b(?:stop\s+(?:emailing|e-mailing|writing\s+to|contacting|bothering|calling|messaging|spamming)\s+(?:me|us)|(?:don['’]t|do\s+not)\s+(?:email|e-mail|contact|write\s+to|call|bother|message)\s+(?:me|us)\s+(?:again|anymore|any\s+more)|leave\s+(?:me|us)\s+alone)\b(?:\s+(?:about|regarding|over)\s+(?<about>[^,;.!?]+))?",
            static (m, s) => new("I'm not able to help further with " + (m.Groups["about"].Success ? m.Groups["about"].Value.Trim() : "this")),
            "sets the boundary without shutting the door"),
        R("dismissive.brush-off", ToneCategory.Dismissiveness,
            @"(?:,\s*)?\b(?:deal\s+with\s+it|figure\s+it\s+out\s+(?:yourself|on\s+your\s+own|for\s+yourself)|(?:I|we)\s+(?:really\s+)?(?:don['’]t|do\s+not|couldn['’]t|could\s+not)\s+care(?:\s+less)?(?:\s+(?:about\s+(?:that|this|it|your\s+\w+)|what\s+you\s+\w+))?|whatever|take\s+it\s+or\s+leave\s+it|too\s+bad|tough\s+luck|so\s+what|who\s+cares|(?:that['’]s|that\s+is)\s+life|live\s+with\s+it|get\s+used\s+to\s+it|your\s+loss)\b[.!]*",
            Drop, "drops the brush-off"),

        // ---- condescension and sarcasm: the plain request ----
        R("condescension.did-you-even", ToneCategory.Condescension,
            @"\b(?:did|have|do)\s+you\s+(?:(?:even|actually|ever|really|at\s+least)\s+)+(?:(?:bother(?:ed)?|try|tried)\s+to\s+)?(?<verb>(?!know\b|understand\b|realise\b|realize\b)[a-z]+)\b(?<rest>[^?!.]*)[?!.]*",
            static (m, s) => new("could you " + English.BaseForm(m.Groups["verb"].Value) + m.Groups["rest"].Value.TrimEnd() + "?"),
            "asks plainly instead of sarcastically"),
        R("condescension.do-you-even-know", ToneCategory.Condescension,
            @"\b(?:do|did)\s+you\s+(?:even|actually|really)\s+(?:know|understand|realise|realize)\s+(?:how|what|that)\b[^?!.]*[?!.]*",
            Drop, "drops the question about the customer's competence"),
        R("condescension.if-you-had-read", ToneCategory.Condescension,
            @"\bif\s+you\s+(?:had\s+|['’]d\s+)?(?:(?:bothered|taken\s+the\s+time|cared)\s+to\s+|actually\s+|just\s+|even\s+)?(?:read|looked\s+at|checked|opened)\s+(?<src>[^,;.!?]+?)\s*,?\s*you\s+would(?:\s+have)?\s+(?:know|known|seen|see|understand|understood|realised|realized|noticed)\s+(?:that\s+)?",
            static (m, s) => new("as described in " + m.Groups["src"].Value.Trim() + ", "),
            "points to the source without implying the customer didn't read it"),
        R("condescension.as-i-said", ToneCategory.Condescension,
            @"\b(?:as\s+I(?:['’]ve|\s+have)?\s+(?:already\s+)?(?:said|told\s+you|explained|mentioned|stated|wrote|pointed\s+out)|like\s+I\s+(?:already\s+)?(?:said|told\s+you))(?:\s+(?:before|earlier|previously|already|several\s+times|twice|three\s+times|many\s+times|multiple\s+times|repeatedly|a\s+(?:hundred|million|thousand)\s+times|in\s+my\s+(?:last|previous)\s+(?:email|reply|message)))*\s*,?\s*",
            Drop, "restates the point without pointing out it was said before"),
        R("condescension.last-time", ToneCategory.Condescension,
            @"\bfor\s+the\s+(?:last|hundredth|thousandth|millionth|third|fourth|fifth|umpteenth|final|nth)\s+time\s*,?\s*",
            Drop, "restates the point without pointing out it was said before"),
        R("condescension.not-rocket-science", ToneCategory.Condescension,
            @"\b(?:it['’]s|it\s+is|this\s+is|that['’]s|that\s+is)\s+(?:really\s+)?not\s+(?:rocket\s+science|brain\s+surgery|(?:that|so)\s+(?:hard|difficult|complicated))\b",
            Drop, "drops the remark that the task is easy"),
        R("condescension.easy", ToneCategory.Condescension,
            @"\b(?:it['’]s|it\s+is|this\s+is|that['’]s|that\s+is)\s+(?:really\s+|very\s+|pretty\s+|so\s+|super\s+)?(?:simple|easy|basic|obvious|straightforward|self-explanatory)\b(?:\s+to\s+\w+(?:\s+\w+)?)?",
            Drop, "drops the remark that the task is easy", spanOnly: true),
        R("condescension.even-a-child", ToneCategory.Condescension,
            @"\b(?:even\s+a\s+(?:child|kid|five-year-old|5-year-old|toddler|monkey|baby)\s+(?:could|can|would)\s+\w+(?:\s+(?:this|that|it))?(?:\s+out)?|any(?:one|body)\s+(?:with\s+(?:half\s+)?a\s+brain\s+)?(?:could|can|would)\s+(?:do|understand|figure\s+out|see|manage|follow)\s+(?:this|that|it))",
            Drop, "drops the comparison that talks down to the customer"),
        R("condescension.explain-slowly", ToneCategory.Condescension,
            @"\b(?:let\s+me\s+(?:explain|say|put)\s+(?:this|it)\s+(?:slowly|again|one\s+more\s+time|simply|in\s+simple\s+terms|very\s+simply)(?:\s+for\s+you)?|I['’]ll\s+(?:spell\s+it\s+out|say\s+it\s+slowly|explain\s+it\s+slowly|make\s+it\s+simple)(?:\s+for\s+you)?|(?:I\s+(?:don['’]t|do\s+not)\s+know\s+how\s+(?:else\s+)?(?:to\s+)?(?:explain|say)\s+(?:this|it)(?:\s+to\s+you)?(?:\s+(?:any\s+)?(?:simpler|more\s+clearly))?)|how\s+many\s+times\s+(?:do\s+I\s+have\s+to|must\s+I)\s+(?:say|explain|tell\s+you)(?:\s+(?:this|it))?|pay\s+attention|try\s+to\s+keep\s+up)\s*[,:]?\s*",
            Drop, "drops the patronising remark"),
        R("condescension.read-the-manual", ToneCategory.Condescension,
            @"\b(?:(?:try\s+to\s+|learn\s+to\s+)?read|check)\s+(?<obj>the\s+(?:manual|instructions|email|e-mail|faq|documentation|docs|guide|website))\s+(?:next\s+time|properly|carefully|for\s+once|before\s+(?:writing|emailing|complaining|contacting\s+us))",
            static (m, s) => new(m.Groups["obj"].Value.ToLowerInvariant() + " has more detail on this"),
            "points to the information without lecturing"),
        R("condescension.learn-to", ToneCategory.Condescension,
            @"\byou\s+(?:should|need\s+to|have\s+to|might\s+want\s+to|really\s+should)\s+learn\s+(?:how\s+)?to\s+(?=\w)",
            static (m, s) => new("please "),
            "asks plainly instead of lecturing"),
        R("condescension.pet-name", ToneCategory.Condescension,
            @",\s*(?:sweetie|honey|sweetheart|darling|buddy|pal|mate|champ|kiddo|dear|love|my\s+friend)(?=\s*[,.!?])",
            Drop, "drops the patronising form of address"),
        R("condescension.sarcasm", ToneCategory.Condescension,
            @"(?:^|\b)(?:thanks\s+for\s+nothing|good\s+luck\s+with\s+that|yeah,?\s+right|sure\s+you\s+did|surprise,?\s+surprise|who\s+would\s+have\s+(?:thought|guessed)|big\s+surprise|what\s+a\s+(?:surprise|shock))\b[^,;.!?]*[,;.!?]*\s*",
            Drop, "drops the sarcasm"),
        R("condescension.sarcastic-praise", ToneCategory.Condescension,
            @"(?:^|\b)(?:great\s+job|well\s+done|good\s+job|nice\s+(?:job|work|one)|bravo|congratulations|congrats|oh\s+(?:wow|great|really|brilliant|wonderful|perfect)|wow|shocking|I['’]m\s+sure\s+you\s+(?:did|have|were|know))\b[^,;.!?]*[,;.!?]*\s*",
            Drop, "drops the sarcasm", spanOnly: true),
        R("condescension.adverb", ToneCategory.Condescension,
            @"\b(?:obviously|clearly|of\s+course|simply|just|basically|actually|seriously|honestly|frankly|literally|evidently|even)\b\s*,?\s*",
            Drop, "drops the word that implies the answer is obvious", spanOnly: true),

        // ---- hostility: drop the insult, keep the request ----
        R("hostility.are-you", ToneCategory.Hostility,
            @"\b(?<q>are\s+you|you\s+are|you['’]re|youre|ur)\s+(?:(?:so|really|just|completely|totally|absolutely|simply|actually|being|some\s+kind\s+of|such\s+an?|an?)\s+){0,3}(?:" + CoachingWords.InsultAdjectives + "|" + CoachingWords.InsultNouns + @"|blind|deaf|illiterate|slow)\b(?:\s+or\s+(?:something|what))?",
            static (m, s) => m.Groups["q"].Value.StartsWith("are", StringComparison.OrdinalIgnoreCase)
                ? new RuleOutput("could you take another look")
                : new RuleOutput(FollowedBy(s, m, "if", "to", "for", "when") ? "you're mistaken" : string.Empty),
            "asks for what is needed instead of questioning the customer"),
        R("hostility.vocative", ToneCategory.Hostility,
            @"\b(?:you|ya|u)\s+(?:(?:" + CoachingWords.InsultAdjectives + "|" + CoachingWords.ProfaneIntensifiers + @"|little|big|absolute|complete|total|utter)\s+){0,3}(?:" + CoachingWords.InsultNouns + @"|dick)s?\b|,\s*(?:" + CoachingWords.InsultNouns + @")(?=\s*[,.!?])",
            Drop, "drops the insult; the request stands on its own"),
        R("hostility.whats-wrong", ToneCategory.Hostility,
            @"\bwhat(?:['’]s|\s+is|\s+the\s+\w+\s+is)\s+wrong\s+with\s+(?:you|your\s+\w+)\b[?!]*",
            Drop, "drops the attack on the customer"),
        R("hostility.shut-up", ToneCategory.Hostility,
            @"\b(?:shut\s+up|get\s+lost|go\s+away|piss\s+off|get\s+a\s+life|grow\s+up|give\s+me\s+a\s+break|get\s+over\s+it|get\s+a\s+grip|spare\s+me|cry\s+me\s+a\s+river|go\s+to\s+hell)\b[!.]*",
            Drop, "drops the brush-off"),
        R("hostility.hate", ToneCategory.Hostility,
            @"\bI\s+(?:really\s+)?(?:hate|can['’]t\s+stand|cannot\s+stand|despise|am\s+sick\s+of|['’]m\s+sick\s+of|am\s+tired\s+of|['’]m\s+tired\s+of|am\s+fed\s+up\s+with|['’]m\s+fed\s+up\s+with)\s+(?:you|people\s+like\s+you|dealing\s+with\s+you|customers\s+like\s+you|your\s+\w+)\b",
            Drop, "drops the personal attack"),
        R("hostility.nonsense", ToneCategory.Hostility,
            @"\b(?:that['’]s|that\s+is|this\s+is|it['’]s|it\s+is|what\s+you\s+(?:say|said|wrote|claim)\s+is|your\s+(?:claim|story|complaint|email|argument|request)\s+is)\s+(?:(?:complete|total|utter|absolute|pure|just|a\s+load\s+of|a\s+bunch\s+of|such)\s+)*(?:nonsense|rubbish|garbage|drivel|bullshit|crap|bs|baloney|a\s+lie|lies|a\s+joke|laughable|ridiculous|absurd|ludicrous|pathetic|stupid)\b",
            static (m, s) => new("that doesn't match what we can see on our side"),
            "disagrees without dismissing what the customer said"),
        R("hostility.adjective", ToneCategory.Hostility,
            @"\b(?<det>your|this|that|the|such\s+an?|an?|these|those|my|our|his|her|their)\s+(?:(?:" + CoachingWords.InsultAdjectives + "|" + CoachingWords.ProfaneIntensifiers + @")\s+(?:and\s+)?)+(?=[a-z0-9])",
            static (m, s) => new(English.Article(m.Groups["det"].Value, s, m.Index + m.Length) + " "),
            "describes the thing without the insulting adjective"),

        // ---- profanity: removed ----
        R("profanity.wh-the-hell", ToneCategory.Profanity,
            @"\b(?<wh>what|who|where|why|how|when)\s+(?:on\s+earth\s+)?the\s+(?:hell|heck|fuck|f\*+k|f\*+|devil|bloody\s+hell)\b",
            static (m, s) => new(m.Groups["wh"].Value),
            "asks without swearing"),
        R("profanity.upset", ToneCategory.Profanity,
            @"\bpissed(?:\s+off)?\b",
            static (m, s) => new("upset"), "says how it feels without swearing"),
        R("profanity.poor", ToneCategory.Profanity,
            @"\b(?:shitty|crappy)(?=\s+[a-z])",
            static (m, s) => new("poor"), "describes the problem without swearing"),
        R("profanity.this-crap", ToneCategory.Profanity,
            @"\b(?<det>this|that|the|your|all\s+this|all\s+that)\s+(?:shit|crap|bullshit|bs|nonsense)\b",
            static (m, s) => new(m.Groups["det"].Value), "describes the problem without swearing"),
        R("profanity.give-a", ToneCategory.Profanity,
            @"\bgive\s+(?:a\s+)?(?:single\s+)?(?:shit|crap|damn|fuck|rat['’]?s\s+ass|flying\s+fuck)\b",
            static (m, s) => new("care"), "says it without swearing"),
        R("profanity.pile-of", ToneCategory.Profanity,
            @"\b(?:(?:a|the|this|that|such\s+a)\s+)?(?:crock|load|pile|bunch|heap|piece)\s+of\s+(?:shit|crap|bs|bullshit|garbage|rubbish)\b",
            static (m, s) => new("wrong"), "says it without swearing"),
        R("profanity.predicate", ToneCategory.Profanity,
            @"\b(?<verb>is|are|was|were|['’]s|['’]re)\s+(?:(?:pure|utter|total|complete|absolute|just|such)\s+(?:and\s+(?:pure|utter|total|complete|absolute)\s+)?)?(?:crap|shit|bullshit|bs)\b",
            static (m, s) => new(m.Groups["verb"].Value + " not good"), "says it without swearing"),
        R("profanity.stuff", ToneCategory.Profanity,
            @"\b(?<det>my|your|his|her|their|our|countless|more|much|some|any|no)\s+(?:shit|crap)\b",
            static (m, s) => new(m.Groups["det"].Value + " things"), "says it without swearing"),
        R("profanity.like-shit", ToneCategory.Profanity,
            @"\blike\s+(?:shit|shite|crap)\b|\b(?:my|your)\s+ass\b",
            static (m, s) => new(m.Value.StartsWith("like", StringComparison.OrdinalIgnoreCase) ? "bad" : string.Empty), "says it without swearing"),
        R("profanity.the-hell-out", ToneCategory.Profanity,
            @"\bthe\s+(?:fuck|hell|heck|f\*+k)\s+(?=out\b|up\b|off\b|away\b|on\b)|\bhell\s+of\s+an?\s+",
            Drop, "drops the swearing"),
        R("hostility.insult-plural", ToneCategory.Hostility,
            @"\b(?:(?:" + CoachingWords.InsultAdjectives + "|" + CoachingWords.ProfaneIntensifiers + @"|little|absolute|complete|total|utter|fat)\s+)*(?:" + CoachingWords.InsultNounPlurals + @")\b",
            static (m, s) => new("people"), "describes the people without the insult"),
        R("hostility.insult-noun", ToneCategory.Hostility,
            @"\b(?<det>an?|the|this|that|some|such\s+an?|what\s+an?)\s+(?:(?:" + CoachingWords.InsultAdjectives + "|" + CoachingWords.ProfaneIntensifiers + @"|little|big|absolute|complete|total|utter|real|right|fat|grand|chicken\s+shit)\s+){0,2}(?:[a-z]+\s+)??(?<noun>" + CoachingWords.InsultNouns + @"|dick)\b",
            static (m, s) => Copula(s, m.Index) ? new RuleOutput("wrong") : new RuleOutput(m.Groups["det"].Value.ToLowerInvariant() is "a" or "an" or "such a" or "such an" or "what a" or "what an" ? "someone" : m.Groups["det"].Value + " person"),
            "describes the person without the insult"),
        R("profanity.exclamation", ToneCategory.Profanity,
            @"(?:^|\b)(?:for\s+(?:fuck|god|christ|pete)['’]?s\s+sake|fuck(?:\s+(?:this|that|it|you|off|me))?|f\*+k|shit|damn(?:\s+it)?|dammit|goddammit|goddamn\s+it|bloody\s+hell|hell|crap|ffs|wtf|omfg|screw\s+(?:this|that|it|you)|to\s+hell\s+with\s+(?:it|this|that|you)|bollocks|bullshit)\b[!?,.]*\s*",
            Drop, "drops the swearing"),
        R("profanity.intensifier", ToneCategory.Profanity,
            @"\b(?:" + CoachingWords.ProfaneIntensifiers + @"|f\*+ing)\s+(?=[a-z0-9€$£#])",
            Drop, "drops the swearing"),
    ];

    /// <summary>Adds "please" to a sentence that starts with a bare imperative ("Pay by Friday." → "Please pay by Friday.").</summary>
    public static string Politely(string sentence)
    {
        var trimmed = sentence.TrimStart();
        var end = 0;
        while (end < trimmed.Length && char.IsLetter(trimmed[end]))
        {
            end++;
        }

        if (end == 0 || sentence.Contains("please", StringComparison.OrdinalIgnoreCase))
        {
            return sentence;
        }

        var first = trimmed[..end];
        foreach (var verb in Imperatives)
        {
            if (first.Equals(verb, StringComparison.OrdinalIgnoreCase))
            {
                return "Please " + char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
            }
        }

        return sentence;
    }

    // "you must have dropped the phone" → "it looks like the phone may have been dropped" (+ a question).
    private static RuleOutput? Passive(string obj, string participle, bool negative)
    {
        var (subject, tail) = English.SplitObject(obj);
        if (subject is null)
        {
            return null;
        }

        var verb = negative ? "may not have been " : "may have been ";
        return new RuleOutput(
            "it looks like " + subject + " " + verb + participle.ToLowerInvariant() + tail,
            negative ? "Could you check this and let me know?" : "Could you tell me a bit more about what happened?");
    }

    private static bool FollowedBy(string sentence, Match match, params string[] words)
    {
        var rest = sentence.AsSpan(match.Index + match.Length).TrimStart();
        foreach (var word in words)
        {
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (rest.Length == word.Length || !char.IsLetter(rest[word.Length])))
            {
                return true;
            }
        }

        return false;
    }

    // Whether the words before a position end with a copula ("he is | a fool"), where a noun cannot simply go.
    private static bool Copula(string sentence, int index)
    {
        var before = sentence.AsSpan(0, index).TrimEnd();
        foreach (var verb in (string[])["is", "was", "are", "were", "be", "been", "'s", "’s", "'re", "’re", "am", "'m"])
        {
            if (before.EndsWith(verb, StringComparison.OrdinalIgnoreCase) && (before.Length == verb.Length || !char.IsLetter(before[^(verb.Length + 1)]) || verb[0] is '\'' or '’'))
            {
                return true;
            }
        }

        return false;
    }

    // How many words of the sentence lie outside the match.
    private static int Remaining(string sentence, Match match)
    {
        var count = 0;
        var inWord = false;
        for (var i = 0; i < sentence.Length; i++)
        {
            if (i >= match.Index && i < match.Index + match.Length)
            {
                inWord = false;
                continue;
            }

            var letter = char.IsLetterOrDigit(sentence[i]);
            if (letter && !inWord)
            {
                count++;
            }

            inWord = letter;
        }

        return count;
    }
}
