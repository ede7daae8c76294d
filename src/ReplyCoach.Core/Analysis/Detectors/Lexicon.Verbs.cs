namespace ReplyCoach.Core.Analysis.Detectors;

internal sealed partial class Lexicon
{
    // Past forms of what a customer is accused of doing to a product or a process ("you must have dropped it").
    private static readonly string[] BlameVerbs =
    [
        "dropped", "broke", "broken", "damaged", "misused", "abused", "mishandled", "tampered", "spilled", "spilt",
        "smashed", "cracked", "bent", "scratched", "dented", "forced", "overloaded", "ignored", "missed", "forgot",
        "forgotten", "deleted", "lost", "misplaced", "misread", "misunderstood", "overlooked", "skipped",
        "neglected", "messed", "screwed", "mixed", "modified", "altered", "opened", "voided", "jailbroken",
        "rooted", "unplugged", "entered", "typed", "clicked", "submitted", "washed", "soaked", "sat", "stepped",
        "left", "used", "done", "did", "caused", "installed", "changed", "removed", "disconnected", "reset",
        "wiped", "erased", "ordered", "selected", "chosen", "chose", "put", "plugged", "charged", "inserted",
        "exposed", "immersed", "submerged", "fiddled", "meddled", "ruined", "wrecked", "destroyed", "torn",
        "ripped", "knocked", "hit", "thrown", "threw", "kicked", "banged", "burnt", "burned", "fried",
        "overcharged", "disassembled", "dismantled", "unscrewed", "cut", "mistyped", "fat-fingered", "confused",
        "muddled", "botched", "bungled", "fumbled", "mucked", "cocked", "fucked",
    ];

    // Verbs that report what someone said: past and progressive forms, and the present of "say"-type verbs
    // ("you say", "you claim"). Present "you write"/"you call" are usually instructions ("before you write to us").
    private static readonly string[] CommVerbs =
    [
        "said", "say", "says", "saying", "wrote", "written", "writing", "mentioned", "mentioning", "stated",
        "stating", "told", "telling", "explained", "explaining", "described", "describing", "called", "calling",
        "claimed", "claim", "claims", "claiming", "alleged", "allege", "alleges", "alleging", "complained",
        "complaining", "suggested", "suggest", "suggests", "suggesting", "asked", "asking", "indicated",
        "indicating", "noted", "pointed", "pointing", "reported", "referred", "referring", "labelled",
        "labeled", "accused", "accuse", "accusing", "commented", "remarked", "insisted", "insist", "insists",
        "implied", "imply", "implying", "argued", "arguing", "shared", "expressed", "put", "wondered", "quoted",
        "named", "branded", "characterised", "characterized", "posted", "replied", "responded", "emailed",
        "e-mailed", "messaged", "texted", "typed", "feel", "felt", "feels", "feeling", "think", "thought",
        "thinks", "thinking", "believe", "believed", "believes", "consider", "considered", "considers",
        "perceive", "perceived", "experienced", "considering", "perceiving", "seem to think", "reckon", "reckoned",
    ];

    private static readonly string[] MentalVerbs =
    [
        "feel", "felt", "feels", "feeling", "think", "thought", "thinks", "thinking", "believe", "believed",
        "believes", "consider", "considered", "perceive", "perceived", "find", "found", "sense", "sensed",
    ];

    private static readonly string[] ContactVerbs =
    [
        "email", "e-mail", "emailing", "e-mailing", "contact", "contacting", "write", "writing", "call", "calling",
        "message", "messaging", "ring", "ringing", "phone", "phoning", "text", "texting", "bother", "bothering",
        "pester", "pestering", "harass", "harassing", "spam", "spamming", "chase", "chasing", "hassle",
        "hassling", "badger", "badgering", "nag", "nagging", "annoy", "annoying", "complain", "complaining",
        "bombard", "bombarding", "flood", "flooding", "hound", "hounding", "chasing",
    ];

    // What the reader wrote, asked or did: "your stupid question", "your request is ridiculous".
    private static readonly string[] ThingNouns =
    [
        "question", "questions", "request", "requests", "email", "emails", "e-mail", "e-mails", "message",
        "messages", "complaint", "complaints", "claim", "claims", "argument", "arguments", "idea", "ideas",
        "comment", "comments", "reply", "replies", "response", "responses", "review", "reviews", "excuse",
        "excuses", "story", "stories", "demand", "demands", "query", "queries", "attitude", "behaviour",
        "behavior", "logic", "reasoning", "english", "grammar", "spelling", "writing", "point", "points",
        "suggestion", "suggestions", "opinion", "opinions", "theory", "theories", "letter", "letters", "rant",
        "rants", "tone", "words", "whining", "moaning", "complaining", "nonsense", "threats", "threat", "post",
        "posts", "tweet", "tweets", "behavior", "conduct", "actions", "expectations", "expectation", "thinking",
        "understanding", "account", "version", "explanation", "explanations", "assumption", "assumptions",
        "accusation", "accusations", "allegation", "allegations", "feedback", "input", "remarks", "remark",
        "outburst", "tantrum", "approach", "thoughts", "mind", "brain", "head", "manners", "language", "response",
        "grasp", "knowledge", "skills", "thing", "voicemail", "voicemails", "rant", "essay", "novel", "attempt",
        "attempts", "effort", "requirements", "plan",
    ];

    private static readonly string[] DocNouns =
    [
        "manual", "manuals", "instructions", "instruction", "faq", "faqs", "guide", "guides", "documentation",
        "docs", "terms", "conditions", "policy", "policies", "email", "e-mail", "emails", "e-mails", "message",
        "messages", "letter", "reply", "response", "website", "page", "article", "label", "labels", "warning",
        "warnings", "leaflet", "booklet", "contract", "agreement", "notice", "notes", "steps", "screen", "prompt",
        "description", "listing", "small print", "fine print", "print", "sign", "signs", "receipt", "invoice",
        "manual's", "quick-start", "handbook", "readme", "tutorial", "video", "advice", "guidance", "directions",
    ];

    private static readonly string[] ReadVerbs =
    [
        "read", "follow", "followed", "check", "checked", "look", "looked", "understand", "understood", "listen",
        "listened", "pay", "paid", "notice", "noticed", "see", "saw", "seen", "open", "opened", "bother",
        "bothered", "try", "tried", "watch", "watched", "review", "reviewed", "scroll", "scrolled", "study",
        "studied", "glance", "glanced", "consult", "consulted", "heed", "heeded", "obey", "obeyed", "comply",
        "complied", "reading", "following", "checking", "looking", "listening",
    ];

    private static readonly string[] LegalNouns =
    [
        "lawyer", "lawyers", "solicitor", "solicitors", "attorney", "attorneys", "court", "courts", "police",
        "cops", "authorities", "legal", "lawsuit", "litigation", "prosecution", "tribunal", "bailiffs", "bailiff",
        "fbi", "ftc", "regulator", "ombudsman", "magistrate", "judge", "counsel", "barrister",
    ];

    private static readonly string[] FaultNouns =
    [
        "fault", "faults", "mistake", "mistakes", "error", "errors", "oversight", "blame", "blunder", "screw-up",
        "mess", "mix-up", "failure", "failing", "slip", "negligence", "carelessness", "misuse", "wrongdoing",
        "responsibility", "culpability", "bad",
    ];

    private static readonly string[] EmpathyVerbs =
    [
        "understand", "understood", "appreciate", "realise", "realize", "recognise", "recognize", "imagine",
        "see", "hear", "get", "sympathise", "sympathize", "empathise", "empathize", "acknowledge", "know",
    ];

    private static readonly string[] EmotionWords =
    [
        "frustrating", "frustrated", "frustration", "annoying", "annoyed", "annoyance", "upsetting", "upset",
        "disappointing", "disappointed", "disappointment", "stressful", "stressed", "stress", "difficult",
        "inconvenient", "inconvenience", "confusing", "confused", "worrying", "worried", "worry", "angry", "anger",
        "concerned", "concern", "concerns", "unhappy", "unpleasant", "irritating", "irritated", "exasperating",
        "exasperated", "infuriating", "infuriated", "aggravating", "maddening", "distressing", "distressed",
        "hard", "tough", "painful", "unacceptable", "dissatisfied", "dissatisfaction", "displeasure",
        "disheartening", "discouraging", "tiring", "exhausting", "overwhelming", "scary", "feelings", "feel",
    ];

    private static readonly string[] ApologyWords =
    [
        "sorry", "apologise", "apologize", "apologised", "apologized", "apologises", "apologizes", "apologies",
        "apology", "apologising", "apologizing", "regret", "regrets", "regretted", "forgive", "pardon",
    ];

    // Harsh words that are not insults or swear words but still make negation, quotation and self-direction
    // worth flagging ("you did nothing wrong", "you called it a 'scam'", "this was our mistake").
    private static readonly string[] SensitiveWords =
    [
        "fault", "blame", "blamed", "wrong", "lie", "lies", "lied", "lying", "liar", "liars", "scam", "scams",
        "scammed", "fraud", "fraudulent", "rip-off", "ripoff", "con", "cheat", "cheated", "cheating", "steal",
        "stole", "stolen", "theft", "rude", "rudeness", "ignored", "ignore", "ignoring", "incompetent", "useless",
        "unacceptable", "disgusting", "disgrace", "disgraceful", "joke", "pathetic", "ridiculous", "terrible",
        "awful", "horrible", "appalling", "shocking", "shameful", "outrageous", "dishonest", "mistake", "error",
        "careless", "negligent", "negligence", "misuse", "misused", "damaged", "dropped", "broke", "broken",
        "threat", "threaten", "threatened", "threatening", "sue", "lawyer", "court", "insult", "insulted",
        "insulting", "offensive", "offended", "condescending", "patronising", "patronizing", "dismissive",
        "hostile", "aggressive", "abusive", "harsh", "unfair", "unprofessional", "accuse", "accused", "accusing",
        "pretend", "pretending", "pretended", "stupid", "idiot", "ridiculous", "nonsense", "rubbish", "garbage",
        "lazy", "excuse", "excuses", "lies", "fake", "bogus", "crooks", "thieves", "criminal", "criminals",
        "incompetence", "uncalled", "inappropriate", "snarky", "sarcastic", "curt", "blunt", "short", "tone",
    ];

    // What a threat warns the customer against: disputing, complaining, going public ("post that review and ...").
    private static readonly string[] ProvokeVerbs =
    [
        "dispute", "complain", "escalate", "post", "publish", "tag", "threaten", "argue", "badmouth", "slag",
        "criticise", "criticize", "insult", "abuse", "harass", "swear", "shout", "yell", "tweet", "chargeback",
        "challenge", "contest", "embarrass", "expose", "push", "cross", "pester", "spam", "sue", "refuse", "keep",
        "continue", "persist", "drag", "reopen", "vandalize", "vandalise", "troll",
    ];

    // What a threat says will happen to the customer.
    private static readonly string[] SanctionWords =
    [
        "ban", "banned", "banning", "block", "blocked", "blocking", "suspend", "suspended", "terminate", "terminated",
        "cancel", "cancelled", "canceled", "close", "closed", "cut", "disconnect", "disconnected", "lock", "locked",
        "blacklist", "blacklisted", "sue", "sued", "court", "courts", "lawyers", "solicitors", "legal", "police",
        "penalty", "penalties", "consequences", "regret", "refuse", "refused", "reject", "rejected", "downgrade",
        "downgraded", "collectors", "collection", "debt", "disappear", "disappears", "vanish", "void", "voided",
        "revoke", "revoked", "restrict", "restricted", "flag", "flagged", "bar", "barred", "evict", "evicted",
        "prosecute", "prosecuted", "fined", "fine", "charge", "charged", "fees", "interest", "clawback", "withdraw",
        "withdrawn", "removed", "deleted", "denied", "lose", "lost", "forfeit", "forfeited", "release", "publish",
        "happens", "sorry", "never", "slow", "slower", "worse", "trouble",
    ];

    // What a group is given or offered (so "seniors always get 10% off" is a policy, not a stereotype).
    private static readonly string[] BenefitVerbs =
    [
        "get", "gets", "receive", "receives", "qualify", "qualifies", "enjoy", "enjoys", "pay", "pays", "save",
        "saves", "earn", "earns", "can", "may", "travel", "ride", "eat", "enter", "go", "welcome", "benefit",
        "benefits", "count", "book", "order", "use", "speak", "shop",
        "apply", "applies", "are", "is", "come", "celebrate", "celebrates", "observe", "observes", "fast",
    ];

    // Verbs that open a command aimed at the reader: "stop wasting", "quit whining", "don't bother".
    private static readonly string[] ImperativeVerbs = ["stop", "quit", "cease", "enough"];

    private static void RegisterVerbsAndNouns(WordTableBuilder b)
    {
        b.Add(BlameVerbs, WordClass.BlameVerb);
        b.Add(CommVerbs, WordClass.CommVerb);
        b.Add(MentalVerbs, WordClass.MentalVerb);
        b.Add(ContactVerbs, WordClass.ContactVerb);
        b.Add(ThingNouns, WordClass.ThingNoun);
        b.Add(DocNouns, WordClass.DocNoun);
        b.Add(ReadVerbs, WordClass.ReadVerb);
        b.Add(LegalNouns, WordClass.LegalNoun);
        b.Add(FaultNouns, WordClass.FaultNoun);
        b.Add(EmpathyVerbs, WordClass.Empathy);
        b.Add(EmotionWords, WordClass.Emotion);
        b.Add(ApologyWords, WordClass.Apology);
        b.Add(SensitiveWords, WordClass.Sensitive);
        b.Add(ImperativeVerbs, WordClass.Imperative);
        b.Add(ProvokeVerbs, WordClass.Provoke);
        b.Add(SanctionWords, WordClass.Sanction);
        b.Add(BenefitVerbs, WordClass.Benefit);
    }
}
