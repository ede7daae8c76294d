using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Core.Coaching.CoolingOff;

/// <summary>The days and local hours a person works.</summary>
/// <param name="Start">Local start of the working day.</param>
/// <param name="End">Local end of the working day (later than <paramref name="Start"/>).</param>
/// <param name="Days">The working days.</param>
public sealed record WorkingHours(TimeSpan Start, TimeSpan End, IReadOnlySet<DayOfWeek> Days)
{
    /// <summary>Monday to Friday.</summary>
    public static IReadOnlySet<DayOfWeek> Weekdays { get; } =
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    /// <summary>Whether a local time falls inside these hours.</summary>
    public bool Contains(DateTime local) => Days.Contains(local.DayOfWeek) && local.TimeOfDay >= Start && local.TimeOfDay < End;

    /// <summary>Parses "09:00-17:00" with optional days "Mon-Fri" or "Mon,Tue,Sat".</summary>
    public static WorkingHours Parse(string hours, string? days = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var parts = hours.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TimeSpan.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var start)
            || !TimeSpan.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var end) || end <= start || end > TimeSpan.FromDays(1))
        {
            throw new FormatException($"'{hours}' is not a range of working hours such as 09:00-17:00.");
        }

        return new WorkingHours(start, end, days is null ? Weekdays : ParseDays(days));
    }

    private static HashSet<DayOfWeek> ParseDays(string days)
    {
        var names = new[] { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
        int Index(string name)
        {
            var i = Array.IndexOf(names, name.Trim().ToLowerInvariant()[..Math.Min(3, name.Trim().Length)]);
            return i >= 0 ? i : throw new FormatException($"'{name}' is not a day of the week.");
        }

        var set = new HashSet<DayOfWeek>();
        foreach (var part in days.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length == 2)
            {
                for (int d = Index(range[0]), end = Index(range[1]), n = 0; n < 7; d = (d + 1) % 7, n++)
                {
                    set.Add((DayOfWeek)d);
                    if (d == end)
                    {
                        break;
                    }
                }
            }
            else
            {
                set.Add((DayOfWeek)Index(part));
            }
        }

        return set.Count > 0 ? set : throw new FormatException("No working days given.");
    }
}

/// <summary>What is known about the recipient's day.</summary>
/// <param name="TimeZoneId">An IANA time zone id ("Europe/Berlin"), or null when unknown.</param>
/// <param name="Hours">Their working hours, or null when unknown.</param>
public sealed record RecipientSchedule(string? TimeZoneId, WorkingHours? Hours = null);

/// <summary>The inputs of the cooling-off advice.</summary>
/// <param name="Level">The draft's level.</param>
/// <param name="Categories">The draft's category scores.</param>
/// <param name="IncomingUpset">Whether the customer's message reads as upset.</param>
/// <param name="IncomingReceivedAt">When the customer's message arrived, if known.</param>
/// <param name="RecentFlaggedDrafts">How many of the agent's drafts were flagged recently.</param>
/// <param name="Recipient">The recipient's time zone and working hours, if known.</param>
public sealed record CoolingOffRequest(
    RiskLevel Level,
    IReadOnlyDictionary<ToneCategory, double> Categories,
    bool IncomingUpset = false,
    DateTimeOffset? IncomingReceivedAt = null,
    int RecentFlaggedDrafts = 0,
    RecipientSchedule? Recipient = null);

/// <summary>The advice: wait this long, send at this time, for these reasons.</summary>
/// <param name="Minutes">Minutes the agent should wait before sending (0: send now).</param>
/// <param name="SendAt">When to send: now plus the wait, moved into the recipient's working hours when they are known.</param>
/// <param name="Reasons">Why, one sentence each.</param>
public sealed record CoolingOffAdvice(int Minutes, DateTimeOffset SendAt, IReadOnlyList<string> Reasons);
