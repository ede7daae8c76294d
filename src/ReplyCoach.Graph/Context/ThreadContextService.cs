using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using ReplyCoach.Graph.Hosting;

namespace ReplyCoach.Graph.Context;

/// <summary>What the on-send path knows when it asks for context (the add-in has the draft's body already).</summary>
/// <param name="ConversationId">The conversation (Office.js <c>item.conversationId</c>); null for a new message.</param>
/// <param name="DraftId">The draft's id, when it has been saved; used only when the conversation id is missing.</param>
/// <param name="RecipientAddress">The first To recipient, for their working hours.</param>
/// <param name="AgentAddress">The agent's own address, to tell the customer's messages from the agent's.</param>
public sealed record SendContextRequest(string? ConversationId, string? DraftId = null, string? RecipientAddress = null, string? AgentAddress = null);

/// <summary>Reads the thread around a draft for the engine and the coach.</summary>
public interface IThreadContextService
{
    /// <summary>
    /// The draft by id, the customer's latest message in its conversation and the recipient's working hours. Fails
    /// only when the draft itself cannot be read; a missing conversation part gives <see cref="ThreadContextStatus.Partial"/>.
    /// </summary>
    Task<GraphResult<ThreadContext>> GetAsync(GraphAccess access, string draftId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The conversation's context for the on-send check, within the hard budget
    /// (<see cref="ThreadContextOptions.OnSendBudget"/>): never fails and never waits longer; what is not read in
    /// time is missing and scoring goes on without it. Work cut off by the budget goes on in the background and
    /// fills the cache for the next check.
    /// </summary>
    Task<ThreadContext> GetForSendAsync(GraphAccess access, SendContextRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The Graph implementation, with a short per-conversation cache.</summary>
internal sealed class ThreadContextService : IThreadContextService, IDisposable
{
    private static readonly string[] DraftFields = ["id", "conversationId", "subject", "body", "from", "toRecipients", "ccRecipients", "isDraft", "categories"];
    private static readonly string[] IncomingFields = ["id", "from", "receivedDateTime", "body", "isDraft"];
    private static readonly string[] ScheduleFields = ["timeZone", "workingHours"];

    private readonly GraphClientProvider _clients;
    private readonly ThreadContextOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ThreadContextService> _logger;
    private readonly ConcurrentDictionary<CacheKey, CacheEntry> _cache = new();
    private readonly CancellationTokenSource _shutdown = new();

    public ThreadContextService(GraphClientProvider clients, IOptions<GraphOptions> options, TimeProvider time, ILogger<ThreadContextService> logger)
    {
        _clients = clients;
        _options = options.Value.ThreadContext;
        _time = time;
        _logger = logger;
    }

    /// <summary>Conversations in the cache (for tests).</summary>
    internal int CachedConversations => _cache.Count;

    public async Task<GraphResult<ThreadContext>> GetAsync(GraphAccess access, string draftId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentException.ThrowIfNullOrWhiteSpace(draftId);
        var draft = await GetDraftAsync(access, draftId, cancellationToken).ConfigureAwait(false);
        if (!draft.IsOk)
        {
            return GraphResult<ThreadContext>.From(draft);
        }

        var message = draft.Value!;
        if (string.IsNullOrEmpty(message.ConversationId))
        {
            return GraphResult.Ok(new ThreadContext(message, null, ThreadContextStatus.Complete, null));
        }

        var entry = Entry(access, message.ConversationId, message.To.FirstOrDefault()?.Address, message.From?.Address);
        var incoming = await entry.Incoming.WaitAsync(cancellationToken).ConfigureAwait(false);
        var schedule = await entry.Schedule.WaitAsync(cancellationToken).ConfigureAwait(false);
        return GraphResult.Ok(Assemble(message, message.ConversationId, incoming, schedule, entry.Created, timedOut: false));
    }

    public async Task<ThreadContext> GetForSendAsync(GraphAccess access, SendContextRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.OnSendBudget, _time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        DraftMessage? draft = null;
        var conversationId = request.ConversationId;
        try
        {
            if (string.IsNullOrEmpty(conversationId))
            {
                if (string.IsNullOrEmpty(request.DraftId))
                {
                    return ThreadContext.None(ThreadContextStatus.Complete, null); // a new message: no thread to read
                }

                var read = await GetDraftAsync(access, request.DraftId, budget.Token).WaitAsync(Remaining(_options.OnSendBudget, started), _time, cancellationToken).ConfigureAwait(false);
                if (!read.IsOk)
                {
                    return ThreadContext.None(ThreadContextStatus.Unavailable, read);
                }

                draft = read.Value!;
                conversationId = draft.ConversationId;
                if (string.IsNullOrEmpty(conversationId))
                {
                    return new ThreadContext(draft, null, ThreadContextStatus.Complete, null);
                }
            }

            var entry = Entry(access, conversationId, request.RecipientAddress ?? draft?.To.FirstOrDefault()?.Address, request.AgentAddress ?? draft?.From?.Address);
            try
            {
                await Task.WhenAll(entry.Incoming, entry.Schedule).WaitAsync(Remaining(_options.OnSendBudget, started), _time, cancellationToken).ConfigureAwait(false);
                return Assemble(draft, conversationId, entry.Incoming.Result, entry.Schedule.Result, entry.Created, timedOut: false);
            }
            catch (TimeoutException)
            {
                // Whatever finished in time is used; the rest keeps loading into the cache for the next check.
                var context = Assemble(draft, conversationId, Completed(entry.Incoming), Completed(entry.Schedule), entry.Created, timedOut: true);
                GraphLog.ContextBudgetSpent(_logger, _options.OnSendBudget.TotalMilliseconds, context.Status);
                return context;
            }
        }
        catch (TimeoutException)
        {
            GraphLog.ContextBudgetSpent(_logger, _options.OnSendBudget.TotalMilliseconds, ThreadContextStatus.TimedOut);
            return ThreadContext.None(ThreadContextStatus.TimedOut, GraphResult.Failure(GraphStatus.Timeout, "The thread context was not read within the on-send budget."));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            GraphLog.ContextBudgetSpent(_logger, _options.OnSendBudget.TotalMilliseconds, ThreadContextStatus.TimedOut);
            return ThreadContext.None(ThreadContextStatus.TimedOut, GraphResult.Failure(GraphStatus.Timeout, "The thread context was not read within the on-send budget."));
        }
    }

    private TimeSpan Remaining(TimeSpan budget, long started)
    {
        var left = budget - _time.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static GraphResult<T>? Completed<T>(Task<GraphResult<T>> task) => task.IsCompletedSuccessfully ? task.Result : null;

    private ThreadContext Assemble(
        DraftMessage? draft, string conversationId, GraphResult<IncomingMessage?>? incoming, GraphResult<MailboxSchedule?>? schedule, DateTimeOffset fetchedAt, bool timedOut)
    {
        var conversation = new ConversationContext(
            conversationId,
            incoming is { IsOk: true } ? incoming.Value : null,
            schedule is { IsOk: true } ? schedule.Value : null,
            fetchedAt);
        GraphResult? failure = incoming is { IsOk: false } ? incoming : schedule is { IsOk: false } ? schedule : null;
        ThreadContextStatus status;
        if (incoming is { IsOk: true } && schedule is { IsOk: true })
        {
            status = ThreadContextStatus.Complete;
        }
        else if (incoming is { IsOk: true } || schedule is { IsOk: true } || draft is not null)
        {
            status = ThreadContextStatus.Partial;
        }
        else
        {
            status = timedOut ? ThreadContextStatus.TimedOut : ThreadContextStatus.Unavailable;
        }

        if (timedOut && failure is null && status != ThreadContextStatus.Complete)
        {
            failure = GraphResult.Failure(GraphStatus.Timeout, "Part of the thread context was not read within the on-send budget.");
        }

        return new ThreadContext(draft, status == ThreadContextStatus.TimedOut || status == ThreadContextStatus.Unavailable ? null : conversation, status, failure);
    }

    private Task<GraphResult<DraftMessage>> GetDraftAsync(GraphAccess access, string draftId, CancellationToken cancellationToken) =>
        GraphCall.RunAsync("read draft", _logger, _time, async ct =>
        {
            var message = await _clients.For(access).Users[access.Mailbox].Messages[draftId]
                .GetAsync(rc => rc.QueryParameters.Select = DraftFields, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Graph returned no message.");
            return ToDraft(message, draftId);
        }, cancellationToken);

    internal static DraftMessage ToDraft(Message message, string fallbackId) => new(
        message.Id ?? fallbackId,
        message.ConversationId,
        message.Subject,
        message.Body?.Content ?? "",
        message.Body?.ContentType != BodyType.Text,
        ToPerson(message.From),
        (message.ToRecipients ?? []).Select(ToPerson).OfType<MailPerson>().ToList(),
        (message.CcRecipients ?? []).Select(ToPerson).OfType<MailPerson>().ToList(),
        message.IsDraft ?? true,
        message.Categories?.Where(c => c is not null).Select(c => c!).ToList() ?? []);

    internal static MailPerson? ToPerson(Recipient? recipient) =>
        recipient?.EmailAddress?.Address is { Length: > 0 } address ? new MailPerson(address, recipient.EmailAddress.Name) : null;

    private CacheEntry Entry(GraphAccess access, string conversationId, string? recipient, string? agentAddress)
    {
        var key = new CacheKey(access.Mailbox.ToLowerInvariant(), conversationId, recipient?.ToLowerInvariant(), access.IsDelegated);
        var now = _time.GetUtcNow();
        while (true)
        {
            if (_cache.TryGetValue(key, out var existing))
            {
                if (existing.Created + _options.CacheDuration > now && !existing.Failed)
                {
                    return existing;
                }

                _cache.TryRemove(System.Collections.Generic.KeyValuePair.Create(key, existing));
                continue;
            }

            Trim(now);
            var entry = new CacheEntry(now);
            if (!_cache.TryAdd(key, entry))
            {
                continue;
            }

            // The fetch belongs to the cache, not to the caller: a check that gives up at its budget leaves it
            // running (bounded by the pipeline's total timeout) so the next check finds the context ready.
            var token = _shutdown.Token;
            entry.Start(
                Track(key, entry, LatestIncomingAsync(access, conversationId, agentAddress, token)),
                Track(key, entry, ScheduleAsync(access, recipient, token)));
            GraphLog.ContextFetchStarted(_logger, access.Mailbox);
            return entry;
        }
    }

    private async Task<GraphResult<T>> Track<T>(CacheKey key, CacheEntry entry, Task<GraphResult<T>> work)
    {
        GraphResult<T> result;
        try
        {
            result = await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            result = GraphResult<T>.Fail(GraphStatus.Timeout, "Shutting down.");
        }

        if (!result.IsOk)
        {
            // A failure is not cached: the next check tries again.
            entry.Failed = true;
            _cache.TryRemove(System.Collections.Generic.KeyValuePair.Create(key, entry));
        }

        return result;
    }

    private void Trim(DateTimeOffset now)
    {
        if (_cache.Count < _options.MaxCachedConversations)
        {
            return;
        }

        foreach (var (key, entry) in _cache)
        {
            if (entry.Created + _options.CacheDuration <= now)
            {
                _cache.TryRemove(System.Collections.Generic.KeyValuePair.Create(key, entry));
            }
        }

        if (_cache.Count >= _options.MaxCachedConversations)
        {
            foreach (var (key, _) in _cache.OrderBy(e => e.Value.Created).Take(_cache.Count / 2))
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    private Task<GraphResult<IncomingMessage?>> LatestIncomingAsync(GraphAccess access, string conversationId, string? agentAddress, CancellationToken cancellationToken) =>
        GraphCall.RunAsync<IncomingMessage?>("read conversation", _logger, _time, async ct =>
        {
            // Graph refuses $orderby together with a conversationId filter on some mailboxes (InefficientFilter),
            // so a small window is read and the latest customer message picked here.
            var page = await _clients.For(access).Users[access.Mailbox].Messages.GetAsync(rc =>
            {
                rc.QueryParameters.Filter = $"conversationId eq '{conversationId.Replace("'", "''", StringComparison.Ordinal)}'";
                rc.QueryParameters.Select = IncomingFields;
                rc.QueryParameters.Top = _options.ConversationWindow;
                rc.Headers.Add("Prefer", "outlook.body-content-type=\"text\"");
            }, ct).ConfigureAwait(false);
            var agent = agentAddress ?? (access.Mailbox.Contains('@', StringComparison.Ordinal) ? access.Mailbox : null);
            var latest = (page?.Value ?? [])
                .Where(m => m.IsDraft != true && m.ReceivedDateTime is not null)
                .Where(m => agent is null || !string.Equals(m.From?.EmailAddress?.Address, agent, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(m => m.ReceivedDateTime)
                .FirstOrDefault();
            return latest is null
                ? null
                : new IncomingMessage(latest.Id ?? "", ToPerson(latest.From), latest.ReceivedDateTime!.Value, latest.Body?.Content ?? "");
        }, cancellationToken);

    private async Task<GraphResult<MailboxSchedule?>> ScheduleAsync(GraphAccess access, string? recipient, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            // A colleague's settings are readable with MailboxSettings.Read (application); a customer's are not.
            var theirs = await ReadScheduleAsync(access, recipient, ScheduleSource.Recipient, cancellationToken).ConfigureAwait(false);
            if (theirs.IsOk || theirs.Status is not (GraphStatus.NotFound or GraphStatus.Forbidden or GraphStatus.Unauthorized or GraphStatus.Invalid))
            {
                return theirs;
            }
        }

        return await ReadScheduleAsync(access, access.Mailbox, ScheduleSource.Agent, cancellationToken).ConfigureAwait(false);
    }

    private Task<GraphResult<MailboxSchedule?>> ReadScheduleAsync(GraphAccess access, string mailbox, ScheduleSource source, CancellationToken cancellationToken) =>
        GraphCall.RunAsync<MailboxSchedule?>("read mailbox settings", _logger, _time, async ct =>
        {
            var settings = await _clients.For(access).Users[mailbox].MailboxSettings
                .GetAsync(rc => rc.QueryParameters.Select = ScheduleFields, ct).ConfigureAwait(false);
            return settings is null ? null : ToSchedule(mailbox, source, settings);
        }, cancellationToken);

    internal static MailboxSchedule ToSchedule(string address, ScheduleSource source, MailboxSettings settings)
    {
        var hours = settings.WorkingHours;
        var days = (hours?.DaysOfWeek ?? [])
            .Where(d => d is not null)
            .Select(d => d!.Value switch
            {
                DayOfWeekObject.Sunday => System.DayOfWeek.Sunday,
                DayOfWeekObject.Monday => System.DayOfWeek.Monday,
                DayOfWeekObject.Tuesday => System.DayOfWeek.Tuesday,
                DayOfWeekObject.Wednesday => System.DayOfWeek.Wednesday,
                DayOfWeekObject.Thursday => System.DayOfWeek.Thursday,
                DayOfWeekObject.Friday => System.DayOfWeek.Friday,
                _ => System.DayOfWeek.Saturday,
            })
            .Distinct()
            .Order()
            .ToList();
        return new MailboxSchedule(
            address,
            source,
            settings.TimeZone,
            days,
            hours?.StartTime is { } start ? new TimeOnly(start.Hour, start.Minute, start.Second) : null,
            hours?.EndTime is { } end ? new TimeOnly(end.Hour, end.Minute, end.Second) : null,
            hours?.TimeZone?.Name ?? settings.TimeZone);
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    private readonly record struct CacheKey(string Mailbox, string ConversationId, string? Recipient, bool Delegated);

    private sealed class CacheEntry(DateTimeOffset created)
    {
        private readonly TaskCompletionSource<GraphResult<IncomingMessage?>> _incoming = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<GraphResult<MailboxSchedule?>> _schedule = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _failed;

        public DateTimeOffset Created { get; } = created;

        public Task<GraphResult<IncomingMessage?>> Incoming => _incoming.Task;

        public Task<GraphResult<MailboxSchedule?>> Schedule => _schedule.Task;

        public bool Failed
        {
            get => _failed;
            set => _failed = value;
        }

        // The entry is published before its work starts, so readers always find tasks to wait on.
        public void Start(Task<GraphResult<IncomingMessage?>> incoming, Task<GraphResult<MailboxSchedule?>> schedule)
        {
            _ = ForwardAsync(incoming, _incoming);
            _ = ForwardAsync(schedule, _schedule);
        }

        private static async Task ForwardAsync<T>(Task<T> work, TaskCompletionSource<T> target) => target.TrySetResult(await work.ConfigureAwait(false));
    }
}
