namespace ReplyCoach.Core.Analysis.Detectors;

internal sealed partial class RuleSet
{
    private const string Messages =
        "message / messages / email / emails / e-mail / letter / complaint / review / post / comment / note / ticket / reply / response / chat / call / tweet / feedback / survey";

    /// <summary>
    /// Cues that change how harsh words read: restating the customer, apologising, retracting, empathising,
    /// hedging, owning a mistake. They set <see cref="ContextFlags"/> and mark the tokens they govern.
    /// </summary>
    private void AddContextRules()
    {
        const ContextFlags Reported = ContextFlags.ReportedSpeech;

        // Restating what the customer (or someone else) said or feels: what follows is theirs, not the agent's.
        Context(Reported, Scope.Reported, ScopeKind.After,
            "@you ?(have / had / just / also / previously / already / originally / clearly / obviously / apparently / may / might / seem to / seemed to / must / probably / rightly / understandably / now / then / even) (@comm / @mental)");
        Context(Reported, Scope.Reported, ScopeKind.After,
            "@you (are / were) (saying / suggesting / claiming / implying / accusing / calling / describing / telling / asking / feeling / thinking / complaining / writing)");
        Context(Reported, Scope.Reported, ScopeKind.After,
            "(the customer / the client / he / she / they / someone / somebody / people / others / customers / your (colleague / manager / partner / husband / wife / friend)) ?(have / has / had / also) (said / wrote / claimed / called / described / mentioned / told / complained / stated / alleged / reported / accused / felt / thought / suggested / insisted)");
        Context(Reported, Scope.Reported, ScopeKind.After, "according to (you ?@comma / your)");
        Context(Reported, Scope.Reported, ScopeKind.After,
            "^ as you (put it / said / say / called it / call it / described it / wrote / mentioned / stated / claimed / suggested / told us / told me / have said / have put it) ?@comma");
        Context(Reported, Scope.Reported, ScopeKind.After,
            $"your ?(last / previous / latest / earlier / recent / original / first) ({Messages}) (said / says / states / stated / mentions / mentioned / describes / described / calls / called / claims / claimed / suggests / suggested / reads / read / accuses / accused / alleges / alleged)");
        Context(Reported, Scope.Reported, ScopeKind.After,
            $"in your ?(last / previous / latest / earlier / recent / original / first) ({Messages} / words) ?@comma @you");
        Context(Reported, Scope.Reported, ScopeKind.Before,
            "as you (put it / said / say / called it / call it / describe it / described it / wrote / mentioned / stated / claimed / suggested / told us / told me / have said / have put it)");
        Context(Reported, Scope.Reported, ScopeKind.Before, "(in / to use / using / with) your (own)? words");
        Context(Reported, Scope.Reported, ScopeKind.Before, "your (words / term / phrase / description / wording) ?@comma not (mine / ours)");
        Context(Reported, Scope.Reported, ScopeKind.After, "(i / we) (hear / understand / gather / see / note / noted / notice / noticed / read) (that)? (you / your)");
        Context(Reported, Scope.Reported, ScopeKind.After, $"(i / we) (have)? (received / read / reviewed / seen) your ({Messages})");
        Context(Reported, Scope.Reported, ScopeKind.After,
            "^ (regarding / re / about / concerning / as for / as to / with regard to / in response to / responding to) your (comment / comments / remark / remarks / claim / accusation / statement / description / suggestion / point / message / email / e-mail / review / question / feedback / words / concern / concerns)");
        Context(Reported, Scope.Reported, ScopeKind.After, "(you / your) (called / call / calling / labelled / labeled / described) (us / me / our @third / my @third / it / this / the @third / our service / our staff / our team / our product / our company)");

        // Empathy.
        const ContextFlags Empathy = ContextFlags.Empathy;
        Context(Empathy, Scope.Empathy, ScopeKind.After,
            "(i / we) ?(do / can / fully / completely / totally / certainly / definitely / really / truly / absolutely / of course / entirely / genuinely) ?(can) (understand / appreciate / sympathise / sympathize / empathise / empathize / recognise / recognize / realise / realize / acknowledge / respect)");
        Context(Empathy, Scope.Empathy, ScopeKind.After, "(i / we) ?(can / could / fully / completely) (see / imagine / understand) (how / why / that / what / your / you)");
        Context(Empathy, Scope.Empathy, ScopeKind.After, "(i / we) can only imagine");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "(i / we) (hear / get) (you / that / it / your / where you)");
        Context(Empathy, Scope.Empathy, ScopeKind.After,
            "(i / we) know (how / this is / this has been / it is / it has been / that this / that it / what it is like / this must / it must / that must)");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "(that / this / it) (must / must have / would / can / could / will) (be / been / feel / have felt) @intens* @emotion");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "(how / so / very / really / incredibly / extremely / truly) @emotion (this / that / it) (must be / is / has been / was / can be)");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "^ (understandably / naturally / of course)");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "(is / are / was / seems / sounds / feels) (completely / totally / entirely / perfectly / very)? (understandable / valid / justified / reasonable / fair)");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "your (frustration / disappointment / concern / concerns / annoyance / anger / feelings / experience / upset / distress / worry / worries / situation / point)");
        Context(Empathy, Scope.Empathy, ScopeKind.After, "(i am / we are / i was / we were) ?@intens* sorry to (hear / read / learn / see / know)");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "(i / we) (feel / share) your (pain / frustration / disappointment)");
        Context(Empathy, Scope.Empathy, ScopeKind.After, "you have every (right / reason) to (be / feel)");
        Context(Empathy, Scope.Empathy, ScopeKind.After, "(i / we) (would / would have) (feel / felt / be / been) the same");
        Context(Empathy, Scope.Empathy, ScopeKind.Match, "(thank you / thanks) for (your patience / bearing with / your understanding / letting us know / raising / bringing / flagging / sharing / telling us)");

        // Apologies: "I'm sorry my last reply was rude" names a harsh word to take it back.
        const ContextFlags Apology = ContextFlags.Apology;
        Context(Apology, Scope.Apology, ScopeKind.After, "(i / we) ?@intens* (am / are / was / were / feel / felt) @intens|truly|deeply|sincerely|genuinely|terribly|awfully* sorry");
        Context(Apology, Scope.Apology, ScopeKind.After, "^ @intens|truly|deeply|sincerely|terribly|awfully* sorry");
        Context(Apology, Scope.Apology, ScopeKind.After, "sorry (for / about / that / if / my / our / to)");
        Context(Apology, Scope.Apology, ScopeKind.After,
            "(apologise / apologize / apologised / apologized / apologises / apologizes / apologies / apology / apologising / apologizing)");
        Context(Apology, Scope.Apology | Scope.Retraction, ScopeKind.After, "(i / we) ?(sincerely / truly / deeply / really / very much / greatly) (regret / regretted)");
        Context(Apology, Scope.Apology, ScopeKind.After, "please (forgive / excuse / pardon) (me / us / my / our)");
        Context(Apology, Scope.Apology, ScopeKind.Match, "(pardon / excuse / forgive) my (french / language / tone / bluntness / rudeness)");

        // Retractions: taking back an earlier remark.
        const ContextFlags Retraction = ContextFlags.Retraction;
        Context(Retraction, Scope.Retraction, ScopeKind.After, "(i / we) (should not / should never / ought not to / ought not / must not) have");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(i / we) (take / took / am taking) (that / it / this / those words / my words / those comments / that comment / my comment / my comments / that remark / my remark) back");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(i / we) (retract / withdraw / withdrew / retracted) (that / my / those / the / this / it / what)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(i / we) (take / took / am taking / want to take / would like to take) back (what / my / those / the / everything / that / this)");
        Context(Retraction, Scope.Retraction, ScopeKind.After, "(i / we) (did not / never / do not) mean (to / it / that / what / any)");
        Context(Retraction | ContextFlags.SelfDirected, Scope.Retraction, ScopeKind.Sentence,
            "(that / it / my ?(last / previous / earlier / first / initial) (comment / remark / reply / response / email / e-mail / message / tone / words / language / note / answer)) (was / were) @intens* (uncalled for / out of line / inappropriate / unprofessional / unfair / wrong / rude / harsh / condescending / unkind / not okay / not ok / not acceptable / unacceptable / disrespectful / snarky / sarcastic / curt / blunt / dismissive / patronising / patronizing / hurtful / mean / insensitive / a mistake / too harsh / too blunt / not fair / not appropriate / not professional / not called for)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(was / were) (uncalled for / out of line / inappropriate / unprofessional / unfair / not fair / disrespectful / not called for)");
        Context(Retraction, Scope.Retraction, ScopeKind.After, "(it / that) was (wrong / unfair / unprofessional / inappropriate / out of line / uncalled for / rude / unkind / not fair / not right) (of me / of us)? to");
        Context(Retraction | ContextFlags.SelfDirected, Scope.Retraction, ScopeKind.After, "(i / we) (was / were) @intens* (wrong / out of line / rude / harsh / unfair / unprofessional / mistaken / curt / short / abrupt / dismissive / condescending) (to / when / in)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(let me / allow me to / i would like to / i want to / please let me) (rephrase / correct myself / clarify what i meant / take that back / start again / try that again)");
        Context(Retraction, Scope.Retraction, ScopeKind.After, "(i / we) (regret / regretted) (calling / saying / writing / using / being / my / the / that / suggesting / implying / accusing)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(it / that / this) (is / was) not (what / how) (i / we) (meant / intended / wanted)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(i / we / it / that / my reply / my email / my message) (went / came / come / may have come / might have come / may have sounded / might have sounded / sounded) (too far / across as / off as)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "no one (is / was) (saying / suggesting / accusing / calling / implying)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(i / we) (am / are / was / were) not (saying / suggesting / accusing / calling / implying / trying to say)");

        // "Not ... just because": the cause is denied, not asserted.
        Context(ContextFlags.Negated, Scope.Negation, ScopeKind.Sentence,
            "(is not / are not / was not / were not / does not / do not / did not / will not / would not / has not / have not / is never / are never / it is not / it's not / that is not) *6 (just / simply / only / merely / solely) (because / since / as)");
        Context(Retraction, Scope.Retraction, ScopeKind.Sentence, "(should not / should never / ought not to / ought never to) have been (made / said / written / sent / put / used / phrased)");

        // Owning a mistake.
        const ContextFlags Self = ContextFlags.SelfDirected;
        Context(Self, Scope.None, ScopeKind.Match, "(this / that / it) (is / was) ?(entirely / completely / totally / all / clearly / definitely / absolutely / fully / wholly) (our / my) (fault / mistake / error / bad / oversight / doing / responsibility / blunder / failure)");
        Context(Self, Scope.None, ScopeKind.Match, "(our / my) ?(own / big / huge / bad / genuine / honest) (fault / mistake / mistakes / error / errors / bad / oversight / blunder / failure / negligence / carelessness / mix-up / slip)");
        Context(Self, Scope.None, ScopeKind.Match, "(we / i) ?(have / had / clearly / obviously / definitely) (made / make) (a / an / the / this / that / some / several / two / a few)? @intens* (mistake / mistakes / error / errors / blunder / mess / mix-up / oversight / slip)");
        Context(Self, Scope.None, ScopeKind.Match, "(we / i) ?(have / had / really / clearly) (messed / screwed / slipped / mucked / cocked / fouled) up");
        Context(Self, Scope.None, ScopeKind.Match, "(we / i) ?(have / really) dropped the ball");
        Context(Self, Scope.None, ScopeKind.Match, "(we / i) (was / were / am / are / have been) ?(clearly / completely / entirely) (wrong / at fault / to blame / responsible / mistaken / in the wrong)");
        Context(Self, Scope.None, ScopeKind.Match, "(we / i) (take / accept / own / bear) ?(full / complete / total) (responsibility / the blame / ownership / the responsibility)");
        Context(Self, Scope.None, ScopeKind.Match, "(the / this / that) (mistake / error / fault / problem) (is / was / lies) (on / with) (us / me / our side / our end / our part / our team)");
        Context(Self, Scope.None, ScopeKind.Match, "(we / i) (let you down / failed you / got this wrong / got it wrong / got that wrong)");
        Context(Self, Scope.None, ScopeKind.Match, "(our / my) (system / team / staff / colleague / courier / process / website / app / agent / tool / software) (was / is / were / made / got) ?(clearly / completely) (wrong / at fault / to blame / the problem / a mistake / an error)");

        // Hedges and conditionals beyond the single words the lexicon marks.
        const ContextFlags Hedged = ContextFlags.Hedged;
        Context(Hedged, Scope.Conditional, ScopeKind.After, "in case");
        Context(Hedged, Scope.Conditional, ScopeKind.After, "in the event (that / of)");
        Context(Hedged, Scope.Conditional, ScopeKind.After, "(provided / providing) (that)");
        Context(Hedged, Scope.Conditional, ScopeKind.After, "as long as");
        Context(Hedged, Scope.Conditional, ScopeKind.After, "^ (should / had) you");
        Context(Hedged, Scope.Conditional, ScopeKind.After, "^ (where / when / once / whenever) (a / an / the) (customer / device / product / item / seal / order / account)");
        Context(Hedged, Scope.Hedge, ScopeKind.After, "it (seems / appears / looks / sounds) ?(like / as though / as if / that)");
        Context(Hedged, Scope.Hedge, ScopeKind.After, "(i / we) (think / believe / suspect / guess / assume / imagine / wonder / feel / suppose)");
        Context(Hedged, Scope.Hedge, ScopeKind.After, "(it is / it could be / it may be / it might be) (possible / likely / unlikely / conceivable) (that)?");
        Context(Hedged, Scope.Hedge, ScopeKind.After, "there (may / might / could) (be / have been)");

        // Acting for the customer: "we will contact the police on your behalf", "report it to your bank if you wish".
        Context(ContextFlags.None, Scope.OnBehalf, ScopeKind.Sentence,
            "(on your behalf / for you / to help you / to assist you / to protect you / to protect your account / if you (wish / would like / want / prefer / like / agree) / with your (permission / consent / agreement) / at your request / as you requested / as requested)");

        // Talking about stereotypes or bias is not stereotyping.
        Context(ContextFlags.None, Scope.Meta, ScopeKind.Sentence,
            "(stereotype / stereotypes / stereotyping / stereotypical / generalisation / generalization / generalisations / generalizations / generalise / generalize / generalising / generalizing / prejudice / prejudiced / racism / sexism / discrimination / discriminate / discriminating / discriminatory / bigotry / xenophobic / xenophobia / ageist / ageism / racist / sexist / bias / biased / misconception / misconceptions / myth / myths / cliché / cliche / equality / diversity / inclusion / inclusive)");
        Context(ContextFlags.None, Scope.Meta, ScopeKind.After, "(not / no) (all / every / most)");
        Context(ContextFlags.None, Scope.Meta, ScopeKind.After, "(unfair / wrong / false / untrue / inaccurate / offensive / lazy) to (say / assume / suggest / think / claim / imply)");
    }
}
