using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Time.Testing;
using ReplyCoach.Core.Analysis;
using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.CoolingOff;

namespace ReplyCoach.Core.Tests.Coaching;

public sealed class CoolingOffPolicyTests
{
    private static readonly WorkingHours NineToFive = WorkingHours.Parse("09:00-17:00", "Mon-Fri");

    private static IReadOnlyDictionary<ToneCategory, double> Scores(params (ToneCategory Category, double Score)[] present)
    {
        var scores = ToneCategories.All.ToDictionary(c => c, _ => 0.0);
        foreach (var (category, score) in present)
        {
            scores[category] = score;
        }

        return scores;
    }

    private static (CoolingOffPolicy Policy, FakeTimeProvider Time) Policy(DateTimeOffset now, CoolingOffOptions? options = null)
    {
        var time = new FakeTimeProvider(now);
        return (new CoolingOffPolicy(options ?? new CoolingOffOptions(), time), time);
    }

    private static readonly DateTimeOffset TuesdayNoonUtc = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Advise_OkDraft_ZeroDelaySendNow()
    {
        var (policy, _) = Policy(TuesdayNoonUtc);

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Ok, Scores(), IncomingUpset: true, IncomingReceivedAt: TuesdayNoonUtc, RecentFlaggedDrafts: 9));

        Assert.That(advice.Minutes, Is.Zero);
        Assert.That(advice.SendAt, Is.EqualTo(TuesdayNoonUtc));
        Assert.That(advice.Reasons.Single(), Does.Contain("civil"));
    }

    [Test]
    public void Advise_CautionWithoutRecipientInfo_BaseDelayAndSaysHoursUnchecked()
    {
        var (policy, _) = Policy(TuesdayNoonUtc);

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores((ToneCategory.Blame, 0.6))));

        Assert.That(advice.Minutes, Is.EqualTo(5));
        Assert.That(advice.SendAt, Is.EqualTo(TuesdayNoonUtc.AddMinutes(5)));
        Assert.That(advice.Reasons, Has.Some.Contains("time zone is not known"));
    }

    [Test]
    public void Advise_HoldWithThreatAndGeneralisation_WeighsThemMore()
    {
        var (policy, _) = Policy(TuesdayNoonUtc);

        var threat = policy.Advise(new CoolingOffRequest(RiskLevel.Hold, Scores((ToneCategory.Threat, 0.9), (ToneCategory.Generalization, 0.8))));
        var blame = policy.Advise(new CoolingOffRequest(RiskLevel.Hold, Scores((ToneCategory.Blame, 0.9), (ToneCategory.Hostility, 0.8))));

        Assert.That(threat.Minutes, Is.EqualTo(15 + 10 + 10));
        Assert.That(blame.Minutes, Is.EqualTo(15 + 2));
        Assert.That(threat.Reasons, Has.Some.Contains("threat").And.Some.Contains("generalises"));
    }

    [TestCase(3, 10)]
    [TestCase(40, 5)]
    public void Advise_FastAnswerToUpsetMessage_AddsMinutes(int minutesSinceArrival, int expected)
    {
        var (policy, _) = Policy(TuesdayNoonUtc);

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), IncomingUpset: true, IncomingReceivedAt: TuesdayNoonUtc.AddMinutes(-minutesSinceArrival)));

        Assert.That(advice.Minutes, Is.EqualTo(expected));
    }

    [TestCase(0, 5)]
    [TestCase(1, 5)]
    [TestCase(4, 14)]
    [TestCase(50, 20)]
    public void Advise_RecentlyFlaggedDrafts_AddMinutesUpToACap(int recent, int expected)
    {
        var (policy, _) = Policy(TuesdayNoonUtc);

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), RecentFlaggedDrafts: recent));

        Assert.That(advice.Minutes, Is.EqualTo(expected));
    }

    [Test]
    public void Advise_EverythingAtOnce_IsCappedAtMaxMinutes()
    {
        var (policy, _) = Policy(TuesdayNoonUtc, new CoolingOffOptions { MaxMinutes = 30 });

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Hold, Scores((ToneCategory.Threat, 1), (ToneCategory.Generalization, 1)), true, TuesdayNoonUtc, 20));

        Assert.That(advice.Minutes, Is.EqualTo(30));
        Assert.That(advice.Reasons, Has.Some.Contains("Capped"));
    }

    [Test]
    public void Advise_BerlinFridayEvening_MovesToMondayMorningTheirTime()
    {
        // Friday 7 Feb 2025, 17:58 in Berlin (UTC+1): five minutes later is after hours.
        var (policy, _) = Policy(new DateTimeOffset(2025, 2, 7, 16, 58, 0, TimeSpan.Zero));

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("Europe/Berlin", NineToFive)));

        Assert.That(advice.Minutes, Is.EqualTo(5));
        Assert.That(advice.SendAt, Is.EqualTo(new DateTimeOffset(2025, 2, 10, 8, 0, 0, TimeSpan.Zero)));
        Assert.That(advice.Reasons, Has.Some.Contains("Europe/Berlin").And.Some.Contains("Mon 10 Feb 09:00"));
    }

    [Test]
    public void Advise_NewYorkLateNight_MovesToNextMorning()
    {
        // Tuesday 10 June 2025, 23:30 in New York (UTC-4).
        var (policy, _) = Policy(new DateTimeOffset(2025, 6, 11, 3, 30, 0, TimeSpan.Zero));

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Hold, Scores(), Recipient: new RecipientSchedule("America/New_York", NineToFive)));

        Assert.That(advice.SendAt, Is.EqualTo(new DateTimeOffset(2025, 6, 11, 13, 0, 0, TimeSpan.Zero)));
        Assert.That(advice.Reasons, Has.Some.Contains("outside their working hours"));
    }

    [Test]
    public void Advise_SydneyWeekend_MovesToMondayAndSaysItIsTheirDayOff()
    {
        // Saturday 8 Feb 2025, 10:00 in Sydney (UTC+11, daylight saving).
        var (policy, _) = Policy(new DateTimeOffset(2025, 2, 7, 23, 0, 0, TimeSpan.Zero));

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("Australia/Sydney", NineToFive)));

        Assert.That(advice.SendAt, Is.EqualTo(new DateTimeOffset(2025, 2, 9, 22, 0, 0, TimeSpan.Zero)));
        Assert.That(advice.Reasons, Has.Some.Contains("day off"));
    }

    [Test]
    public void Advise_WithinWorkingHours_SendsAfterTheDelayOnly()
    {
        // Tuesday 10 June 2025, 14:00 in Berlin (UTC+2).
        var (policy, _) = Policy(TuesdayNoonUtc);

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("Europe/Berlin", NineToFive)));

        Assert.That(advice.SendAt, Is.EqualTo(TuesdayNoonUtc.AddMinutes(5)));
        Assert.That(advice.Reasons, Has.None.Contains("scheduled"));
    }

    [Test]
    public void Advise_AcrossSpringForwardInBerlin_UsesTheNewOffset()
    {
        // Friday 28 March 2025, 20:00 in Berlin (UTC+1); clocks go forward on Sunday 30 March.
        var (policy, _) = Policy(new DateTimeOffset(2025, 3, 28, 19, 0, 0, TimeSpan.Zero));

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("Europe/Berlin", NineToFive)));

        // Monday 31 March 09:00 CEST is 07:00 UTC, not 08:00.
        Assert.That(advice.SendAt, Is.EqualTo(new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Advise_AcrossFallBackInNewYork_UsesTheNewOffset()
    {
        // Friday 31 October 2025, 21:00 in New York (UTC-4); clocks go back on Sunday 2 November.
        var (policy, _) = Policy(new DateTimeOffset(2025, 11, 1, 1, 0, 0, TimeSpan.Zero));

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("America/New_York", NineToFive)));

        // Monday 3 November 09:00 EST is 14:00 UTC.
        Assert.That(advice.SendAt, Is.EqualTo(new DateTimeOffset(2025, 11, 3, 14, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Advise_WorkdayStartsInsideTheDaylightSavingGap_MovesPastTheGap()
    {
        // A Sunday shift from 02:30 in Berlin; on 30 March 2025 02:00–03:00 does not exist. Now: Sunday 01:00 CET.
        var hours = WorkingHours.Parse("02:30-10:00", "Sun");
        var (policy, _) = Policy(new DateTimeOffset(2025, 3, 30, 0, 0, 0, TimeSpan.Zero));

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("Europe/Berlin", hours)));

        Assert.That(advice.SendAt, Is.EqualTo(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero)), "03:00 CEST");
    }

    [Test]
    public void Advise_TimeZoneKnownButNoWorkingHours_AssumesOfficeHoursAndSaysSo()
    {
        // Sunday 8 June 2025, 12:00 in Berlin.
        var (policy, _) = Policy(new DateTimeOffset(2025, 6, 8, 10, 0, 0, TimeSpan.Zero));

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("Europe/Berlin")));

        Assert.That(advice.SendAt, Is.EqualTo(new DateTimeOffset(2025, 6, 9, 7, 0, 0, TimeSpan.Zero)));
        Assert.That(advice.Reasons, Has.Some.Contains("not known; assumed Mon–Fri 09:00–18:00"));
    }

    [Test]
    public void Advise_UnknownTimeZone_LeavesTheTimeAndSaysSo()
    {
        var (policy, _) = Policy(TuesdayNoonUtc);

        var advice = policy.Advise(new CoolingOffRequest(RiskLevel.Caution, Scores(), Recipient: new RecipientSchedule("Mars/Olympus_Mons", NineToFive)));

        Assert.That(advice.SendAt, Is.EqualTo(TuesdayNoonUtc.AddMinutes(5)));
        Assert.That(advice.Reasons, Has.Some.Contains("'Mars/Olympus_Mons' is not known"));
    }

    [Test]
    public void FindSystemTimeZoneById_IanaIdsWithInvariantGlobalization_Resolve()
    {
        foreach (var id in new[] { "Europe/Berlin", "America/New_York", "Australia/Sydney" })
        {
            Assert.That(TimeZoneInfo.FindSystemTimeZoneById(id).Id, Is.EqualTo(id));
        }
    }

    [Test]
    public void Options_Inconsistent_FailValidation()
    {
        Assert.That(() => CoachingOptions.EnsureValid(new CoolingOffOptions { CautionMinutes = 20, HoldMinutes = 10 }), Throws.InstanceOf<ValidationException>().With.Message.Contains("HoldMinutes"));
        Assert.That(() => CoachingOptions.EnsureValid(new CoolingOffOptions { MaxMinutes = 0 }), Throws.InstanceOf<ValidationException>().With.Message.Contains("MaxMinutes"));
        Assert.That(() => CoachingOptions.EnsureValid(new CoolingOffOptions { DefaultWorkdayStart = TimeSpan.FromHours(18), DefaultWorkdayEnd = TimeSpan.FromHours(9) }), Throws.InstanceOf<ValidationException>());
        Assert.That(CoachingOptions.EnsureValid(new CoolingOffOptions()), Is.Not.Null);
    }

    [Test]
    public void Options_LanguageModelEnabledWithoutEndpoint_FailValidation()
    {
        var options = new CoachingOptions { LanguageModel = { Enabled = true } };

        Assert.That(() => CoachingOptions.EnsureValid(options), Throws.InstanceOf<ValidationException>().With.Message.Contains("Endpoint"));
    }

    [TestCase("08:30-16:30", "Mon-Fri", "Monday,Tuesday,Wednesday,Thursday,Friday")]
    [TestCase("10:00-14:00", "Sat,Sun", "Saturday,Sunday")]
    [TestCase("10:00-14:00", "Fri-Mon", "Friday,Saturday,Sunday,Monday")]
    public void WorkingHours_Parse_ReadsHoursAndDays(string hours, string days, string expected)
    {
        var parsed = WorkingHours.Parse(hours, days);

        Assert.That(parsed.Days, Is.EquivalentTo(expected.Split(',').Select(Enum.Parse<DayOfWeek>)));
    }

    [TestCase("17:00-09:00")]
    [TestCase("nine to five")]
    public void WorkingHours_ParseNonsense_Throws(string hours)
    {
        Assert.That(() => WorkingHours.Parse(hours), Throws.InstanceOf<FormatException>());
    }
}
