namespace ReplyCoach.TestKit.FakeGraph;

/// <summary>A person on a fake message.</summary>
public sealed record FakePerson(string Address, string? Name = null);

/// <summary>Well-known folder names the fake server understands (as Graph's well-known names).</summary>
public static class FakeFolders
{
    public const string Inbox = "inbox";
    public const string Drafts = "drafts";
    public const string SentItems = "sentitems";
    public const string Outbox = "outbox";

    public static readonly IReadOnlyList<string> All = [Inbox, Drafts, SentItems, Outbox];

    /// <summary>The folder id Graph would return for a well-known folder.</summary>
    public static string IdOf(string folder) => "fld-" + folder;

    /// <summary>The well-known name for a name or id, or null.</summary>
    public static string? Resolve(string nameOrId)
    {
        var name = nameOrId.StartsWith("fld-", StringComparison.Ordinal) ? nameOrId[4..] : nameOrId;
        name = name.ToLowerInvariant();
        return All.Contains(name) ? name : null;
    }
}

/// <summary>A message in a fake mailbox. Mutated only under the server's lock.</summary>
public sealed class FakeMessage
{
    public required string Id { get; init; }
    public string? ConversationId { get; set; }
    public string? Subject { get; set; }
    public string Body { get; set; } = "";
    public bool BodyIsHtml { get; set; } = true;
    public FakePerson? From { get; set; }
    public List<FakePerson> To { get; set; } = [];
    public List<FakePerson> Cc { get; set; } = [];
    public bool IsDraft { get; set; }
    public List<string> Categories { get; set; } = [];
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string Folder { get; set; } = FakeFolders.Inbox;
    public string? InternetMessageId { get; set; }
    public Dictionary<string, string> ExtendedProperties { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The change number the fake delta query orders by; bumped on every change.</summary>
    public long ChangeSeq { get; set; }

    /// <summary>When Exchange would release a held (deferred) send.</summary>
    public DateTimeOffset? HeldUntil { get; set; }

    /// <summary>Times the message was sent (to catch double sends).</summary>
    public int SendCount { get; set; }
}

/// <summary>The time zone and working hours a fake mailbox reports.</summary>
public sealed record FakeMailboxSettings(
    string TimeZone = "W. Europe Standard Time",
    IReadOnlyList<DayOfWeek>? WorkingDays = null,
    TimeOnly? Start = null,
    TimeOnly? End = null)
{
    public IReadOnlyList<DayOfWeek> Days => WorkingDays ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
}

/// <summary>A fake mailbox: messages in folders, settings and master categories.</summary>
public sealed class FakeMailbox
{
    private readonly FakeGraphServer _server;

    internal FakeMailbox(FakeGraphServer server, string address, string? objectId)
    {
        _server = server;
        Address = address;
        ObjectId = objectId;
    }

    /// <summary>The primary address (UPN).</summary>
    public string Address { get; }

    /// <summary>The object id it may also be addressed by.</summary>
    public string? ObjectId { get; }

    /// <summary>The settings; null: reading them answers 404 (like an external or unlicensed recipient).</summary>
    public FakeMailboxSettings? Settings { get; set; } = new();

    internal List<FakeMessage> MessageList { get; } = [];

    internal List<(string Id, string Folder, long Seq)> Tombstones { get; } = [];

    internal List<(string Name, string Color)> MasterCategoryList { get; } = [];

    /// <summary>A snapshot of the messages.</summary>
    public IReadOnlyList<FakeMessage> Messages
    {
        get
        {
            lock (_server.Gate)
            {
                return [.. MessageList];
            }
        }
    }

    /// <summary>A snapshot of the master category names.</summary>
    public IReadOnlyList<string> MasterCategories
    {
        get
        {
            lock (_server.Gate)
            {
                return MasterCategoryList.Select(c => c.Name).ToList();
            }
        }
    }

    /// <summary>One message by id.</summary>
    public FakeMessage Message(string id)
    {
        lock (_server.Gate)
        {
            return MessageList.Single(m => m.Id == id);
        }
    }

    /// <summary>Adds a message the customer sent (Inbox).</summary>
    public FakeMessage AddIncoming(string conversationId, FakePerson from, string text, DateTimeOffset receivedAt, string? subject = null) =>
        Add(new FakeMessage
        {
            Id = _server.NewId("msg"),
            ConversationId = conversationId,
            Subject = subject ?? "Your order",
            Body = $"<html><body><p>{System.Net.WebUtility.HtmlEncode(text)}</p></body></html>",
            BodyIsHtml = true,
            From = from,
            To = [new FakePerson(Address)],
            IsDraft = false,
            ReceivedAt = receivedAt,
            SentAt = receivedAt,
            Folder = FakeFolders.Inbox,
            InternetMessageId = $"<{Guid.NewGuid():N}@customer.example>",
        });

    /// <summary>Adds the agent's draft reply (Drafts).</summary>
    public FakeMessage AddDraft(string conversationId, FakePerson to, string html, string? subject = null) =>
        Add(new FakeMessage
        {
            Id = _server.NewId("draft"),
            ConversationId = conversationId,
            Subject = subject ?? "RE: Your order",
            Body = html,
            BodyIsHtml = true,
            From = new FakePerson(Address),
            To = [to],
            IsDraft = true,
            ReceivedAt = _server.Time.GetUtcNow(),
            Folder = FakeFolders.Drafts,
            InternetMessageId = $"<{Guid.NewGuid():N}@contoso.example>",
        });

    /// <summary>Adds a message the agent sent (Sent Items).</summary>
    public FakeMessage AddSent(string text, DateTimeOffset sentAt, string? conversationId = null, FakePerson? to = null) =>
        Add(new FakeMessage
        {
            Id = _server.NewId("sent"),
            ConversationId = conversationId ?? _server.NewId("conv"),
            Subject = "RE: Your request",
            Body = $"<html><body><p>{System.Net.WebUtility.HtmlEncode(text).Replace("\n", "</p><p>", StringComparison.Ordinal)}</p></body></html>",
            BodyIsHtml = true,
            From = new FakePerson(Address),
            To = [to ?? new FakePerson("customer@example.net", "A Customer")],
            IsDraft = false,
            ReceivedAt = sentAt,
            SentAt = sentAt,
            Folder = FakeFolders.SentItems,
            InternetMessageId = $"<{Guid.NewGuid():N}@contoso.example>",
        });

    /// <summary>Adds a message as given.</summary>
    public FakeMessage Add(FakeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_server.Gate)
        {
            message.ChangeSeq = _server.NextSeq();
            MessageList.Add(message);
        }

        return message;
    }

    /// <summary>Changes a message as a user would (e.g. sets a category), so delta reports it again.</summary>
    public void Touch(string id, Action<FakeMessage> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_server.Gate)
        {
            var message = MessageList.Single(m => m.Id == id);
            change(message);
            message.ChangeSeq = _server.NextSeq();
        }
    }

    /// <summary>Deletes a message (delta reports it removed).</summary>
    public void Delete(string id)
    {
        lock (_server.Gate)
        {
            var message = MessageList.Single(m => m.Id == id);
            MessageList.Remove(message);
            Tombstones.Add((message.Id, message.Folder, _server.NextSeq()));
        }
    }

    internal void MoveLocked(FakeMessage message, string folder)
    {
        if (message.Folder == folder)
        {
            return;
        }

        Tombstones.Add((message.Id, message.Folder, _server.NextSeq()));
        message.Folder = folder;
        message.ChangeSeq = _server.NextSeq();
    }
}
