using ReplyCoach.Core.Coaching;
using ReplyCoach.Core.Coaching.CoolingOff;

namespace ReplyCoach.Graph.Context;

/// <summary>Hands the thread context to the coaching layer in its own terms.</summary>
public static class ThreadContextCoaching
{
    /// <summary>The coaching context: the customer's text and time, and the recipient's day.</summary>
    /// <param name="context">The thread context (any completeness).</param>
    /// <param name="recentFlaggedDrafts">How many of the agent's drafts were flagged recently, when the caller knows.</param>
    public static CoachingContext ToCoachingContext(this ThreadContext context, int recentFlaggedDrafts = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CoachingContext(context.IncomingText, context.IncomingReceivedAt, recentFlaggedDrafts, context.Recipient?.ToRecipientSchedule());
    }

    /// <summary>The recipient's day for the cooling-off policy: an IANA time zone and the working hours, when known.</summary>
    public static RecipientSchedule ToRecipientSchedule(this MailboxSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = TimeZoneIds.ToIana(schedule.WorkingHoursTimeZone ?? schedule.TimeZone) ?? TimeZoneIds.ToIana(schedule.TimeZone);
        WorkingHours? hours = schedule is { WorkingHoursStart: { } start, WorkingHoursEnd: { } end } && end > start && schedule.WorkingDays.Count > 0
            ? new WorkingHours(start.ToTimeSpan(), end.ToTimeSpan(), schedule.WorkingDays.ToHashSet())
            : null;
        return new RecipientSchedule(zone, hours);
    }
}
