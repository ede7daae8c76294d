using System.Globalization;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Core.Coaching.CoolingOff;

/// <summary>
/// Suggests how long an agent should wait before sending a flagged draft, and when to send it: longer for holds,
/// threats and generalisations, for a fast answer to an upset customer and for an agent with several flagged drafts
/// lately; never into the recipient's night or weekend when their time zone is known. Zero for a civil draft.
/// All time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class CoolingOffPolicy
{
    private readonly CoolingOffOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the policy.</summary>
    public CoolingOffPolicy(CoolingOffOptions options, TimeProvider timeProvider)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The advice for a draft.</summary>
    public CoolingOffAdvice Advise(CoolingOffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        if (request.Level == RiskLevel.Ok)
        {
            return new CoolingOffAdvice(0, now, ["The draft reads as civil: no need to wait."]);
        }

        var reasons = new List<string>();
        var minutes = request.Level == RiskLevel.Hold ? _options.HoldMinutes : _options.CautionMinutes;
        reasons.Add(request.Level == RiskLevel.Hold
            ? $"The draft is at the hold level: {_options.HoldMinutes} minutes to reread it with fresh eyes."
            : $"The draft is at the caution level: {_options.CautionMinutes} minutes to reread it.");

        var others = new List<string>();
        foreach (var category in ToneCategories.All)
        {
            if (!request.Categories.TryGetValue(category, out var score) || score < _options.CategoryThreshold)
            {
                continue;
            }

            switch (category)
            {
                case ToneCategory.Threat when _options.ThreatMinutes > 0:
                    minutes += _options.ThreatMinutes;
                    reasons.Add($"It reads as a threat, which is hard to take back: +{_options.ThreatMinutes} minutes.");
                    break;
                case ToneCategory.Generalization when _options.GeneralizationMinutes > 0:
                    minutes += _options.GeneralizationMinutes;
                    reasons.Add($"It generalises about a group of people, which hurts more than the issue itself: +{_options.GeneralizationMinutes} minutes.");
                    break;
                case ToneCategory.Threat or ToneCategory.Generalization:
                    break;
                default:
                    others.Add(ToneCategories.Name(category));
                    break;
            }
        }

        if (others.Count > 1 && _options.OtherCategoryMinutes > 0)
        {
            // The first category is what the level already pays for; each further one adds a little.
            var extra = (others.Count - 1) * _options.OtherCategoryMinutes;
            minutes += extra;
            reasons.Add($"It shows several kinds of hostility ({string.Join(", ", others)}): +{extra} minutes.");
        }

        if (request.IncomingUpset && request.IncomingReceivedAt is { } received && _options.FastReplyMinutes > 0)
        {
            var elapsed = now - received;
            if (elapsed < TimeSpan.Zero)
            {
                elapsed = TimeSpan.Zero;
            }

            if (elapsed < TimeSpan.FromMinutes(_options.FastReplyWindowMinutes))
            {
                minutes += _options.FastReplyMinutes;
                reasons.Add($"You are answering an upset message {FormatMinutes(elapsed)} after it arrived: +{_options.FastReplyMinutes} minutes.");
            }
        }

        var beyond = request.RecentFlaggedDrafts - _options.RecentFlaggedAllowance;
        if (beyond > 0 && _options.RecentFlaggedMinutesEach > 0)
        {
            var extra = Math.Min(beyond * _options.RecentFlaggedMinutesEach, _options.RecentFlaggedMaxMinutes);
            minutes += extra;
            reasons.Add($"{request.RecentFlaggedDrafts} of your recent drafts were flagged too: +{extra} minutes.");
        }

        if (minutes > _options.MaxMinutes)
        {
            minutes = _options.MaxMinutes;
            reasons.Add($"Capped at {_options.MaxMinutes} minutes.");
        }

        var sendAt = now.AddMinutes(minutes);
        sendAt = FitRecipientHours(sendAt, request.Recipient, reasons);
        return new CoolingOffAdvice(minutes, sendAt, reasons);
    }

    private DateTimeOffset FitRecipientHours(DateTimeOffset sendAt, RecipientSchedule? recipient, List<string> reasons)
    {
        if (recipient?.TimeZoneId is not { Length: > 0 } zoneId)
        {
            reasons.Add("The recipient's time zone is not known, so the send time was not checked against their working hours.");
            return sendAt;
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            reasons.Add($"The recipient's time zone '{zoneId}' is not known here, so the send time was not checked against their working hours.");
            return sendAt;
        }

        var hours = recipient.Hours;
        if (hours is null)
        {
            hours = new WorkingHours(_options.DefaultWorkdayStart, _options.DefaultWorkdayEnd, WorkingHours.Weekdays);
            reasons.Add($"The recipient's working hours are not known; assumed {Describe(hours)} in {zoneId}.");
        }

        var local = TimeZoneInfo.ConvertTime(sendAt, zone);
        if (hours.Contains(local.DateTime))
        {
            return sendAt;
        }

        var next = NextStart(local.DateTime, hours, zone);
        var nextLocal = TimeZoneInfo.ConvertTime(next, zone);
        var why = hours.Days.Contains(local.DayOfWeek) ? "outside their working hours" : "on their day off";
        reasons.Add(
            $"Sending at {Format(local.DateTime)} in the recipient's time zone ({zoneId}) would land {why} ({Describe(hours)}); " +
            $"scheduled for {Format(nextLocal.DateTime)} their time instead.");
        return next;
    }

    // The next local start of a working day after a local time, as an instant (the start of day may fall in a
    // daylight-saving gap, which moves it forward; an ambiguous time takes its first occurrence).
    private static DateTimeOffset NextStart(DateTime local, WorkingHours hours, TimeZoneInfo zone)
    {
        for (var day = 0; day <= 7; day++)
        {
            var date = local.Date.AddDays(day);
            if (!hours.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var start = date + hours.Start;
            if (start <= local)
            {
                continue;
            }

            return ToInstant(DateTime.SpecifyKind(start, DateTimeKind.Unspecified), zone);
        }

        // No working day at all: leave the time as it was.
        return ToInstant(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var probe = local;
        while (zone.IsInvalidTime(probe))
        {
            probe = probe.AddMinutes(15);
        }

        if (zone.IsAmbiguousTime(probe))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(probe);
            return new DateTimeOffset(probe, offsets.Max());
        }

        return new DateTimeOffset(probe, zone.GetUtcOffset(probe));
    }

    private static string Describe(WorkingHours hours)
    {
        var days = hours.Days.SetEquals(WorkingHours.Weekdays)
            ? "Mon–Fri"
            : string.Join(",", hours.Days.OrderBy(static d => ((int)d + 6) % 7).Select(static d => d.ToString()[..3]));
        return $"{days} {hours.Start:hh\\:mm}–{hours.End:hh\\:mm}";
    }

    private static string Format(DateTime local) => local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    private static string FormatMinutes(TimeSpan elapsed) =>
        elapsed.TotalMinutes < 1 ? "less than a minute" : $"{(int)elapsed.TotalMinutes} minute{((int)elapsed.TotalMinutes == 1 ? string.Empty : "s")}";
}
