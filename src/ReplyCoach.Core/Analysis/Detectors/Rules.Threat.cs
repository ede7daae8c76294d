namespace ReplyCoach.Core.Analysis.Detectors;

internal sealed partial class RuleSet
{
    // "we will", "I'm going to", "our legal team will": who carries out a threat.
    private const string WeWill =
        "(we / i / our company / the company / our legal team / our legal department / management / our lawyers) ?(will / would / shall / are going to / am going to / intend to / plan to / may / might / can / could / will have to / would have to / will be forced to / have no choice but to / will not hesitate to / would not hesitate to / are prepared to / reserve the right to / will be / are / am / have / might have to / may have to / are considering / will now / will also / will immediately / are ready to / are entitled to)";

    /// <summary>Legal or retaliatory threats and intimidation, including veiled ones. Conditionals keep them (they are usually conditional).</summary>
    private void AddThreatRules()
    {
        const string Report = "threatens to report the customer";
        T(0.85f, Report, $"{WeWill} ?(be) (report / reporting / reported) you");
        T(0.8f, Report, "report you to (the police / the authorities / your bank / your employer / the bank / credit agencies / the credit agencies / credit bureaus / the fbi / the ftc / action fraud / trading standards / your card issuer / the fraud team / our fraud team / the platform)");
        T(0.6f, Report, $"{WeWill} ?(be) (report / reporting / refer / referring / pass / passing / hand / handing) (this / it / your (account / behaviour / behavior / conduct / actions / details / case / messages / emails)) (over)? to (the police / the authorities / your bank / your employer / credit agencies / the fraud team / our fraud team / our legal team / our lawyers / our solicitors / law enforcement)");
        const string Legal = "threatens legal action";
        T(0.9f, Legal, $"{WeWill} ?(be) (sue / suing / prosecute / prosecuting / take legal action against / press charges against / pressing charges against / file a lawsuit against / file charges against) you");
        T(0.9f, Legal, "(see / seeing) you in court");
        T(0.85f, Legal, "take (you / this / it / the matter) to (court / small claims / a tribunal)");
        T(0.75f, Legal, $"{WeWill} ?(be) (take / taking / pursue / pursuing / initiate / initiating / begin / beginning / start / starting / commence / commencing / consider / considering / seek / seeking) (legal action / legal proceedings / legal steps / legal remedies / court action / action through the courts)");
        T(0.85f, Legal, "legal (action / proceedings / steps) against you");
        T(0.85f, Legal, "(our / my) (lawyers / solicitors / attorneys / legal team / legal department / legal counsel / lawyer / solicitor / attorney) (will / would / are going to / shall) (be in touch / contact you / deal with you / be contacting you / be hearing / be getting in touch / reach out / pursue)");
        T(0.85f, Legal, "(hear / be hearing / hearing) from (our / my) (lawyers / solicitors / attorneys / legal team / legal department / lawyer / solicitor / attorney)");
        T(0.85f, Legal, $"{WeWill} ?(be) press charges");
        T(0.8f, "threatens to call the police", $"{WeWill} ?(be) (call / calling / contact / contacting / involve / involving / notify / notifying / alert / alerting / get) the (police / authorities / cops / fbi)");
        T(0.45f, "reserves the right to act against the customer", "(we / the company) reserve the right to (take / pursue / seek) (legal action / further action / action / legal remedies)");

        const string Retaliate = "threatens to retaliate against the customer";
        T(0.75f, Retaliate, $"{WeWill} ?(be) (blacklist / blacklisting / ban / banning / block / blocking / bar / barring) you");
        T(0.35f, "warns the customer their account could be closed", $"{WeWill} ?(be) (suspend / suspending / terminate / terminating / close / closing / freeze / freezing / lock / locking / delete / deleting / cancel / cancelling) your (account / membership / subscription / service)");
        T(0.85f, "threatens the customer with consequences", "(you will / you are going to / you would / you'll) (regret / be sorry / live to regret / pay for) (this / it / that / doing / writing / posting / saying)?");
        T(0.8f, "threatens the customer with consequences", "(keep / carry on / continue) (this / it / that) up ?@comma (and / or)");
        T(0.8f, "threatens the customer with consequences", "(one more / another) (email / e-mail / message / call / complaint / word / comment / review / post) (like this / like that / from you)? ?@comma (and / or)");
        T(0.5f, "warns the customer about their behaviour", "(if / should) you (keep / continue / persist) (this / with this / like this / to (harass / abuse / threaten / insult / swear at / contact / email / e-mail / call / post / write / spam / bother / pester))");
        T(0.75f, "makes a veiled threat", "(i would / i'd / you would / you'd / you might want to / you may want to / i would suggest you / i suggest you / i advise you to / i'd advise you to / you should / you had better / you'd better) (be)? (very / really)? careful (what / about what / with what / how / who / where)");
        T(0.7f, "makes a veiled threat", "be careful what you (say / post / write / wish for / put / share / publish)");
        T(0.85f, "makes a veiled threat", "(it would / it'd / that would / that'd / it will) be (a shame / a pity / a real shame / such a shame / unfortunate / too bad / a terrible shame / sad) if (your / you / something / anything / this)");
        T(0.75f, "makes a veiled threat", "(you / you would / you'd) (do not / really do not / would not / wouldn't) want (to (do that / go there / make an enemy / cross us / test us / push us / find out / go down that road / mess with us) / us to / me to / that)");
        T(0.7f, "makes a veiled threat", "(do not / never) (mess with / play games with / test / push / cross / threaten) (us / me)");
        T(0.7f, "makes a veiled threat", "(do not / don't) make (me / us) (come / do / take / call / get)");
        T(0.75f, "makes a veiled threat", "or else @end");
        T(0.7f, "issues the customer a final warning", "(consider / take) this (as)? (a / your / our) (final / last / formal / official / only / first and last)? warning");
        T(0.65f, "issues the customer a final warning", "(this is / this will be / this is your / this serves as your) ?(your / a) (final / last / only) warning");
        T(0.95f, "intimidates the customer", "(we / i) know where you (live / work / sleep)");
        T(0.75f, "intimidates the customer", "(we / i) (will / are going to / am going to) (make sure / ensure / see to it) (that)? you (never / regret / pay / do not / will not / are banned / get nothing / lose / are punished / suffer)");
        T(0.7f, "threatens to hold the customer liable", "you (will / shall / would) be held (personally)? (liable / responsible / accountable)");
        T(0.85f, "threatens the customer with consequences", "(you will / you are going to) pay for (this / that) @end");
        T(0.9f, "threatens to make the customer's life difficult", "(make / making) your life @intens* (hell / difficult / miserable / a misery / a living hell / hard / unpleasant)");
        T(0.85f, "threatens to ruin the customer", "(ruin / destroy / wreck) (you / your reputation / your business / your life / your career / your credit)");
        T(0.45f, "warns the customer about their credit rating", "your (credit score / credit rating / credit file / reputation) (will / could / may / might) (suffer / be affected / be damaged / be ruined / take a hit)");
        T(0.8f, "says the customer will get what is coming", "(you will / you are going to / you'll) (get / be getting) (what is coming to you / what you deserve / what's coming / yours / hurt / punished)");
        T(0.8f, "tells the customer to watch their back", "(watch / mind) your (back / step)");
        T(0.7f, "makes a veiled threat", "(accidents happen / things happen / things can happen / things could happen / it would be unfortunate) (to people who / to customers who / when people / when customers)");

        const string Violence = "threatens violence";
        T(0.95f, Violence, "(i / we) ?(will / would / am going to / are going to / want to / could / should / will come and / swear i will / am gonna) (kill / hurt / beat / punch / slap / shoot / stab / strangle / murder / smack / hit / batter / smash / break your / knock your / choke / find) (you / your face / your head / your neck / your legs)");
        T(0.95f, Violence, "(hope / wish) (you / u) (die / rot / burn / choke / get (cancer / hit / run over / what you deserve) / suffer / drop dead / rot in hell / burn in hell)");
        T(0.95f, Violence, "(you / u) (should / deserve to / ought to / need to) (die / be shot / be killed / rot / burn / be beaten / be punched / be locked up / be hanged / hang)");
        T(0.95f, Violence, "(kill / shoot / hang / hurt) (yourself / urself / yourselves)");
        T(0.9f, Violence, "die in a (fire / hole / ditch)");

        // "Do X and Y": a provocation the customer is warned off, then a sanction.
        const string IfThen = "warns the customer of retaliation if they complain or go public";
        T(0.75f, IfThen, "^ ?(just / go ahead and / go on ,) (@provoke / go to / call us / leave a / leave one more / tag us / report us / contact the) !@ing *8 ?@comma (and / or) *6 (@sanction / watch how / you will never / you'll never / we will make / i will make / i'll make / we'll make)");
        T(0.75f, IfThen, "^ (keep / carry on / continue / go on) (@ing / @provoke / this / that / it / like this / like that / doing) *6 ?@comma (and / or) *6 (@sanction / watch how / you will never / you'll never / we will make / i will make / i'll make / we'll make / we will / we'll / i will / i'll / your)");
        T(0.7f, IfThen, "(if / should / once) you (@provoke / go to / call us / leave / tag us / report us / contact the (ombudsman / regulator / press / media) / do not (drop / withdraw / delete / remove / pull / take down / stop)) *8 ?@comma *8 (@sanction / do not expect / don't expect)");
        T(0.8f, IfThen, "^ (one more / another) *3 ?(like (this / that) / from you) ?@comma (and / or) *6 @sanction");
        T(0.8f, "threatens the customer with consequences", "(or / and) (face / suffer / accept) the consequences");
        T(0.75f, "threatens the customer with consequences", "watch (how fast / how quickly)");
        T(0.8f, "threatens to retaliate against the customer", "(i will / i'll / we will / we'll / i am going to / we are going to) ?(personally) (make sure / ensure / see to it) *6 (@sanction / taken to court / never / regret / pay / refused / rejected)");
        T(0.65f, "threatens to use power over the customer's account", "(i / we) have the (power / authority / ability) to (cancel / close / ban / block / suspend / terminate / refuse / reject / delete / downgrade)");
        T(0.7f, "threatens to withdraw help", "(do not / don't) expect (any)? (help / support / favours / favors / sympathy / goodwill / leniency / kindness / discounts) from (us / me)");
        T(0.7f, "threatens to expose the customer", "(release / publish / share / leak / post / forward) your (full)? (complaint history / details / information / messages / emails / e-mails / address / name / photo / personal details / records)");
        T(0.85f, "makes a veiled threat", "mysteriously (disappear / vanish / get lost / go missing / be cancelled / stop working / fail)");
        T(0.7f, "threatens to ban the customer", "(never / not) be (allowed / welcome / served) (in / into / back / again / at)");
        T(0.6f, "threatens to deprioritise the customer", "(go / goes / send / sent / put / move / moved) *3 to the (back / bottom) of the (queue / pile / list)");
        T(0.7f, "threatens to penalise the customer", "(charge / fine / bill) you (every / extra / additional / a penalty / the maximum) (fee / fees / penalty / charge)?");
        T(0.6f, "threatens to claw back what the customer was given", "claw back");

        const string Intimidate = "intimidates the customer";
        T(0.5f, Intimidate, "(if i were you / if i was you / were i you)");
        T(0.6f, Intimidate, "think (very / really)? (hard / carefully / twice) (before / about) (you / your / showing / posting / sending / writing / escalating / complaining)");
        T(0.75f, Intimidate, "watch (yourself / your back / your step)");
        T(0.75f, Intimidate, "(you have / you've) been warned @end");
        T(0.85f, Intimidate, "you have no idea who you are (dealing / messing / talking / speaking) (with / to)");
        T(0.85f, Intimidate, "(messing / mess / messed) with the wrong (company / people / person / team / guy / business)");
        T(0.75f, Intimidate, "(nobody / no one) (wins / has ever won) (a fight / against us / with us)");
        T(0.6f, Intimidate, "we have (people / ways / a team / someone) (who / that / of) (deal / deals / dealing / handle / handles / making)");
        T(0.65f, Intimidate, "(do not / don't / never) (come back / show your face / set foot)");
        T(0.7f, Intimidate, "(showing / show) your face (at / in / around)");
        T(0.6f, Intimidate, "(i will / i'll / we will / we'll) remember (your name / you / this / your face)");
        T(0.7f, Intimidate, "(long memories / a long memory / never forget)");
        T(0.8f, Intimidate, "(accidents / bad things / funny things / strange things / things / unfortunate things / nasty things) ?(tend to / can / could / have a way of / sometimes / often / might / do) (happen / happening) to (accounts / people / customers / those / anyone / you / your)");
        T(0.7f, Intimidate, "(people / customers / those / anyone / accounts / users) (who / that) (make / cause / push / try / complain / cross / embarrass) *4 (tend to / sometimes / often / usually / always / will / may)? (find / discover / get / end up)");
        T(0.8f, Intimidate, "(i would / i'd / we'd / we would) hate for (your / you / anything / something)");
        T(0.6f, Intimidate, "(think about / consider / remember / spare a thought for) *4 before you (escalate / complain / post / dispute / report / go / take / write / leave / push)");
        T(0.7f, Intimidate, "know (your street / your address / your house / your family / your kids / where your)");
        T(0.55f, Intimidate, "(we have / remember that we have / we've got) access to (all of)? your");
        T(0.6f, Intimidate, "(we have / there are) ways (of / to) (making / make / dealing / deal / handling)");
        T(0.55f, Intimidate, "^ let us just say");
        T(0.7f, Intimidate, "(we / i) keep (very)? (detailed / careful / close)? records on (troublesome / difficult / problem / customers like you / people like you / troublemakers)");

        T(0.8f, Legal, "(take / taking / drag / dragging) (you / this / it) (through / to) the courts");
        T(0.85f, Legal, "(file / filing / bring / bringing / start / starting / lodge / lodging / issue / issuing) (a)? (claim / case / lawsuit / suit / charges / proceedings / small claim) against you");
        T(0.8f, Legal, "(pursue / pursuing / chase / chasing / go after / going after / come after / coming after) you for (damages / the money / costs / compensation / the debt / every penny / the full amount)");
        T(0.8f, Legal, "(make an example of / bankrupt / crush / finish / destroy) you");
        T(0.75f, Legal, "take (everything / every penny / all) you (have / own / have got)");
        T(0.75f, Legal, "(a file / a case / a dossier / a record) with your name on it");
        T(0.6f, Legal, "(forward / forwarding / pass / passing / send / sending / hand / handing / refer / referring) (this / it / your case / the matter / this thread / this conversation / your file)? (over)? to (legal / our legal team / our legal department / our lawyers / our solicitors / our attorneys)");
        T(0.85f, Legal, "(seeing / see) you in (front of a judge / small claims / small claims court / the courts)");
        T(0.6f, Legal, "court (summons / order / case / papers / date) (will / is coming / on its way / heading)");

        T(0.8f, Report, $"{WeWill} ?(be) (contact / contacting / notify / notifying / inform / informing / tell / telling / write to / writing to / call / calling / alert / alerting) your (university / employer / landlord / letting agency / school / boss / parents / family / neighbours / neighbors / college / workplace / housing association / bank manager / partner / wife / husband)");
        T(0.8f, Report, "(flag / flagging / flagged / mark / marking / marked / list / listing / listed / register / registering / registered / report / reporting) you as (a)? (fraud / fraudster / fraud risk / risk / problem customer / bad debtor / abusive customer / troublemaker / scammer / high risk)");
        T(0.75f, Report, "(add / adding / put / putting / place / placing / enter / entering) (you / your (name / details / account / number / address / card)) (on / to / onto / into) (a / our / the / every) ?(shared / national / industry) (blacklist / watch list / watchlist / fraud database / banned list / register / database)");
        T(0.65f, Report, "(sending / send / share / sharing / pass / passing / circulate / circulating) your (name / details / photo / information / ip address / ip / number / address) (to / with / around)");
        T(0.7f, Report, "(will / that will / which will) follow you");

        const string Violent = "threatens or calls for violence";
        T(0.8f, Violent, "^ (kill / shoot / hang / lynch / stab / execute / behead / murder / strangle / torture / gas) (him / her / them / you / everyone / those people / these people / that man / that woman / all of them / all of you) !a|an|the|some|over|back|down|up|out|off|with|through");
        T(0.8f, Violent, "(deserve / deserves / deserved) (to die / the death penalty / death / a bullet / to be (shot / killed / hanged / hung / beaten / executed / lynched / punched / tortured / put down))");
        T(0.75f, Violent, "(should / ought to / needs to / need to / must) (be / get) (shot / killed / hanged / hung / executed / lynched / incinerated / beaten / beaten up / burned / burnt / shot dead / put down / gassed / strung up / stoned)");
        T(0.9f, Violent, "^ ?(just / please / now) go (and)? die");
        T(0.8f, Violent, "(you are / you're) (dead / a dead man / a dead woman / going to die / gonna die) @end");
        T(0.9f, Violent, "(burn / burning / set fire to / torch) (your / his / her / their) (house / home / car / shop / office) ?(down)");
        T(0.8f, Violent, "(kick / punch / slap / smack / hit / knee) (him / her / them / you) in the (face / balls / teeth / head / nuts / mouth / gut)");
        T(0.75f, Violent, "a (punch / kick / slap / smack / bullet) in the (face / head / teeth / mouth)");
        T(0.85f, Violent, "(cut / chop / rip / tear) off (their / his / her / your) (hands / head / fingers / arms / legs / balls)");
        T(0.85f, Violent, "(hope / hopefully / wish) (he / she / they / you / u) (rots / rot / dies / die / suffers / suffer / burns / burn / bleeds / bleed / gets shot / get shot / gets killed / get killed / chokes / choke)");
    }
}
