namespace ReplyCoach.Core.Analysis.Detectors;

internal sealed partial class RuleSet
{
    private const string Product =
        "it / this / that / the device / the product / the phone / the unit / the item / the screen / the machine / the laptop / the tablet / the charger / the parcel / the package / the order / the part / your device / your phone / the camera / the console / the appliance / the battery / the cable / the lid / the seal / the box";

    /// <summary>Telling the customer they are at fault or not telling the truth.</summary>
    private void AddBlameRules()
    {
        const string Damaged = "says the customer damaged the product";
        B(0.8f, Damaged, "you (must / must have) ?(have) ?(somehow / accidentally / just / already / clearly / obviously) (dropped / broken / broke / damaged / misused / abused / mishandled / tampered / spilled / spilt / smashed / cracked / bent / overloaded / soaked / submerged / immersed / washed / sat on / stepped on / fried / ruined / wrecked / destroyed / forced / exposed / knocked / thrown / banged / kicked / hit / opened / disassembled / dismantled / jailbroken / rooted / modified / voided)");
        B(0.65f, "suggests the customer caused the problem", "you (must / must have) ?(have) ?(somehow / accidentally / just / already / clearly / obviously) @blamev !an|your|our|a|us|by|for");
        B(0.55f, Damaged, "you (probably / likely / most likely / possibly / may / might) ?(have) ?(somehow / accidentally) @blamev !an|your|our|a|us|by|for|off|up|in|out");
        B(0.8f, "says the customer obviously caused the problem", "you (obviously / clearly / evidently / surely / definitely / undoubtedly) ?(have) @blamev !us|by|for|off|in|out|an|a");
        B(0.7f, Damaged, $"[ you ?(have) ?(somehow / accidentally / deliberately / intentionally / clearly / obviously) (dropped / broke / broken / damaged / misused / abused / mishandled / smashed / cracked / tampered with / spilled / spilt / ruined / wrecked / destroyed / fried / overloaded / bent / scratched / dented / soaked / submerged / immersed) ({Product}) ] !off|in|into|at|to|through|over|back");
        B(0.85f, "accuses the customer of doing it on purpose", "you (did / broke / damaged / dropped / ruined / caused) (it / this / that) ?(yourself)? (on purpose / deliberately / intentionally / yourself)");
        B(0.85f, "tells the customer it is their own fault", "(it is / that is / this is / it was / that was / this was) ?(entirely / completely / totally / all / clearly / obviously / solely) (your / your own / you own) (fault / doing / mistake / error / fault entirely / carelessness / negligence)");
        B(0.8f, "tells the customer it is their own fault", "[ ?(all) (your / your own) fault ]");
        B(0.85f, "tells the customer they are to blame", "you (are / were / alone are) ?(entirely / completely / totally / solely / clearly / obviously) (to blame / at fault / the one at fault / the problem / in the wrong / the cause of this / the cause of the problem / responsible for (this / the damage / breaking it / the problem))");
        B(0.9f, "tells the customer they have only themselves to blame", "you ?(only) ?(have / have got / got) ?(only) (yourself / yourselves) to blame");
        B(0.9f, "tells the customer they have only themselves to blame", "(nobody / no one) to blame (but / except) (yourself / you)");
        B(0.75f, "puts the blame on the customer", "(that is / this is / it is) ?(entirely / completely / totally / all / squarely / firmly / clearly) (on you / on your end / your problem not ours / down to you)");
        B(0.8f, "tells the customer to blame themselves", "blame (yourself / yourselves)");
        B(0.65f, "says the problem was caused by the customer", "(caused / done / created / broken / damaged) by you");
        B(0.65f, "calls the problem user error", "(user error / operator error / pebkac / id10t error / layer 8 issue / user issue)");
        B(0.85f, "says the customer caused it through carelessness", "your (own)? (carelessness / negligence / stupidity / incompetence / misuse / ignorance / laziness / clumsiness / recklessness / fault / abuse)");
        B(0.55f, "says the customer made the mistake", "your (own)? (mistake / error / blunder / screw-up)");
        B(0.75f, "says the customer messed it up", "you (screwed / messed / fucked / mucked / cocked / stuffed) (it / this / that / things / everything)? up");

        const string Lying = "tells the customer they are not telling the truth";
        B(0.9f, Lying, "you are ?(clearly / obviously / simply / just / blatantly / flat out) (lying / a liar / not telling the truth / not being truthful / not being honest / being dishonest / fibbing / bluffing / making (this / it / that / things / stuff) up)");
        B(0.85f, Lying, "you (have)? (lied / made (this / it / that / the whole thing) up / invented (this / it / that) / fabricated)");
        B(0.9f, Lying, "(stop / quit) (lying / making things up / making stuff up / making it up / telling lies / fibbing)");
        B(0.85f, Lying, "(that is / this is / it is) (a / an / just a / a complete / a total / an outright / a blatant / a bare-faced / a barefaced) (lie / lies / fabrication / fantasy / fairy tale / fairytale / fiction)");
        B(0.7f, Lying, "(that / this) (is / was) (simply / just / completely / totally)? (not true / untrue / false / made up / fabricated / a fabrication / nonsense) ?@comma ?(and) you know");
        B(0.6f, "denies the customer's account outright", "(that / this / it) (never / simply never / just never) happened");
        B(0.9f, "says the customer knows their account is false", "(that / this / it) (never / simply never / just never) happened ?@comma and you know it");
        B(0.85f, "says the customer knows they are wrong", "[ and you know it ]");
        B(0.8f, "says the customer knows better", "you know (full well / perfectly well / very well / damn well / fine well / fully well / exactly what you did / what you did)");
        B(0.75f, "says the customer knew all along", "you (knew / were well aware / were fully aware) (exactly / full well / perfectly well / very well / all along)");
        B(0.8f, "accuses the customer of pretending", "(stop / quit) (pretending / playing dumb / playing the victim / playing innocent / acting innocent / acting dumb / faking)");
        B(0.8f, "accuses the customer of pretending", "you are ?(just / only / clearly / obviously) (pretending / playing dumb / playing the victim / playing innocent / playing games / faking it / acting dumb)");
        B(0.7f, "accuses the customer of pretending", "(pretend / pretending / pretended) (to not / not to / that you / you) (know / understand / have / received / read / did / were / followed)");
        B(0.75f, "suggests the customer conveniently forgot", "you (conveniently / suddenly / magically / miraculously) (forgot / forgotten / lost / remembered / changed / decided / discovered / found / failed / left out / omitted)");
        B(0.5f, "suggests the customer is being selective", "(how / very / rather / quite / all very) convenient");
        B(0.75f, "says the customer's story does not hold up", "(your / this / the) (story / version of events / account / explanation / claim / excuse) (keeps / has / seems to keep) (changing / changed)");
        B(0.7f, "says the customer's story does not hold up", "(your / this) (story / claim / account / explanation / excuse / version) (does not / simply does not / just does not) (add up / make sense / hold up / hold water / stand up / check out)");
        B(0.8f, "says the agent does not believe the customer", "(we / i) (do not / simply do not / just do not / frankly do not) (believe / buy) (you / your (story / claim / account / excuse / explanation) / a word / that for a second / that for a moment)");
        B(0.8f, "says nobody believes the customer", "(nobody / no one) (believes / would believe / is going to believe / buys) (you / that / your / this)");
        B(0.8f, "mocks the customer's account", "(a / your / what a / that is a / that's a) likely story");
        B(0.65f, "mocks the customer's attempt", "^ (nice / good) try");
        B(0.75f, "mocks the customer's account", "^ (sure / yeah / yeah right) ?@comma you (did / do / have / were / would / will) @end");
        B(0.6f, "mocks the customer's account", "^ yeah ?@comma right @end");
        B(0.9f, "accuses the customer of trying to cheat", "you are ?(clearly / obviously / just / only / simply) (trying / attempting / looking / hoping) to (scam / cheat / con / trick / fool / deceive / defraud / game / abuse / exploit / take advantage of / rip off / get something for free / get a free / get free / get out of paying / dodge / swindle / pull a fast one)");
        B(0.85f, "accuses the customer of trying to cheat", "(do not / don't) (try to / even try to / you dare / you try to) (scam / cheat / con / trick / fool / deceive / lie to / blame us / pin this on us / pull a fast one)");
        B(0.7f, "calls the customer's claim fraudulent", "(this / your / the) (claim / request / complaint / return / story / refund request / chargeback / dispute / warranty claim) (is / looks / seems / appears) (like)? (a / an)? (scam / fraud / fraudulent / fake / bogus / made up / fabricated / attempted fraud / a con / a joke / dishonest / an attempt to cheat)");
        B(0.8f, "accuses the customer of fraud", "you are (committing / attempting) (fraud / a fraud / theft)");
        B(0.6f, "casts doubt on the customer's claim", "your (supposed / alleged / so-called / claimed / apparent / imaginary / invented / made-up) (damage / fault / problem / issue / defect / receipt / order / complaint / injury / purchase / proof / evidence / delivery / non-delivery)");
        B(0.4f, "doubts what the customer says", "you (claim / claimed / allege / alleged) (to have / that you / you)");
        B(0.55f, "sounds sceptical of the customer", "you supposedly");

        const string NotRead = "tells the customer they did not read or follow the instructions";
        B(0.8f, NotRead, "(obviously / clearly / evidently / apparently / plainly) ?@comma you (did not / have not / never / do not / failed to / could not be bothered to / can not have) ?(even / actually / properly / bother to) (@readv / read / bother / care / listen / pay attention)");
        B(0.8f, NotRead, "you (obviously / clearly / evidently / apparently / plainly / simply / just) (did not / have not / never / do not / failed to / could not be bothered to) ?(even / actually / properly / bother to) (@readv / read / bother / care / listen / pay attention)");
        B(0.5f, NotRead, "you (did not / have not / never) ?(even / actually / properly) (read / follow / followed / check / checked / look at / looked at / bother to read) (the / our / my / any / your) ?(@intens) @doc");
        B(0.75f, "says the customer did not bother", "you (did not / never / could not) (even)? (bother / be bothered / bothered) (to)?");
        B(0.8f, "says the customer would know if they had read the instructions", "(if you had / if you'd / had you) ?(actually / just / only / even / bothered to / taken the time to / troubled to / cared to / properly) (read / followed / checked / looked at / paid attention / listened / bothered)", RuleOptions.KeepConditional);
        B(0.7f, "says the customer would know if they had read the instructions", "if you (actually / even / just / only / bothered to / took the time to / cared to / would bother to / would actually / would just / would take the time to) (read / follow / followed / check / checked / look at / looked at / pay attention / paid attention / listen / listened)", RuleOptions.KeepConditional);
        B(0.6f, "says the customer ignored advice", "you (ignored / disregarded / did not listen to / paid no attention to / chose to ignore / refused to follow / refused to listen to) (our / my / the / all) ?(clear / simple / repeated) (instructions / advice / warnings / warning / emails / e-mails / messages / guidance / requests / recommendations / directions)");
        B(0.45f, "says the customer failed to do what was needed", "you (failed / neglected / refused / chose not) to");
        B(0.6f, "tells the customer what they should have done", "(you should have / you should not have / you ought to have / you could have / you would have) ?(just / simply / actually / clearly / obviously) (read / checked / known / followed / looked / thought / been more careful / paid attention / asked / listened / realised / realized / noticed / used common sense / dropped / broken / opened / ignored)");
        B(0.6f, "says this is what happens when the customer does not listen", "(that is / this is) what happens when (you / people / customers)");
        B(0.7f, "tells the customer to stop blaming others", "(stop / quit) (blaming / accusing / pointing fingers at) (us / me / others / everyone / our staff / the company / other people)");
        B(0.55f, "says the customer should have known better", "you (should / ought to) have known (better / that)");
        B(0.75f, "expects the customer to admit fault", "^ ?(just / simply / please / so) (admit / own up to / confess to / confess) (it / the truth / that you / your (mistake / fault / error))");
        B(0.8f, "asks if the customer expects to be believed", "(you expect / do you expect / you really expect / do you really expect / did you really expect / did you expect) (us / me / anyone) to believe");

        const string Accuses = "accuses the customer of causing the problem";
        B(0.65f, Accuses, "[ you ?(have) ?(clearly / obviously / evidently / probably / just / simply / deliberately / intentionally / purposely / knowingly / carelessly / somehow / accidentally) (overloaded / ruined / broke / damaged / tampered / smashed / cracked / bent / misused / abused / mishandled / spilled / spilt / soaked / fried / jailbroke / jailbroken / disassembled / dismantled / dropped / sat on / stepped on / threw / kicked / forced / wrecked / overfilled / overcharged / shorted / flooded / burned / burnt / scratched / dented) ] !off|in|into|at|to|through|over|back|up|by");
        B(0.6f, Accuses, "[ you ?(have) ?(clearly / obviously / evidently / probably / just / simply) (deleted / ignored / typed / entered / gave / plugged / installed / changed / disabled / removed / chose / shared / let / left / used / selected / booked / ordered / missed / forgot / skipped / put / reset / unplugged / turned off / switched off) ] *5 (wrong / yourself / not us / not we / on purpose / deliberately / against (every / our / the) warning / without (reading / checking / asking / knowing / thinking) / then blamed / which is why / and now you)");
        B(0.7f, "accuses the customer of causing the problem", "because you (never / did not / ignored / failed / forgot / used / tampered / dropped / overloaded / chose / refused / left / let / plugged / installed / changed / deleted / typed / gave / shared / sat / put / spilled / broke / damaged / misused / ignored / disabled / removed / skipped / neglected / opened / jailbroke / modified / overfilled)");
        B(0.45f, "accuses the customer of causing the problem", "(you are / you were) the one (who / that)");
        B(0.7f, "accuses the customer of blaming others for their own doing", "and (then)? (blamed / blame / act / acted / pretend / pretended / expect / expected / want / wanted) (us / surprised / shocked / innocent / it / that / a refund / us to)");
        B(0.7f, "accuses the customer of causing the problem", "and now you (want / expect / demand / are demanding / are asking / ask)");
        B(0.75f, "accuses the customer of shifting the blame", "(stop / quit) (trying to)? (shift / shifting / pass / passing / push / pushing / deflect / deflecting) (the)? (blame / responsibility)");
        B(0.6f, "reminds the customer they were warned", "you (were / have been / had been) (warned / told / informed / reminded / advised) *3 (twice / several times / repeatedly / more than once / again and again / clearly / explicitly / (two / three / four / five / six / ten / many / multiple / numerous / countless / a dozen / a hundred) times)");
        B(0.75f, "blames the customer's own behaviour", "your (own)? (reckless / careless / irresponsible / negligent / foolish / clumsy / sloppy / lazy / stupid / poor / bad) (spending / driving / behaviour / behavior / handling / use / decision / decisions / choices / choice / planning / maintenance / installation / setup)");
        B(0.7f, "tells the customer the damage was theirs", "(that / the / this) (drop / damage / mistake / error / crack / spill / dent / scratch) (was / is) (yours / all yours / your doing / your fault / on you)");
        B(0.8f, "says the customer knows the truth", "and you know (that / it / this) @end");
        B(0.8f, "says the problem is the customer", "(the problem / the issue / the fault / the weak link) (is / was / lies with / lies) you");
        B(0.7f, "accuses the customer of causing the damage", "(damage / mess / problem / fault / issue / harm / breakage) (that)? you (caused / created / made / did)");
        B(0.7f, "says the customer's choice caused the problem", "(is / was) (your (own)? doing / down to you / the result of your)");

        B(0.8f, Lying, "(do not / don't / stop / quit) (play / playing / act / acting) (innocent / dumb / stupid / the victim / games / the fool / ignorant / naive)");
        B(0.8f, Lying, "drop the (act / pretence / pretense / charade / innocent act)");
        B(0.8f, Lying, "(stop / quit) (fabricating / inventing / making up / claiming / pretending / faking / exaggerating / lying about / doctoring / photoshopping / telling stories)");
        B(0.8f, Lying, "you are ?(clearly / obviously / just) (exaggerating / making up / inventing / fabricating / faking / embellishing / stretching the truth / doctoring / lying about)");
        B(0.75f, Lying, "(your @thing / your (claim / story / receipt / photo / photos / screenshot / screenshots / evidence / account / version / invoice / documents / proof) / this (claim / story / receipt / photo / screenshot / screenshots / evidence / invoice / document)) *4 (is / are / was / were / has been / have been) (clearly / obviously / quite clearly / evidently / frankly / plainly)? (made up / invented / fabricated / fake / doctored / edited / photoshopped / forged / falsified / staged / a fabrication / a lie / fiction)");
        B(0.75f, Lying, "we both know");
        B(0.75f, Lying, "(let us / let's / so let's) (stop / drop / end) (this / the) (game / games / charade / pretence / pretense / act / nonsense)");
        B(0.75f, Lying, "(we are not / we're not / i am not / i'm not) (going to)? (fall / falling) for");
        B(0.55f, Lying, "^ ?(just / please / so / now / come on) be honest @end");
        B(0.7f, Lying, "(stop / quit) (saying / claiming / insisting / pretending / telling us) (that)? you (did / were / have / never / didn't / did not / are / had)");
        B(0.8f, "asks if the customer thought no one would check", "(did / do) you (seriously / really / honestly / actually)? (think / expect / believe) (we / i / nobody / no one) (would not / wouldn't / can not / can't / could not / couldn't / would never / will not / won't / would) (check / notice / see / tell / find out / spot / realise / realize / look)");
        B(0.8f, "asks if the customer thought no one would check", "did it (ever)? (occur to you / cross your mind)");
        B(0.8f, "asks whose fault it is", "whose fault (do you think / is it / was it / is that)");
        B(0.8f, "asks what the customer expected", "what did you (think / expect) (would / was going to) happen");
        B(0.7f, "says only the customer could have done it", "who else (but / except / other than) you");
        B(0.75f, "asks why the customer keeps making claims", "why (do / would) you (keep / continue to / insist on) (claiming / saying / insisting / pretending / lying / telling)");
        B(0.7f, "asks why the company should pay for the customer's damage", "why (should / would) (we / i) (pay / cover / refund / replace) *4 (you caused / you did / you broke / you damaged / your fault / your mistake / yourself)");
        B(0.55f, "sneers at the customer's account", "^ (funny / amazing / incredible / remarkable / strange / odd / curious / interesting / convenient / fascinating) how");
        B(0.55f, "sneers at the customer's account", "^ (it is / it's) (funny / amazing / incredible / remarkable / strange / odd / curious / interesting / convenient) how");
        B(0.7f, "sneers at the customer's account", "(i am / i'm) sure (it / the @third / your @third / the) *6 (itself / on its own / by itself / all by itself / coincidence / a coincidence / accident)");
        B(0.7f, "sneers at the customer's account", "(by itself / on its own / all by itself) @qmark");
        B(0.65f, "sneers at the customer's account", "(what a / such a / quite a / some) (mystery / coincidence / surprise)");
        B(0.65f, "mocks the customer's account", "let me guess");
        B(0.65f, "mocks the customer's account", "the (classic / famous / usual / good old / old) *4 (excuse / defence / defense / trick / routine)");
        B(0.6f, "says the customer is the only one with the problem", "(you are / you're) the only (customer / person / one) (out of / among / who)");
        B(0.6f, "says other customers manage fine", "(most / other / all our other / our other) (customers / people / users) (manage / seem to manage / do not / don't / have no / never) *4 (without / this problem / this issue / trouble / problems / breaking)");
        B(0.6f, "doubts the customer's word", "(i / we) (do not / don't / won't / will not) take your word for it");
        B(0.6f, "says the records contradict the customer", "(our records / the evidence / the logs / the photos / the photo) (tell / tells / show / shows / say / says) (a)? (very)? (different story / otherwise)");
        B(0.75f, "calls the problem user error", "between the (chair / seat / desk) and the (keyboard / screen / computer)");
    }
}
