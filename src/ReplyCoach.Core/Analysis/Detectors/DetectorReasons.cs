namespace ReplyCoach.Core.Analysis.Detectors;

/// <summary>Reason texts used by the lexicon detectors, registered in the same table as the rule reasons.</summary>
internal sealed class DetectorReasons(RuleSet rules)
{
    public readonly int ReaderName = rules.ReasonId("calls the reader an insulting name");
    public readonly int ReaderInsult = rules.ReasonId("insults the reader");
    public readonly int ReaderThing = rules.ReasonId("belittles what the customer wrote or asked");
    public readonly int ThirdInsult = rules.ReasonId("uses an insulting word about someone");
    public readonly int Unattached = rules.ReasonId("uses an insulting word");
    public readonly int Exclaim = rules.ReasonId("exclaims in contempt");
    public readonly int Vocative = rules.ReasonId("addresses the reader in a patronising way");
    public readonly int Swear = rules.ReasonId("uses a swear word");
    public readonly int DisguisedSwear = rules.ReasonId("uses a disguised swear word");
    public readonly int MildSwear = rules.ReasonId("uses crude language");
    public readonly int ShoutCaps = rules.ReasonId("writes in capitals, which reads as shouting at the reader");
    public readonly int ShoutMarks = rules.ReasonId("piles up exclamation marks, which reads as shouting at the reader");
    public readonly int Deictic = rules.ReasonId("lumps the reader in with a group of people");
    public readonly int DeicticGroup = rules.ReasonId("makes a sweeping remark about a group the reader belongs to");
    public readonly int[] Generalises = Dimensions(rules, "generalises about people by ");
    public readonly int[] Typical = Dimensions(rules, "stereotypes people by ");
    public readonly int[] Slur = Dimensions(rules, "uses a slur about ");

    private static int[] Dimensions(RuleSet rules, string prefix)
    {
        var ids = new int[Enum.GetValues<GroupDimension>().Length];
        foreach (var d in Enum.GetValues<GroupDimension>())
        {
            ids[(int)d] = rules.ReasonId(prefix + DimensionName(d));
        }

        return ids;
    }

    private static string DimensionName(GroupDimension d) => d switch
    {
        GroupDimension.Nationality => "nationality",
        GroupDimension.Ethnicity => "race or ethnicity",
        GroupDimension.Religion => "religion",
        GroupDimension.Gender => "gender",
        GroupDimension.Age => "age",
        GroupDimension.Disability => "disability",
        GroupDimension.Orientation => "sexual orientation",
        GroupDimension.Migration => "immigration status",
        _ => "the group they belong to",
    };
}
