namespace ReplyCoach.Core.Analysis.Detectors;

internal sealed partial class Lexicon
{
    // Nouns that insult whoever they are aimed at. The number is how sure the word alone, aimed at the reader,
    // reads as an insult in a support reply. Plurals are generated.
    private static readonly (string Word, float Strength)[] InsultNouns =
    [
        ("idiot", 0.95f), ("moron", 0.95f), ("imbecile", 0.95f), ("cretin", 0.95f), ("dimwit", 0.9f),
        ("nitwit", 0.85f), ("halfwit", 0.9f), ("half-wit", 0.9f), ("dunce", 0.85f), ("dumbass", 0.95f),
        ("dumb-ass", 0.95f), ("numbskull", 0.9f), ("numskull", 0.9f), ("numbnuts", 0.9f), ("bonehead", 0.9f),
        ("blockhead", 0.85f), ("knucklehead", 0.8f), ("meathead", 0.85f), ("airhead", 0.85f), ("pinhead", 0.85f),
        ("peabrain", 0.9f), ("pea-brain", 0.9f), ("birdbrain", 0.85f), ("lamebrain", 0.85f), ("dumbo", 0.8f),
        ("dipshit", 0.95f), ("dickhead", 0.95f), ("fuckwit", 0.95f), ("fuckface", 0.95f), ("shithead", 0.95f),
        ("asshole", 0.95f), ("arsehole", 0.95f), ("bastard", 0.9f), ("scumbag", 0.95f), ("scum", 0.9f),
        ("lowlife", 0.9f), ("low-life", 0.9f), ("loser", 0.85f), ("jerk", 0.85f), ("prick", 0.9f), ("twat", 0.95f),
        ("wanker", 0.95f), ("tosser", 0.9f), ("pillock", 0.85f), ("plonker", 0.8f), ("numpty", 0.8f),
        ("prat", 0.8f), ("buffoon", 0.85f), ("oaf", 0.8f), ("simpleton", 0.9f), ("ignoramus", 0.9f),
        ("fool", 0.8f), ("dolt", 0.85f), ("nincompoop", 0.8f), ("degenerate", 0.85f), ("deadbeat", 0.85f),
        ("freeloader", 0.8f), ("scrounger", 0.8f), ("liar", 0.9f), ("crook", 0.85f), ("scammer", 0.85f),
        ("swindler", 0.85f), ("conman", 0.85f), ("con-man", 0.85f), ("fraudster", 0.85f), ("hypocrite", 0.8f),
        ("coward", 0.8f), ("crybaby", 0.85f), ("cry-baby", 0.85f), ("whiner", 0.85f), ("whinger", 0.85f),
        ("moaner", 0.8f), ("snowflake", 0.7f), ("brat", 0.75f), ("douche", 0.9f), ("douchebag", 0.95f),
        ("jackass", 0.9f), ("bitch", 0.95f), ("slut", 0.95f), ("whore", 0.95f), ("skank", 0.9f), ("hag", 0.8f),
        ("psycho", 0.85f), ("lunatic", 0.8f), ("nutcase", 0.85f), ("nutjob", 0.85f), ("weirdo", 0.75f),
        ("creep", 0.8f), ("pervert", 0.85f), ("sociopath", 0.85f), ("psychopath", 0.85f), ("know-it-all", 0.75f),
        ("smartass", 0.85f), ("smart-ass", 0.85f), ("wiseass", 0.85f), ("retard", 0.95f), ("spastic", 0.9f),
        ("spaz", 0.9f), ("cunt", 1f), ("motherfucker", 1f), ("cocksucker", 1f), ("bellend", 0.9f),
        ("knobhead", 0.9f), ("dingbat", 0.75f), ("twit", 0.75f), ("nerd", 0.5f), ("dork", 0.65f), ("doofus", 0.8f),
        ("imbecil", 0.9f), ("goon", 0.7f), ("thug", 0.75f), ("parasite", 0.8f), ("leech", 0.75f),
        ("degenerates", 0.85f), ("subhuman", 0.95f), ("sub-human", 0.95f), ("vermin", 0.9f), ("scumbucket", 0.9f),
        ("asshat", 0.95f), ("assclown", 0.95f), ("shitbag", 0.95f), ("dirtbag", 0.9f), ("sleazebag", 0.9f),
        ("slimeball", 0.9f), ("troll", 0.7f), ("nonce", 0.85f), ("slag", 0.8f), ("bint", 0.8f), ("wench", 0.7f),
        ("harpy", 0.7f), ("shrew", 0.7f), ("chav", 0.7f), ("pleb", 0.7f), ("peasant", 0.6f), ("hillbilly", 0.6f),
        ("redneck", 0.6f), ("cuck", 0.9f), ("incel", 0.8f), ("git", 0.7f),
    ];

    // Nouns that insult only when aimed at someone ("you clown", "you're a joke"): alone they are ordinary words.
    private static readonly (string Word, float Strength)[] WeakInsultNouns =
    [
        ("clown", 0.8f), ("joke", 0.75f), ("disgrace", 0.8f), ("embarrassment", 0.75f), ("pig", 0.85f),
        ("swine", 0.85f), ("animal", 0.75f), ("dog", 0.75f), ("rat", 0.8f), ("snake", 0.8f), ("cow", 0.8f),
        ("sheep", 0.6f), ("monkey", 0.8f), ("donkey", 0.8f), ("ass", 0.85f), ("child", 0.7f), ("baby", 0.7f),
        ("toddler", 0.75f), ("infant", 0.7f), ("amateur", 0.65f), ("nuisance", 0.7f), ("pest", 0.75f),
        ("menace", 0.7f), ("nightmare", 0.7f), ("pain", 0.6f), ("fraud", 0.85f), ("cheat", 0.85f),
        ("thief", 0.85f), ("bully", 0.75f), ("maniac", 0.8f), ("freak", 0.8f), ("tool", 0.7f), ("sucker", 0.75f),
        ("dummy", 0.75f), ("dope", 0.7f), ("witch", 0.7f), ("princess", 0.55f), ("drama queen", 0.7f),
        ("waste", 0.6f), ("failure", 0.75f), ("worm", 0.8f), ("weasel", 0.8f),
        ("vulture", 0.7f), ("hyena", 0.7f), ("slob", 0.8f), ("pushover", 0.6f), ("sissy", 0.8f), ("wimp", 0.75f),
        ("narcissist", 0.7f), ("bigot", 0.75f), ("racist", 0.75f), ("sexist", 0.7f), ("nazi", 0.85f),
        ("caveman", 0.7f), ("neanderthal", 0.8f), ("dinosaur", 0.6f), ("fossil", 0.65f), ("halfwit", 0.9f),
        ("lightweight", 0.55f), ("drunk", 0.7f), ("drunkard", 0.75f), ("junkie", 0.8f), ("lush", 0.6f),
        ("cockroach", 0.85f), ("leech", 0.75f), ("hog", 0.7f), ("goat", 0.5f), ("chicken", 0.55f),
    ];

    // Adjectives that insult when aimed at a person or at what they wrote; alone ("a stupid bug") they are weaker.
    private static readonly (string Word, float Strength)[] InsultAdjectives =
    [
        ("stupid", 0.9f), ("dumb", 0.9f), ("idiotic", 0.9f), ("moronic", 0.9f), ("imbecilic", 0.9f),
        ("brainless", 0.9f), ("mindless", 0.8f), ("clueless", 0.85f), ("incompetent", 0.85f), ("pathetic", 0.85f),
        ("useless", 0.8f), ("worthless", 0.85f), ("ignorant", 0.8f), ("lazy", 0.8f), ("retarded", 0.95f),
        ("dimwitted", 0.9f), ("dim-witted", 0.9f), ("half-witted", 0.9f), ("thick-headed", 0.85f),
        ("pig-headed", 0.8f), ("daft", 0.75f), ("dopey", 0.75f), ("gormless", 0.8f), ("witless", 0.85f),
        ("asinine", 0.8f), ("inept", 0.75f), ("spineless", 0.8f), ("gutless", 0.8f), ("cowardly", 0.75f),
        ("dishonest", 0.8f), ("deceitful", 0.85f), ("two-faced", 0.85f), ("sleazy", 0.8f), ("slimy", 0.8f),
        ("scummy", 0.85f), ("disgusting", 0.8f), ("repulsive", 0.85f), ("revolting", 0.8f), ("vile", 0.85f),
        ("despicable", 0.85f), ("contemptible", 0.85f), ("loathsome", 0.85f), ("obnoxious", 0.8f),
        ("arrogant", 0.75f), ("condescending", 0.7f), ("smug", 0.7f), ("pompous", 0.75f), ("self-righteous", 0.7f),
        ("spoilt", 0.7f), ("childish", 0.8f), ("immature", 0.75f), ("petty", 0.7f), ("pitiful", 0.8f),
        ("nasty", 0.7f), ("insolent", 0.75f), ("impertinent", 0.7f), ("ungrateful", 0.7f), ("delusional", 0.8f),
        ("deluded", 0.8f), ("unhinged", 0.8f), ("deranged", 0.85f), ("senile", 0.85f), ("illiterate", 0.85f),
        ("uneducated", 0.75f), ("narrow-minded", 0.75f), ("small-minded", 0.8f), ("simple-minded", 0.85f),
        ("feeble-minded", 0.9f), ("whiny", 0.8f), ("whiney", 0.8f), ("creepy", 0.7f), ("moronically", 0.9f),
        ("stupidly", 0.6f), ("lousy", 0.7f),
        ("insufferable", 0.8f), ("brain-dead", 0.9f), ("braindead", 0.9f), ("pea-brained", 0.9f),
        ("lame-brained", 0.85f), ("dense", 0.75f), ("thick", 0.75f), ("gullible", 0.7f), ("naive", 0.55f),
        ("hopeless", 0.65f), ("worthless", 0.85f), ("spiteful", 0.75f), ("malicious", 0.7f), ("hateful", 0.7f),
        ("greedy", 0.7f), ("stingy", 0.65f), ("cheap", 0.6f), ("entitled", 0.7f), ("spoiled", 0.7f),
    ];

    // Adjectives that are ordinary on their own ("a ridiculous delay", "crazy week", "slow internet") and insult
    // only when said of the reader or of what the reader wrote.
    private static readonly (string Word, float Strength)[] WeakInsultAdjectives =
    [
        ("ridiculous", 0.75f), ("absurd", 0.7f), ("ludicrous", 0.75f), ("laughable", 0.75f), ("pointless", 0.6f),
        ("silly", 0.6f), ("foolish", 0.7f), ("nonsensical", 0.65f), ("crazy", 0.75f), ("insane", 0.75f),
        ("mad", 0.45f), ("nuts", 0.7f), ("mental", 0.7f), ("paranoid", 0.65f), ("hysterical", 0.7f),
        ("rude", 0.65f), ("unreasonable", 0.5f), ("annoying", 0.65f), ("irritating", 0.65f), ("pushy", 0.6f),
        ("difficult", 0.45f), ("slow", 0.55f), ("ugly", 0.8f), ("fat", 0.75f), ("smelly", 0.8f), ("dirty", 0.6f),
        ("filthy", 0.7f), ("lame", 0.6f), ("weird", 0.55f), ("awful", 0.6f), ("terrible", 0.6f),
        ("horrible", 0.65f), ("unbearable", 0.7f), ("primitive", 0.65f), ("backward", 0.65f), ("simple", 0.45f),
        ("blind", 0.6f), ("deaf", 0.6f), ("incoherent", 0.65f), ("irrational", 0.6f), ("dramatic", 0.6f),
        ("aggressive", 0.55f), ("abusive", 0.6f), ("hostile", 0.55f), ("unprofessional", 0.55f), ("sloppy", 0.6f),
        ("careless", 0.65f), ("negligent", 0.65f), ("irresponsible", 0.65f), ("shady", 0.65f), ("sneaky", 0.7f),
        ("untrustworthy", 0.7f), ("pathological", 0.7f), ("bigoted", 0.7f), ("racist", 0.7f), ("sexist", 0.65f),
        ("unpleasant", 0.65f), ("embarrassing", 0.6f), ("reckless", 0.65f), ("clumsy", 0.6f), ("obtuse", 0.75f),
        ("draining", 0.55f), ("exhausting", 0.5f), ("tiresome", 0.6f), ("insulting", 0.55f), ("offensive", 0.55f),
    ];

    // Condescending forms of address ("listen, sweetie"): only counted as a vocative, between commas or at an edge.
    private static readonly (string Word, float Strength)[] Vocatives =
    [
        ("sweetie", 0.65f), ("sweetheart", 0.65f), ("honey", 0.6f), ("hun", 0.55f), ("darling", 0.6f),
        ("princess", 0.7f), ("sunshine", 0.6f), ("genius", 0.8f), ("einstein", 0.8f), ("sherlock", 0.75f),
        ("champ", 0.6f), ("chief", 0.45f), ("buddy", 0.45f), ("pal", 0.5f), ("kiddo", 0.65f), ("sonny", 0.65f),
        ("missy", 0.7f), ("little lady", 0.75f), ("young lady", 0.6f), ("young man", 0.6f), ("sport", 0.45f),
        ("dear", 0.5f), ("love", 0.5f), ("mate", 0.3f), ("boy", 0.55f), ("girl", 0.55f), ("lady", 0.5f),
        ("smarty", 0.75f), ("smartypants", 0.8f), ("smarty-pants", 0.8f), ("professor", 0.6f), ("hotshot", 0.65f),
    ];

    // Obscenities and their inflections. The strength says how crude the word reads in a support reply.
    private static readonly (string Word, float Strength)[] ProfanityWords =
    [
        ("fuck", 0.95f), ("fucks", 0.95f), ("fucked", 0.95f), ("fucking", 0.95f), ("fuckin", 0.95f),
        ("fucker", 0.95f), ("fuckers", 0.95f), ("fuckup", 0.9f), ("fuck-up", 0.9f), ("fuckwit", 0.95f),
        ("fuckface", 0.95f), ("fuckhead", 0.95f), ("motherfucker", 1f), ("motherfuckers", 1f),
        ("motherfucking", 1f), ("mofo", 0.8f), ("fk", 0.8f), ("fck", 0.9f), ("fcking", 0.9f), ("fcuk", 0.9f),
        ("fuk", 0.9f), ("fukin", 0.9f), ("fuking", 0.9f), ("phuck", 0.9f), ("phucking", 0.9f), ("effing", 0.6f),
        ("f-ing", 0.6f), ("friggin", 0.5f), ("frigging", 0.5f), ("feck", 0.6f), ("fecking", 0.6f),
        ("wtf", 0.7f), ("stfu", 0.9f), ("gtfo", 0.9f), ("ffs", 0.7f), ("omfg", 0.6f), ("fml", 0.5f),
        ("shit", 0.9f), ("shits", 0.9f), ("shitty", 0.9f), ("shitting", 0.9f), ("shitted", 0.9f), ("shite", 0.85f),
        ("bullshit", 0.9f), ("bullshitting", 0.9f), ("horseshit", 0.9f), ("shithead", 0.95f), ("shitshow", 0.9f),
        ("shithole", 0.9f), ("dipshit", 0.95f), ("batshit", 0.85f), ("apeshit", 0.85f), ("shitload", 0.8f),
        ("crap", 0.5f), ("crappy", 0.55f), ("crapping", 0.6f), ("ass", 0.75f), ("asses", 0.75f),
        ("asshole", 0.95f), ("assholes", 0.95f), ("arse", 0.75f), ("arses", 0.75f), ("arsehole", 0.95f),
        ("arseholes", 0.95f), ("dumbass", 0.9f), ("jackass", 0.85f), ("smartass", 0.8f), ("asshat", 0.9f),
        ("assclown", 0.9f), ("bitch", 0.9f), ("bitches", 0.9f), ("bitching", 0.85f), ("bitchy", 0.85f),
        ("bastard", 0.85f), ("bastards", 0.85f), ("damn", 0.55f), ("damned", 0.5f), ("dammit", 0.55f),
        ("damnit", 0.55f), ("goddamn", 0.7f), ("goddamned", 0.7f), ("goddam", 0.7f), ("hell", 0.5f),
        ("bloody", 0.5f), ("b.s", 0.7f), ("bs", 0.6f), ("frickin", 0.4f), ("bugger", 0.55f), ("buggered", 0.55f), ("bollocks", 0.7f), ("piss", 0.7f),
        ("pissed", 0.65f), ("pissing", 0.7f), ("pisses", 0.7f), ("cock", 0.6f), ("cocksucker", 1f),
        ("dick", 0.7f), ("dicks", 0.7f), ("dickhead", 0.9f), ("prick", 0.75f), ("cunt", 1f), ("cunts", 1f),
        ("twat", 0.9f), ("wanker", 0.9f), ("wankers", 0.9f), ("wank", 0.85f), ("tosser", 0.7f), ("bellend", 0.85f),
        ("knobhead", 0.85f), ("slut", 0.9f), ("whore", 0.9f), ("skank", 0.85f), ("douche", 0.75f),
        ("douchebag", 0.85f), ("tits", 0.6f), ("sucks", 0.4f), ("suck", 0.3f), ("screwed", 0.3f), ("pissy", 0.6f),
        ("shag", 0.5f), ("bloody-minded", 0.3f), ("arsed", 0.6f), ("rtfm", 0.8f), ("lmfao", 0.4f), ("af", 0.35f),
    ];

    // Slurs for groups of people: they are identity attacks wherever they appear.
    private static readonly (string Word, GroupDimension Group)[] Slurs =
    [
        ("nigger", GroupDimension.Ethnicity), ("niggers", GroupDimension.Ethnicity), ("nigga", GroupDimension.Ethnicity),
        ("niggas", GroupDimension.Ethnicity), ("negro", GroupDimension.Ethnicity), ("negroes", GroupDimension.Ethnicity),
        ("coon", GroupDimension.Ethnicity), ("coons", GroupDimension.Ethnicity), ("spic", GroupDimension.Ethnicity),
        ("spics", GroupDimension.Ethnicity), ("chink", GroupDimension.Ethnicity), ("chinks", GroupDimension.Ethnicity),
        ("gook", GroupDimension.Ethnicity), ("gooks", GroupDimension.Ethnicity), ("kike", GroupDimension.Religion),
        ("kikes", GroupDimension.Religion), ("wetback", GroupDimension.Ethnicity), ("wetbacks", GroupDimension.Ethnicity),
        ("beaner", GroupDimension.Ethnicity), ("beaners", GroupDimension.Ethnicity), ("raghead", GroupDimension.Religion),
        ("ragheads", GroupDimension.Religion), ("towelhead", GroupDimension.Religion), ("towelheads", GroupDimension.Religion),
        ("paki", GroupDimension.Nationality), ("pakis", GroupDimension.Nationality), ("wop", GroupDimension.Nationality),
        ("wops", GroupDimension.Nationality), ("dago", GroupDimension.Nationality), ("dagos", GroupDimension.Nationality),
        ("kraut", GroupDimension.Nationality), ("krauts", GroupDimension.Nationality), ("gypo", GroupDimension.Ethnicity),
        ("gyppo", GroupDimension.Ethnicity), ("pikey", GroupDimension.Ethnicity), ("pikeys", GroupDimension.Ethnicity),
        ("faggot", GroupDimension.Orientation), ("faggots", GroupDimension.Orientation), ("fag", GroupDimension.Orientation),
        ("fags", GroupDimension.Orientation), ("dyke", GroupDimension.Orientation), ("dykes", GroupDimension.Orientation),
        ("tranny", GroupDimension.Gender), ("trannies", GroupDimension.Gender), ("shemale", GroupDimension.Gender),
        ("retard", GroupDimension.Disability), ("retards", GroupDimension.Disability), ("cripple", GroupDimension.Disability),
        ("cripples", GroupDimension.Disability), ("spastic", GroupDimension.Disability), ("spaz", GroupDimension.Disability),
        ("mong", GroupDimension.Disability), ("illegals", GroupDimension.Migration), ("jihadi", GroupDimension.Religion),
        ("jihadis", GroupDimension.Religion), ("muzzie", GroupDimension.Religion), ("muzzies", GroupDimension.Religion),
        ("zionazi", GroupDimension.Religion), ("jap", GroupDimension.Nationality), ("japs", GroupDimension.Nationality),
        ("chinaman", GroupDimension.Nationality), ("gringo", GroupDimension.Nationality), ("gringos", GroupDimension.Nationality),
        ("feminazi", GroupDimension.Gender), ("feminazis", GroupDimension.Gender),
    ];

    /// <summary>
    /// Every form of the nouns that insult wherever they are aimed ("idiot", "idiots"). The rewriter's patterns read
    /// this list rather than keep their own, so a word added here is both detected and reworded.
    /// </summary>
    internal static IEnumerable<string> InsultNounForms() =>
        InsultNouns.SelectMany(static n => new[] { n.Word, Plural(n.Word) }).Distinct(StringComparer.Ordinal);

    /// <summary>The plural forms of <see cref="InsultNounForms"/> ("idiots"): what a rule about a group of people matches.</summary>
    internal static IEnumerable<string> InsultNounPlurals() =>
        InsultNouns.Select(static n => Plural(n.Word)).Distinct(StringComparer.Ordinal);

    /// <summary>Every form of the adjectives that insult a person or what they wrote ("stupid", "dumber").</summary>
    internal static IEnumerable<string> InsultAdjectiveForms() =>
        InsultAdjectives.SelectMany(static a => Graded(a.Word).Prepend(a.Word)).Distinct(StringComparer.Ordinal);

    /// <summary>Every insult (strong or weak, noun or adjective, with its forms) and every swear word.</summary>
    internal static IEnumerable<string> HostileWordForms() =>
        InsultNounForms()
            .Concat(WeakInsultNouns.SelectMany(static n => new[] { n.Word, Plural(n.Word) }))
            .Concat(InsultAdjectiveForms())
            .Concat(WeakInsultAdjectives.SelectMany(static a => Graded(a.Word).Prepend(a.Word)))
            .Concat(ProfanityWords.Select(static p => p.Word))
            .Distinct(StringComparer.Ordinal);

    private static void RegisterInsults(WordTableBuilder b)
    {
        foreach (var (word, strength) in InsultNouns)
        {
            b.AddInsult(word, WordClass.InsultNoun, strength);
            b.AddInsult(Plural(word), WordClass.InsultNoun, strength);
        }

        foreach (var (word, strength) in WeakInsultNouns)
        {
            if (word.Contains(' ', StringComparison.Ordinal))
            {
                continue; // multi-word: handled by rules
            }

            // A strong entry wins: "halfwit" is in both lists by design of the data, not by accident of code.
            if (!b.Has(word, WordClass.InsultNoun))
            {
                b.AddInsult(word, WordClass.InsultNounWeak, strength);
                b.AddInsult(Plural(word), WordClass.InsultNounWeak, strength);
            }
        }

        b.AddInsult("children", WordClass.InsultNounWeak, 0.7f);
        b.AddInsult("thieves", WordClass.InsultNounWeak, 0.85f);
        b.AddInsult("sheep", WordClass.InsultNounWeak, 0.6f);

        foreach (var (word, strength) in InsultAdjectives)
        {
            b.AddInsult(word, WordClass.InsultAdj, strength);
            foreach (var form in Graded(word))
            {
                b.AddInsult(form, WordClass.InsultAdj, strength);
            }
        }

        foreach (var (word, strength) in WeakInsultAdjectives)
        {
            if (!b.Has(word, WordClass.InsultAdj))
            {
                b.AddInsult(word, WordClass.InsultAdjWeak, strength);
                foreach (var form in Graded(word))
                {
                    if (!b.Has(form, WordClass.InsultAdj))
                    {
                        b.AddInsult(form, WordClass.InsultAdjWeak, strength);
                    }
                }
            }
        }

        foreach (var (word, strength) in Vocatives)
        {
            if (!word.Contains(' ', StringComparison.Ordinal))
            {
                b.AddInsult(word, WordClass.Vocative, strength);
            }
        }
    }

    private static void RegisterProfanity(WordTableBuilder b)
    {
        foreach (var (word, strength) in ProfanityWords)
        {
            b.AddProfanity(word, strength);
        }

        foreach (var (word, group) in Slurs)
        {
            b.AddGroup(word, WordClass.Slur | WordClass.Sensitive, group);
        }
    }

    /// <summary>Comparative and superlative of short adjectives: "dumber", "dumbest", "laziest", "fattest".</summary>
    internal static IEnumerable<string> Graded(string adjective)
    {
        if (adjective.Contains('-', StringComparison.Ordinal) || (adjective.Length > 7 && !adjective.EndsWith('y')) || adjective.EndsWith("ing", StringComparison.Ordinal) ||
            adjective.EndsWith("ed", StringComparison.Ordinal) || adjective.EndsWith("ous", StringComparison.Ordinal) || adjective.EndsWith("ful", StringComparison.Ordinal) ||
            adjective.EndsWith("ic", StringComparison.Ordinal) || adjective.EndsWith("ent", StringComparison.Ordinal) || adjective.EndsWith("ant", StringComparison.Ordinal) ||
            adjective.EndsWith("ive", StringComparison.Ordinal) || adjective.EndsWith("ish", StringComparison.Ordinal) || adjective.EndsWith("less", StringComparison.Ordinal))
        {
            yield break;
        }

        string stem;
        if (adjective.EndsWith('e'))
        {
            stem = adjective[..^1];
        }
        else if (adjective.EndsWith('y') && adjective.Length > 2 && !IsVowel(adjective[^2]))
        {
            stem = adjective[..^1] + "i";
        }
        else if (adjective.Length <= 4 && !IsVowel(adjective[^1]) && adjective[^1] is not ('w' or 'x' or 'y') && IsVowel(adjective[^2]) && !IsVowel(adjective[^3]))
        {
            stem = adjective + adjective[^1]; // fat → fatter
        }
        else
        {
            stem = adjective;
        }

        yield return stem + "er";
        yield return stem + "est";
    }
}
