namespace ReplyCoach.Core.Analysis.Detectors;

internal sealed partial class Lexicon
{
    // Country, adjective (also the singular noun), plural noun. Empty entries are absent or ambiguous
    // ("poles", "turkey" as a plural group, "polish" as an adjective are left out on purpose).
    private static readonly (string Country, string Adjective, string Plural)[] Nationalities =
    [
        ("afghanistan", "afghan", "afghans"), ("albania", "albanian", "albanians"), ("algeria", "algerian", "algerians"),
        ("america", "american", "americans"), ("argentina", "argentinian", "argentinians"),
        ("armenia", "armenian", "armenians"), ("australia", "australian", "australians"), ("austria", "austrian", "austrians"),
        ("bangladesh", "bangladeshi", "bangladeshis"), ("belgium", "belgian", "belgians"), ("bolivia", "bolivian", "bolivians"),
        ("bosnia", "bosnian", "bosnians"), ("brazil", "brazilian", "brazilians"), ("britain", "british", "brits"),
        ("bulgaria", "bulgarian", "bulgarians"), ("cambodia", "cambodian", "cambodians"), ("cameroon", "cameroonian", "cameroonians"),
        ("canada", "canadian", "canadians"), ("chile", "chilean", "chileans"), ("china", "chinese", "chinese"),
        ("colombia", "colombian", "colombians"), ("congo", "congolese", "congolese"), ("croatia", "croatian", "croatians"),
        ("cuba", "cuban", "cubans"), ("czechia", "czech", "czechs"), ("denmark", "danish", "danes"),
        ("ecuador", "ecuadorian", "ecuadorians"), ("egypt", "egyptian", "egyptians"), ("england", "english", "englishmen"),
        ("eritrea", "eritrean", "eritreans"), ("estonia", "estonian", "estonians"), ("ethiopia", "ethiopian", "ethiopians"),
        ("philippines", "filipino", "filipinos"), ("finland", "finnish", "finns"), ("france", "french", "frenchmen"),
        ("germany", "german", "germans"), ("ghana", "ghanaian", "ghanaians"), ("greece", "greek", "greeks"),
        ("guatemala", "guatemalan", "guatemalans"), ("haiti", "haitian", "haitians"), ("honduras", "honduran", "hondurans"),
        ("hungary", "hungarian", "hungarians"), ("iceland", "icelandic", "icelanders"), ("india", "indian", "indians"),
        ("indonesia", "indonesian", "indonesians"), ("iran", "iranian", "iranians"), ("iraq", "iraqi", "iraqis"),
        ("ireland", "irish", "irishmen"), ("israel", "israeli", "israelis"), ("italy", "italian", "italians"),
        ("jamaica", "jamaican", "jamaicans"), ("japan", "japanese", "japanese"), ("kazakhstan", "kazakh", "kazakhs"),
        ("kenya", "kenyan", "kenyans"), ("korea", "korean", "koreans"), ("kosovo", "kosovar", "kosovars"),
        ("kurdistan", "kurdish", "kurds"), ("latvia", "latvian", "latvians"), ("lebanon", "lebanese", "lebanese"),
        ("libya", "libyan", "libyans"), ("lithuania", "lithuanian", "lithuanians"), ("malaysia", "malaysian", "malaysians"),
        ("mexico", "mexican", "mexicans"), ("moldova", "moldovan", "moldovans"), ("morocco", "moroccan", "moroccans"),
        ("nepal", "nepalese", "nepalese"), ("netherlands", "dutch", "dutchmen"), ("holland", "dutch", "dutch"),
        ("nicaragua", "nicaraguan", "nicaraguans"), ("nigeria", "nigerian", "nigerians"), ("norway", "norwegian", "norwegians"),
        ("pakistan", "pakistani", "pakistanis"), ("palestine", "palestinian", "palestinians"), ("peru", "peruvian", "peruvians"),
        ("poland", "polish", ""), ("portugal", "portuguese", "portuguese"), ("romania", "romanian", "romanians"),
        ("russia", "russian", "russians"), ("saudi", "saudi", "saudis"), ("scotland", "scottish", "scots"),
        ("senegal", "senegalese", "senegalese"), ("serbia", "serbian", "serbians"), ("singapore", "singaporean", "singaporeans"),
        ("slovakia", "slovak", "slovaks"), ("slovenia", "slovenian", "slovenians"), ("somalia", "somali", "somalis"),
        ("spain", "spanish", "spaniards"), ("sudan", "sudanese", "sudanese"), ("sweden", "swedish", "swedes"),
        ("switzerland", "swiss", "swiss"), ("syria", "syrian", "syrians"), ("taiwan", "taiwanese", "taiwanese"),
        ("thailand", "thai", "thais"), ("tunisia", "tunisian", "tunisians"), ("turkey", "turkish", "turks"),
        ("uganda", "ugandan", "ugandans"), ("ukraine", "ukrainian", "ukrainians"), ("venezuela", "venezuelan", "venezuelans"),
        ("vietnam", "vietnamese", "vietnamese"), ("wales", "welsh", "welsh"), ("yemen", "yemeni", "yemenis"),
        ("zimbabwe", "zimbabwean", "zimbabweans"), ("europe", "european", "europeans"), ("asia", "asian", "asians"),
        ("africa", "african", "africans"), ("usa", "yankee", "yankees"), ("uk", "brit", "brits"), ("", "aussie", "aussies"),
        ("", "arab", "arabs"), ("", "scandinavian", "scandinavians"), ("", "westerner", "westerners"),
        ("", "latin american", "latin americans"), ("", "balkan", "balkans"), ("", "pom", "poms"), ("", "pommy", "pommies"),
        ("", "persian", "persians"), ("", "serb", "serbs"), ("", "croat", "croats"), ("", "kurd", "kurds"),
        ("", "briton", "britons"), ("", "gaijin", "gaijin"), ("", "mainlander", "mainlanders"),
    ];

    private static readonly (string Adjective, string Plural, GroupDimension Dimension)[] OtherGroups =
    [
        // Ethnicity. "black" and "white" group people only with a people-noun ("black people"), never alone.
        ("black", "blacks", GroupDimension.Ethnicity), ("white", "whites", GroupDimension.Ethnicity),
        ("hispanic", "hispanics", GroupDimension.Ethnicity), ("latino", "latinos", GroupDimension.Ethnicity),
        ("latina", "latinas", GroupDimension.Ethnicity), ("latinx", "latinx", GroupDimension.Ethnicity),
        ("caucasian", "caucasians", GroupDimension.Ethnicity), ("indigenous", "", GroupDimension.Ethnicity),
        ("aboriginal", "aboriginals", GroupDimension.Ethnicity), ("aborigine", "aborigines", GroupDimension.Ethnicity),
        ("roma", "roma", GroupDimension.Ethnicity), ("romani", "romanis", GroupDimension.Ethnicity),
        ("gypsy", "gypsies", GroupDimension.Ethnicity), ("gipsy", "gipsies", GroupDimension.Ethnicity),
        ("native", "natives", GroupDimension.Ethnicity), ("ethnic", "", GroupDimension.Ethnicity),
        ("brown", "", GroupDimension.Ethnicity), ("oriental", "orientals", GroupDimension.Ethnicity),

        // Religion.
        ("muslim", "muslims", GroupDimension.Religion), ("moslem", "moslems", GroupDimension.Religion),
        ("islamic", "", GroupDimension.Religion), ("jewish", "jews", GroupDimension.Religion),
        ("jew", "jews", GroupDimension.Religion), ("christian", "christians", GroupDimension.Religion),
        ("catholic", "catholics", GroupDimension.Religion), ("protestant", "protestants", GroupDimension.Religion),
        ("mormon", "mormons", GroupDimension.Religion), ("hindu", "hindus", GroupDimension.Religion),
        ("sikh", "sikhs", GroupDimension.Religion), ("buddhist", "buddhists", GroupDimension.Religion),
        ("atheist", "atheists", GroupDimension.Religion), ("evangelical", "evangelicals", GroupDimension.Religion),
        ("religious", "", GroupDimension.Religion), ("orthodox", "", GroupDimension.Religion),

        // Gender and orientation.
        ("female", "females", GroupDimension.Gender), ("male", "males", GroupDimension.Gender),
        ("woman", "women", GroupDimension.Gender), ("", "men", GroupDimension.Gender),
        ("", "girls", GroupDimension.Gender), ("", "ladies", GroupDimension.Gender),
        ("trans", "", GroupDimension.Gender), ("transgender", "transgenders", GroupDimension.Gender),
        ("feminist", "feminists", GroupDimension.Gender), ("blonde", "blondes", GroupDimension.Gender),
        ("gay", "gays", GroupDimension.Orientation), ("lesbian", "lesbians", GroupDimension.Orientation),
        ("homosexual", "homosexuals", GroupDimension.Orientation), ("bisexual", "bisexuals", GroupDimension.Orientation),
        ("queer", "queers", GroupDimension.Orientation),

        // Age. "old" and "young" group people only with a people-noun ("old people"), not "old customers".
        ("old", "", GroupDimension.Age), ("older", "", GroupDimension.Age), ("young", "", GroupDimension.Age),
        ("younger", "", GroupDimension.Age), ("elderly", "elderly", GroupDimension.Age),
        ("senior", "", GroupDimension.Age), ("", "pensioners", GroupDimension.Age), ("", "retirees", GroupDimension.Age),
        ("", "oaps", GroupDimension.Age), ("boomer", "boomers", GroupDimension.Age),
        ("millennial", "millennials", GroupDimension.Age), ("zoomer", "zoomers", GroupDimension.Age),
        ("teenage", "teenagers", GroupDimension.Age), ("", "teens", GroupDimension.Age),
        ("", "youngsters", GroupDimension.Age), ("middle-aged", "", GroupDimension.Age),
        ("gen-z", "", GroupDimension.Age), ("", "over-60s", GroupDimension.Age), ("", "over-70s", GroupDimension.Age),
        ("", "over-50s", GroupDimension.Age), ("", "over-65s", GroupDimension.Age), ("", "kids", GroupDimension.Age),
        ("", "grannies", GroupDimension.Age), ("", "oldies", GroupDimension.Age), ("", "geezers", GroupDimension.Age),
        ("", "blokes", GroupDimension.Gender), ("bloke", "", GroupDimension.Gender), ("", "lads", GroupDimension.Gender),
        ("", "housewives", GroupDimension.Gender), ("", "mothers", GroupDimension.Gender), ("", "mums", GroupDimension.Gender),
        ("", "moms", GroupDimension.Gender), ("man", "", GroupDimension.Gender), ("", "wives", GroupDimension.Gender),
        ("", "husbands", GroupDimension.Gender), ("", "guys", GroupDimension.Gender),

        // Disability.
        ("disabled", "", GroupDimension.Disability), ("handicapped", "", GroupDimension.Disability),
        ("autistic", "autistics", GroupDimension.Disability), ("deaf", "", GroupDimension.Disability),
        ("blind", "", GroupDimension.Disability), ("dyslexic", "dyslexics", GroupDimension.Disability),
        ("mentally ill", "", GroupDimension.Disability), ("crippled", "", GroupDimension.Disability),

        // Migration.
        ("immigrant", "immigrants", GroupDimension.Migration), ("migrant", "migrants", GroupDimension.Migration),
        ("refugee", "refugees", GroupDimension.Migration), ("foreign", "foreigners", GroupDimension.Migration),
        ("", "expats", GroupDimension.Migration), ("", "aliens", GroupDimension.Migration),
        ("", "asylum-seekers", GroupDimension.Migration), ("", "newcomers", GroupDimension.Migration),
    ];

    // Adjectives that name a group only when followed by one of the core people-nouns ("old people", "black men"):
    // alone they describe things ("old version", "black cable", "senior discount").
    // "old customers" are former customers and "senior" is a rank; "black", "white" name people only next to a
    // people-noun at all, which every group adjective needs anyway.
    private static readonly string[] CoreOnlyAdjectives = ["old", "senior", "native", "religious", "ethnic"];

    private static readonly string[] PeopleNouns =
    [
        "people", "persons", "folks", "folk", "men", "women", "guys", "customers", "clients", "users", "buyers",
        "shoppers", "callers", "drivers", "workers", "employees", "students", "kids", "children", "parents",
        "families", "tourists", "travellers", "travelers", "girls", "boys", "ladies", "individuals", "consumers",
        "residents", "citizens", "nationals", "patients", "speakers", "types", "ones", "lot", "person", "customer",
        "client", "man", "woman", "guy", "lady", "girl", "boy", "bloke", "driver", "user", "buyer", "caller", "mothers",
        "fathers", "mums", "moms", "dads", "wives", "husbands", "grannies", "grandmas", "grandpas", "applicants",
        "tenants", "staff", "agents", "colleagues", "neighbours", "neighbors", "community", "communities", "guests",
        "passengers", "visitors", "members", "subscribers", "gamers", "players", "homeowners", "landlords", "owners",
        "pensioners", "retirees", "students", "teenagers", "travellers", "patrons", "diners", "renters", "borrowers",
    ];

    private static readonly string[] PeopleCoreNouns =
        ["people", "persons", "folks", "folk", "men", "women", "guys", "ladies", "girls", "boys", "kids", "individuals",
         "man", "woman", "guy", "lady", "person", "citizens", "drivers", "ones", "types", "lot", "mothers", "fathers",
         "mums", "moms", "dads", "parents", "couples", "families", "gamers", "users"];

    // Words that turn a mention of a group into a sweeping statement about it.
    private static readonly string[] GeneralisingMarkers =
    [
        "always", "never", "all", "every", "typically", "typical", "usually", "constantly", "invariably", "forever",
        "inevitably", "generally", "tend", "tends", "notoriously", "naturally", "inherently", "genetically",
        "everyone", "none", "nothing", "only", "ever", "nowadays", "rarely", "seldom", "famously", "always",
    ];

    // Predicates that stereotype: what a group "is" or "does" in a sweeping remark.
    private static readonly string[] NegativeEvaluations =
    [
        "lazy", "stupid", "dumb", "cheap", "stingy", "greedy", "dirty", "filthy", "smelly", "rude", "loud", "noisy",
        "aggressive", "violent", "dangerous", "criminal", "criminals", "thieves", "crooks", "liars", "cheats",
        "scammers", "fraudsters", "terrorists", "rapists", "savages", "animals", "parasites", "leeches",
        "scroungers", "freeloaders", "invaders", "vermin", "subhuman", "inferior", "primitive", "backward",
        "uneducated", "illiterate", "ignorant", "incompetent", "useless", "hopeless", "worthless", "emotional",
        "hysterical", "irrational", "dramatic", "bossy", "nagging", "weak", "clueless", "difficult", "demanding",
        "entitled", "arrogant", "untrustworthy", "dishonest", "sneaky", "shady", "corrupt", "fanatics",
        "extremists", "brainwashed", "evil", "disgusting", "trouble", "troublemakers", "idiots", "morons", "illegal", "bad", "terrible", "awful", "horrible", "worst", "slow", "cheaters",
        "tight", "tight-fisted", "miserly", "pushy", "impatient", "unreliable", "ungrateful", "annoying",
        "whiners", "moaners", "complainers", "hagglers", "freeloaders", "spoiled", "spoilt", "rubbish", "crap",
        "shit", "inbred", "barbaric", "barbarians", "uncivilised", "uncivilized", "smell", "stink", "stinks",
        "clannish", "fake", "scum", "stingiest", "rudest", "laziest", "dumbest", "cheapest", "greediest",
        "nightmare", "nightmares", "pests", "impossible", "unreasonable", "fussy", "picky",
        "rude", "obnoxious", "incapable", "unfit", "frauds", "suspicious", "untrustworthy",
        "technophobes", "technophobic", "senile", "gullible", "naive", "childish", "immature", "hormonal",
        "late", "trouble", "fussy", "rude", "loud", "disorganised", "disorganized", "hardest", "worst", "difficult",
        "confused", "clueless", "bossy", "aggressive", "drama", "entitled", "hysterical", "moody", "unpleasant",
    ];

    private static readonly string[] StereotypeVerbs =
    [
        "haggle", "haggles", "haggling", "complain", "complains", "complaining", "whine", "whines", "whining",
        "moan", "moans", "moaning", "cheat", "cheats", "cheating", "lie", "lies", "lying", "steal", "steals",
        "stealing", "scam", "scams", "scamming", "bargain", "bargains", "exaggerate", "exaggerates", "overreact",
        "overreacts", "nag", "nags", "beg", "begs", "begging", "stink", "stinks", "shout", "shouts", "yell",
        "yells", "whinge", "whinges", "whingeing", "argue", "argues", "arguing", "freeload", "freeloads",
        "scrounge", "scrounges", "breed", "breeds", "riot", "riots", "ruin", "ruins", "destroy", "destroys",
        "demand", "demands", "abuse", "abuses", "exploit", "exploits", "cry", "cries", "panic", "panics",
        "smell", "smells", "lack", "lacks", "blame", "blames", "forget", "forgets", "struggle", "struggles",
        "insist", "insists", "dodge", "dodges", "sneak", "sneaks", "moan", "whinge",
    ];

    // What a group supposedly "can't do" ("women can't drive", "old people don't understand technology").
    private static readonly string[] AbilityVerbs =
    [
        "drive", "read", "understand", "learn", "listen", "follow", "pay", "tip", "cook", "think", "speak",
        "spell", "write", "count", "manage", "handle", "cope", "grasp", "behave", "figure", "park", "comprehend",
        "integrate", "adapt", "function", "bother", "finish", "admit", "update", "pay", "learn", "remember",
        "idea", "clue", "manners", "sense", "shame", "respect", "patience", "taste", "class", "concept",
    ];

    private static void RegisterGroups(WordTableBuilder b)
    {
        foreach (var (country, adjective, plural) in Nationalities)
        {
            if (country.Length > 0)
            {
                b.AddGroup(country, WordClass.Country, GroupDimension.Nationality);
            }

            if (adjective.Length > 0 && !adjective.Contains(' ', StringComparison.Ordinal))
            {
                b.AddGroup(adjective, WordClass.GroupAdj, GroupDimension.Nationality);
            }

            if (plural.Length > 0 && !plural.Contains(' ', StringComparison.Ordinal))
            {
                b.AddGroup(plural, WordClass.GroupNoun, GroupDimension.Nationality);
            }
        }

        foreach (var (adjective, plural, dimension) in OtherGroups)
        {
            if (adjective.Length > 0 && !adjective.Contains(' ', StringComparison.Ordinal))
            {
                b.AddGroup(adjective, WordClass.GroupAdj, dimension);
            }

            if (plural.Length > 0)
            {
                b.AddGroup(plural, WordClass.GroupNoun, dimension);
            }
        }

        b.Add(CoreOnlyAdjectives, WordClass.GroupAdjCoreOnly);
        b.Add(["those", "these", "such", "kind", "type", "sort", "typical", "like"], WordClass.GroupCue);
        b.Add(PeopleNouns, WordClass.PeopleNoun);
        b.Add(PeopleCoreNouns, WordClass.PeopleNoun | WordClass.PeopleCore);
        b.Add(GeneralisingMarkers, WordClass.GenMarker);
        b.Add(NegativeEvaluations, WordClass.NegEval);
        b.Add(StereotypeVerbs, WordClass.StereotypeVerb);
        b.Add(AbilityVerbs, WordClass.AbilityVerb);
    }
}
