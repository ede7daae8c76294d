namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>
/// Lexical classes a token can belong to. A word may be in several (e.g. "bastard" is an insult and a swear word).
/// Rules match on these bits, so one rule covers every word of a class and its listed inflections.
/// </summary>
[Flags]
internal enum WordClass : ulong
{
    None = 0,

    // Pronouns and the like: who a clause is about.
    You = 1UL << 0,             // you, u, ya, yourself
    YourPoss = 1UL << 1,        // your, yours, ur
    FirstPerson = 1UL << 2,     // i, me, my, mine, myself, we, us, our, ours, ourselves
    ThirdPerson = 1UL << 3,     // he, she, they, it, this, that, someone...

    // Function words.
    Negator = 1UL << 4,
    Copula = 1UL << 5,
    Modal = 1UL << 6,
    Intensifier = 1UL << 7,
    Determiner = 1UL << 8,
    ClauseBreak = 1UL << 9,     // but, however, although...: ends a scope
    Conditional = 1UL << 10,    // if, unless, whether
    Hedge = 1UL << 11,          // perhaps, maybe, possibly...

    // Insults.
    InsultNoun = 1UL << 12,     // idiot, moron: insulting wherever they are aimed
    InsultNounWeak = 1UL << 13, // clown, pig, child: insulting only when aimed at someone
    InsultAdj = 1UL << 14,      // stupid, incompetent
    InsultAdjWeak = 1UL << 15,  // ridiculous, crazy, rude: only when aimed at the reader or their words

    // Swearing.
    Profanity = 1UL << 16,
    Slur = 1UL << 17,

    // Groups of people.
    GroupNoun = 1UL << 18,      // muslims, women, germans, immigrants
    GroupAdj = 1UL << 19,       // muslim, female, german, elderly
    PeopleNoun = 1UL << 20,     // people, customers, folks, men
    Country = 1UL << 21,        // india, germany
    GenMarker = 1UL << 22,      // always, never, all, typically
    NegEval = 1UL << 23,        // lazy, greedy, criminals: stereotype predicates
    StereotypeVerb = 1UL << 24, // haggle, complain, cheat, lie
    AbilityVerb = 1UL << 25,    // drive, read, understand: "can't X" about a group

    // Verbs and nouns used by blame, threat and dismissal rules.
    BlameVerb = 1UL << 26,      // dropped, broke, damaged, misused (past forms)
    CommVerb = 1UL << 27,       // said, wrote, mentioned, called: reported speech
    ContactVerb = 1UL << 28,    // email, contact, write, call, message
    ThingNoun = 1UL << 29,      // question, request, email, complaint: what the reader wrote or asked
    DocNoun = 1UL << 30,        // manual, instructions, faq, guide, e-mail
    ReadVerb = 1UL << 31,       // read, follow, check, look at, understand
    LegalNoun = 1UL << 32,      // lawyer, solicitor, court, police
    Sensitive = 1UL << 33,      // any harsh word: used for the Negated/Quotation/SelfDirected flags
    FaultNoun = 1UL << 34,      // fault, mistake, error, oversight
    MentalVerb = 1UL << 35,     // feel, felt, think, believe: "you feel we lied"
    Empathy = 1UL << 36,        // understand, appreciate, imagine, see
    Apology = 1UL << 37,        // sorry, apologise, apologies, regret
    Time = 1UL << 38,           // time (waste of my time)
    Wh = 1UL << 39,             // what, how, why, who, where, when
    WeakBreak = 1UL << 40,      // and, or, so: a clause boundary only when a new subject follows
    Emotion = 1UL << 41,        // frustrating, upset, annoyed: what empathy talks about
    Vocative = 1UL << 42,       // sweetie, genius: condescending forms of address
    PeopleCore = 1UL << 43,     // people, folks, men, women: the nouns an age or colour adjective can group
    GroupAdjCoreOnly = 1UL << 44, // old, black, senior: a group only before a core people-noun
    Imperative = 1UL << 45,     // stop, quit, don't: verbs that open commands
    Gerund = 1UL << 46,         // an -ing word the lexicon does not otherwise know (set by the tokenizer)
    Provoke = 1UL << 47,        // dispute, complain, escalate, post: what a threat tells the customer not to do
    Sanction = 1UL << 55,       // banned, blocked, cancelled, court: what a threat says will happen
    Benefit = 1UL << 56,        // get, receive, qualify: what a group is given, not what it does
    GroupCue = 1UL << 57,       // those, these, such, kind, type, sort, typical: words that can open a group phrase

    // Punctuation.
    Comma = 1UL << 48,
    EndMark = 1UL << 49,        // . ! ? ...
    Semi = 1UL << 50,           // ; : — ( )
    Quote = 1UL << 51,
    QuestionMark = 1UL << 52,
    Exclamation = 1UL << 53,
    Dash = 1UL << 54,

    Punctuation = Comma | EndMark | Semi | Quote | QuestionMark | Exclamation | Dash,

    /// <summary>Tokens a gap in a pattern may not cross.</summary>
    HardBoundary = EndMark | Semi | QuestionMark | Exclamation,

    /// <summary>Tokens that end a clause for scoping (negation, subject search).</summary>
    ClauseBoundary = HardBoundary | Comma | Dash | ClauseBreak,

    Reader = You | YourPoss,
}

/// <summary>What a group word says about the people it names; used in the reason text.</summary>
internal enum GroupDimension : byte
{
    None,
    Nationality,
    Ethnicity,
    Religion,
    Gender,
    Age,
    Disability,
    Orientation,
    Migration,
}
