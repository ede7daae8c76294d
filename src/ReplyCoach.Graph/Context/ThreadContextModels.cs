namespace ReplyCoach.Graph.Context;

/// <summary>A person on a message.</summary>
/// <param name="Address">The e-mail address.</param>
/// <param name="Name">The display name, when given.</param>
public sealed record MailPerson(string Address, string? Name);

/// <summary>The agent's draft as it is in the mailbox.</summary>
/// <param name="Id">The message id (immutable).</param>
/// <param name="ConversationId">The conversation it belongs to.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The body as stored: HTML when <paramref name="IsHtml"/>, else plain text.</param>
/// <param name="IsHtml">Whether <paramref name="Body"/> is HTML.</param>
/// <param name="From">The sender (the agent, or a shared mailbox), when set.</param>
/// <param name="To">The To recipients.</param>
/// <param name="Cc">The Cc recipients.</param>
/// <param name="IsDraft">Whether it is still a draft (false once sent or scheduled).</param>
/// <param name="Categories">The Outlook categories on it.</param>
public sealed record DraftMessage(
    string Id,
    string? ConversationId,
    string? Subject,
    string Body,
    bool IsHtml,
    MailPerson? From,
    IReadOnlyList<MailPerson> To,
    IReadOnlyList<MailPerson> Cc,
    bool IsDraft,
    IReadOnlyList<string> Categories);

/// <summary>The customer's latest message in the conversation: its text for their tone, its time for the reply speed.</summary>
/// <param name="Id">The message id.</param>
/// <param name="From">Who sent it.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Text">Its body as plain text (Graph converts HTML).</param>
public sealed record IncomingMessage(string Id, MailPerson? From, DateTimeOffset ReceivedAt, string Text);

/// <summary>Where working hours came from.</summary>
public enum ScheduleSource
{
    /// <summary>The recipient's own mailbox settings (a colleague in the same tenant).</summary>
    Recipient,
    /// <summary>The agent's mailbox settings (the recipient's could not be read, e.g. an external customer).</summary>
    Agent,
}

/// <summary>A mailbox's time zone and working hours, as the cooling-off policy needs them.</summary>
/// <param name="Address">Whose settings these are.</param>
/// <param name="Source">Whether they are the recipient's or, failing that, the agent's.</param>
/// <param name="TimeZone">The mailbox's time zone id (Windows or IANA, as Exchange stores it), when set.</param>
/// <param name="WorkingDays">The working days.</param>
/// <param name="WorkingHoursStart">Start of the working day in <paramref name="WorkingHoursTimeZone"/>.</param>
/// <param name="WorkingHoursEnd">End of the working day in <paramref name="WorkingHoursTimeZone"/>.</param>
/// <param name="WorkingHoursTimeZone">The time zone the working hours are expressed in.</param>
public sealed record MailboxSchedule(
    string Address,
    ScheduleSource Source,
    string? TimeZone,
    IReadOnlyList<DayOfWeek> WorkingDays,
    TimeOnly? WorkingHoursStart,
    TimeOnly? WorkingHoursEnd,
    string? WorkingHoursTimeZone);

/// <summary>What is known about a conversation, cached briefly per mailbox and conversation.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="LatestIncoming">The customer's latest message, when there is one.</param>
/// <param name="Recipient">The recipient's (or, failing that, the agent's) time zone and working hours, when known.</param>
/// <param name="FetchedAt">When this was read from Graph.</param>
public sealed record ConversationContext(string ConversationId, IncomingMessage? LatestIncoming, MailboxSchedule? Recipient, DateTimeOffset FetchedAt);

/// <summary>How complete a thread context is.</summary>
public enum ThreadContextStatus
{
    /// <summary>Everything asked for was read.</summary>
    Complete,
    /// <summary>Some parts are missing (a failure, or the budget ran out part-way).</summary>
    Partial,
    /// <summary>Nothing could be read in time; score without context.</summary>
    TimedOut,
    /// <summary>Nothing could be read (Graph off or failing); score without context.</summary>
    Unavailable,
}

/// <summary>The context the engine and the coach get for a draft.</summary>
/// <param name="Draft">The draft, when it was read (not on the on-send path, where the add-in sends the body).</param>
/// <param name="Conversation">The conversation's context, when read.</param>
/// <param name="Status">How complete this is.</param>
/// <param name="Failure">The first failure met, when any.</param>
public sealed record ThreadContext(DraftMessage? Draft, ConversationContext? Conversation, ThreadContextStatus Status, GraphResult? Failure)
{
    /// <summary>No context (Graph off, failing or too slow).</summary>
    public static ThreadContext None(ThreadContextStatus status, GraphResult? failure) => new(null, null, status, failure);

    /// <summary>The customer's latest message text, for the engine's <c>incoming</c> argument.</summary>
    public string? IncomingText => Conversation?.LatestIncoming?.Text;

    /// <summary>When the customer's latest message arrived.</summary>
    public DateTimeOffset? IncomingReceivedAt => Conversation?.LatestIncoming?.ReceivedAt;

    /// <summary>The recipient's time zone and working hours.</summary>
    public MailboxSchedule? Recipient => Conversation?.Recipient;

    /// <summary>How long the agent has taken to answer, as of <paramref name="now"/>; null when unknown.</summary>
    public TimeSpan? ReplyDelay(DateTimeOffset now) => IncomingReceivedAt is { } received && now >= received ? now - received : null;
}
