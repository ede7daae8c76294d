using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Messages.Item.Move;
using ReplyCoach.Graph.Hosting;

namespace ReplyCoach.Graph.Decisions;

/// <summary>A draft tagged with a category.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Category">The category now on it.</param>
/// <param name="AlreadyTagged">Whether it had the category before (nothing was changed).</param>
public sealed record TagResult(string MessageId, string Category, bool AlreadyTagged);

/// <summary>A send that Exchange holds until <paramref name="SendAt"/>.</summary>
/// <param name="MessageId">The message (its immutable id survives the move to the Outbox).</param>
/// <param name="SendAt">When Exchange sends it (UTC).</param>
public sealed record DeferredSend(string MessageId, DateTimeOffset SendAt);

/// <summary>A scheduled send that was called off.</summary>
/// <param name="MessageId">The message, back in Drafts.</param>
/// <param name="MovedToDrafts">Whether it had to be moved back from the Outbox.</param>
public sealed record CancelledSend(string MessageId, bool MovedToDrafts);

/// <summary>Carries ReplyCoach's decisions into the mailbox.</summary>
public interface IDraftActions
{
    /// <summary>Puts the configured (or given) category on a flagged draft, keeping its other categories.</summary>
    Task<GraphResult<TagResult>> TagAsync(GraphAccess access, string messageId, string? category = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Schedules a cooling-off send: sets the deferred-send time (<c>SystemTime 0x3FEF</c>) on the draft and sends it,
    /// so Exchange holds it until then. The time must lie within the configured bounds.
    /// </summary>
    Task<GraphResult<DeferredSend>> DeferSendAsync(GraphAccess access, string messageId, DateTimeOffset sendAt, CancellationToken cancellationToken = default);

    /// <summary>Calls off a scheduled send: the message goes back to Drafts, unsent and editable. Never deletes mail.</summary>
    Task<GraphResult<CancelledSend>> CancelDeferredSendAsync(GraphAccess access, string messageId, CancellationToken cancellationToken = default);
}

/// <summary>The Graph implementation.</summary>
internal sealed class DraftActions(
    GraphClientProvider clients, IOptions<GraphOptions> options, TimeProvider time, ILogger<DraftActions> logger) : IDraftActions
{
    /// <summary>PidTagDeferredSendTime: Exchange holds a submitted message until this UTC time.</summary>
    public const string DeferredSendProperty = "SystemTime 0x3FEF";

    private static readonly string[] TagFields = ["id", "categories"];
    private static readonly string[] StateFields = ["id", "isDraft", "parentFolderId"];

    private readonly DecisionOptions _options = options.Value.Decisions;
    private readonly ConcurrentDictionary<string, bool> _masterCategoryKnown = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Mailbox, string Folder), string> _folderIds = new();

    public async Task<GraphResult<TagResult>> TagAsync(GraphAccess access, string messageId, string? category = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        category = string.IsNullOrWhiteSpace(category) ? _options.Category : category.Trim();
        if (category.Length > 255)
        {
            return GraphResult<TagResult>.Fail(GraphStatus.Invalid, "A category name has at most 255 characters.");
        }

        var client = clients.For(access);
        var current = await GraphCall.RunAsync("read categories", logger, time, ct =>
            client.Users[access.Mailbox].Messages[messageId].GetAsync(rc => rc.QueryParameters.Select = TagFields, ct), cancellationToken).ConfigureAwait(false);
        if (!current.IsOk)
        {
            return GraphResult<TagResult>.From(current);
        }

        var categories = current.Value?.Categories?.Where(c => c is not null).Select(c => c!).ToList() ?? [];
        if (categories.Contains(category, StringComparer.OrdinalIgnoreCase))
        {
            return GraphResult.Ok(new TagResult(messageId, category, AlreadyTagged: true));
        }

        if (_options.CreateMasterCategory)
        {
            await EnsureMasterCategoryAsync(access, category, cancellationToken).ConfigureAwait(false);
        }

        categories.Add(category);
        var patched = await GraphCall.RunAsync("tag draft", logger, time, ct =>
            client.Users[access.Mailbox].Messages[messageId].PatchAsync(new Message { Categories = categories! }, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        if (!patched.IsOk)
        {
            return GraphResult<TagResult>.From(patched);
        }

        GraphLog.Tagged(logger, access.Mailbox);
        return GraphResult.Ok(new TagResult(messageId, category, AlreadyTagged: false));
    }

    public async Task<GraphResult<DeferredSend>> DeferSendAsync(GraphAccess access, string messageId, DateTimeOffset sendAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var now = time.GetUtcNow();
        // Half a minute of slack: "in 1 minute" computed by a client a moment ago is still 1 minute.
        if (sendAt < now.AddMinutes(_options.MinDeferMinutes).AddSeconds(-30) || sendAt > now.AddMinutes(_options.MaxDeferMinutes))
        {
            return GraphResult<DeferredSend>.Fail(GraphStatus.Invalid,
                $"The send time must lie between {_options.MinDeferMinutes} and {_options.MaxDeferMinutes} minutes from now.");
        }

        var client = clients.For(access);
        var state = await GraphCall.RunAsync("read draft state", logger, time, ct =>
            client.Users[access.Mailbox].Messages[messageId].GetAsync(rc => rc.QueryParameters.Select = StateFields, ct), cancellationToken).ConfigureAwait(false);
        if (!state.IsOk)
        {
            return GraphResult<DeferredSend>.From(state);
        }

        if (state.Value?.IsDraft == false)
        {
            return GraphResult<DeferredSend>.Fail(GraphStatus.Conflict, "The message is not a draft: it was already sent or scheduled.");
        }

        var utc = sendAt.ToUniversalTime();
        var patched = await GraphCall.RunAsync("set deferred send time", logger, time, ct =>
            client.Users[access.Mailbox].Messages[messageId].PatchAsync(WithDeferredSend(utc), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        if (!patched.IsOk)
        {
            return GraphResult<DeferredSend>.From(patched);
        }

        var sent = await GraphCall.RunAsync("send deferred", logger, time, async ct =>
        {
            await client.Users[access.Mailbox].Messages[messageId].Send.PostAsync(cancellationToken: ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!sent.IsOk)
        {
            // The time is set but the send did not go through (or its answer was lost): the draft is unchanged
            // apart from the property, which does nothing until it is sent.
            return GraphResult<DeferredSend>.From(sent);
        }

        GraphLog.Deferred(logger, access.Mailbox, (utc - now).TotalMinutes);
        return GraphResult.Ok(new DeferredSend(messageId, utc));
    }

    public async Task<GraphResult<CancelledSend>> CancelDeferredSendAsync(GraphAccess access, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var client = clients.For(access);
        var read = await GraphCall.RunAsync("read scheduled send", logger, time, ct =>
            client.Users[access.Mailbox].Messages[messageId].GetAsync(rc =>
            {
                rc.QueryParameters.Select = StateFields;
                rc.QueryParameters.Expand = [$"singleValueExtendedProperties($filter=id eq '{DeferredSendProperty}')"];
            }, ct), cancellationToken).ConfigureAwait(false);
        if (!read.IsOk)
        {
            return GraphResult<CancelledSend>.From(read);
        }

        var message = read.Value!;
        var sentItems = await FolderIdAsync(access, "sentitems", cancellationToken).ConfigureAwait(false);
        if (!sentItems.IsOk)
        {
            return GraphResult<CancelledSend>.From(sentItems);
        }

        if (string.Equals(message.ParentFolderId, sentItems.Value, StringComparison.Ordinal))
        {
            return GraphResult<CancelledSend>.Fail(GraphStatus.Conflict, "The message was already sent.");
        }

        var deferredUntil = DeferredSendTime(message);
        var now = time.GetUtcNow();
        if (deferredUntil is null || deferredUntil <= now)
        {
            // A draft whose time has passed was cancelled before (or never sent); anything else is going out now.
            return GraphResult<CancelledSend>.Fail(GraphStatus.Conflict, deferredUntil is null || message.IsDraft == true
                ? "The message has no scheduled send to cancel."
                : "The scheduled time has passed; the message is being sent.");
        }

        var drafts = await FolderIdAsync(access, "drafts", cancellationToken).ConfigureAwait(false);
        if (!drafts.IsOk)
        {
            return GraphResult<CancelledSend>.From(drafts);
        }

        var id = message.Id ?? messageId;
        var moved = false;
        if (!string.Equals(message.ParentFolderId, drafts.Value, StringComparison.Ordinal))
        {
            // Taking a held message out of the Outbox is what stops Exchange from sending it.
            var back = await GraphCall.RunAsync("move to drafts", logger, time, ct =>
                client.Users[access.Mailbox].Messages[id].Move.PostAsync(new MovePostRequestBody { DestinationId = "drafts" }, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            if (!back.IsOk)
            {
                return GraphResult<CancelledSend>.From(back);
            }

            id = back.Value?.Id ?? id;
            moved = true;
        }

        // A deferred-send time cannot be removed through Graph; one in the past means "send at once" when the
        // agent sends the draft themselves later.
        var cleared = await GraphCall.RunAsync("clear deferred send time", logger, time, ct =>
            client.Users[access.Mailbox].Messages[id].PatchAsync(WithDeferredSend(now), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        if (!cleared.IsOk)
        {
            return GraphResult<CancelledSend>.From(cleared);
        }

        GraphLog.DeferCancelled(logger, access.Mailbox, moved);
        return GraphResult.Ok(new CancelledSend(id, moved));
    }

    internal static Message WithDeferredSend(DateTimeOffset utc) => new()
    {
        SingleValueExtendedProperties =
        [
            new SingleValueLegacyExtendedProperty
            {
                Id = DeferredSendProperty,
                Value = utc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            },
        ],
    };

    internal static DateTimeOffset? DeferredSendTime(Message message)
    {
        var value = message.SingleValueExtendedProperties?
            .FirstOrDefault(p => string.Equals(p.Id, DeferredSendProperty, StringComparison.OrdinalIgnoreCase))?.Value;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }

    private async Task<GraphResult<string>> FolderIdAsync(GraphAccess access, string wellKnownName, CancellationToken cancellationToken)
    {
        var key = (access.Mailbox.ToLowerInvariant(), wellKnownName);
        if (_folderIds.TryGetValue(key, out var known))
        {
            return GraphResult.Ok(known);
        }

        var folder = await GraphCall.RunAsync("read folder", logger, time, ct =>
            clients.For(access).Users[access.Mailbox].MailFolders[wellKnownName].GetAsync(rc => rc.QueryParameters.Select = ["id"], ct), cancellationToken).ConfigureAwait(false);
        if (!folder.IsOk)
        {
            return GraphResult<string>.From(folder);
        }

        var id = folder.Value?.Id ?? "";
        _folderIds[key] = id;
        return GraphResult.Ok(id);
    }

    private async Task EnsureMasterCategoryAsync(GraphAccess access, string category, CancellationToken cancellationToken)
    {
        var key = access.Mailbox + "\n" + category;
        if (_masterCategoryKnown.ContainsKey(key))
        {
            return;
        }

        var client = clients.For(access);
        var list = await GraphCall.RunAsync("read master categories", logger, time, ct =>
            client.Users[access.Mailbox].Outlook.MasterCategories.GetAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        if (!list.IsOk)
        {
            return; // the tag still works, uncoloured
        }

        if (list.Value?.Value?.Any(c => string.Equals(c.DisplayName, category, StringComparison.OrdinalIgnoreCase)) != true)
        {
            var color = Enum.TryParse<CategoryColor>(_options.CategoryColor, ignoreCase: true, out var parsed) ? parsed : CategoryColor.Preset1;
            var created = await GraphCall.RunAsync("create master category", logger, time, ct =>
                client.Users[access.Mailbox].Outlook.MasterCategories.PostAsync(new OutlookCategory { DisplayName = category, Color = color }, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            if (!created.IsOk && created.Status != GraphStatus.Conflict)
            {
                return;
            }
        }

        _masterCategoryKnown[key] = true;
    }
}
