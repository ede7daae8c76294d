using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ReplyCoach.TestKit.FakeGraph;

/// <summary>The Graph endpoints of the fake server.</summary>
public sealed partial class FakeGraphServer
{
    private void MapGraph(WebApplication app)
    {
        const string user = "/v1.0/users/{user}";
        app.MapGet(user + "/messages/{id}", GetMessage);
        app.MapGet(user + "/messages", ListMessages);
        app.MapMethods(user + "/messages/{id}", ["PATCH"], PatchMessageAsync);
        app.MapPost(user + "/messages/{id}/send", SendMessage);
        app.MapPost(user + "/messages/{id}/move", MoveMessageAsync);
        app.MapGet(user + "/mailboxSettings", GetMailboxSettings);
        app.MapGet(user + "/outlook/masterCategories", ListMasterCategories);
        app.MapPost(user + "/outlook/masterCategories", CreateMasterCategoryAsync);
        app.MapGet(user + "/mailFolders/{folder}", GetFolder);
        app.MapGet(user + "/mailFolders/{folder}/messages/{operation}", Delta);
        app.MapFallback((HttpContext context) => GraphError(400, "BadRequest", $"The fake Graph server does not serve {context.Request.Method} {context.Request.Path}."));
    }

    private FakeMailbox? Find(string user) => _mailboxes.TryGetValue(Uri.UnescapeDataString(user).Trim('\''), out var mailbox) ? mailbox : null;

    private static IResult NoMailbox() => GraphError(404, "ResourceNotFound", "User not found or mailbox not enabled for REST API.");

    private static IResult NoItem() => GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private IResult GetMessage(HttpContext context, string user, string id)
    {
        var mailbox = Find(user);
        if (mailbox is null)
        {
            return NoMailbox();
        }

        lock (Gate)
        {
            var message = mailbox.MessageList.FirstOrDefault(m => m.Id == id);
            return message is null ? NoItem() : Json(ToJson(message, context));
        }
    }

    private IResult ListMessages(HttpContext context, string user)
    {
        var mailbox = Find(user);
        if (mailbox is null)
        {
            return NoMailbox();
        }

        var filter = context.Request.Query["$filter"].ToString();
        var top = int.TryParse(context.Request.Query["$top"], out var t) ? t : 10;
        var conversation = ConversationFilter().Match(filter);
        lock (Gate)
        {
            var messages = mailbox.MessageList.AsEnumerable();
            if (conversation.Success)
            {
                var id = conversation.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
                messages = messages.Where(m => m.ConversationId == id);
            }
            else if (filter.Length > 0)
            {
                return GraphError(400, "ErrorInvalidUrlQueryFilter", "The fake server only filters on conversationId.");
            }

            var value = new JsonArray(messages.Take(top).Select(m => (JsonNode)ToJson(m, context)).ToArray());
            return Json(new JsonObject { ["@odata.context"] = "fake", ["value"] = value });
        }
    }

    private async Task<IResult> PatchMessageAsync(HttpContext context, string user, string id)
    {
        var mailbox = Find(user);
        if (mailbox is null)
        {
            return NoMailbox();
        }

        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        if (body is null)
        {
            return GraphError(400, "RequestBodyRead", "The request body is not a JSON object.");
        }

        lock (Gate)
        {
            var message = mailbox.MessageList.FirstOrDefault(m => m.Id == id);
            if (message is null)
            {
                return NoItem();
            }

            foreach (var (name, value) in body)
            {
                switch (name)
                {
                    case "categories":
                        message.Categories = value!.AsArray().Select(v => v!.GetValue<string>()).ToList();
                        break;
                    case "singleValueExtendedProperties":
                        foreach (var property in value!.AsArray())
                        {
                            message.ExtendedProperties[property!["id"]!.GetValue<string>()] = property["value"]!.GetValue<string>();
                        }

                        break;
                    case "subject":
                        message.Subject = value?.GetValue<string>();
                        break;
                    case "body":
                        message.Body = value?["content"]?.GetValue<string>() ?? "";
                        message.BodyIsHtml = !string.Equals(value?["contentType"]?.GetValue<string>(), "text", StringComparison.OrdinalIgnoreCase);
                        break;
                    case "@odata.type":
                        break;
                    default:
                        return GraphError(400, "ErrorInvalidProperty", $"The fake server does not patch '{name}'.");
                }
            }

            message.ChangeSeq = NextSeq();
            return Json(ToJson(message, context));
        }
    }

    private IResult SendMessage(string user, string id)
    {
        var mailbox = Find(user);
        if (mailbox is null)
        {
            return NoMailbox();
        }

        lock (Gate)
        {
            var message = mailbox.MessageList.FirstOrDefault(m => m.Id == id);
            if (message is null)
            {
                return NoItem();
            }

            if (!message.IsDraft)
            {
                return GraphError(400, "ErrorInvalidOperation", "Only a draft can be sent.");
            }

            var now = Time.GetUtcNow();
            message.IsDraft = false;
            message.SendCount++;
            if (message.ExtendedProperties.TryGetValue(DeferredSendProperty, out var deferred)
                && DateTimeOffset.TryParse(deferred, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sendAt) && sendAt > now)
            {
                // Exchange holds a deferred send in the Outbox until its time.
                message.HeldUntil = sendAt;
                mailbox.MoveLocked(message, FakeFolders.Outbox);
            }
            else
            {
                message.SentAt = now;
                message.ReceivedAt = now;
                mailbox.MoveLocked(message, FakeFolders.SentItems);
            }

            return Results.StatusCode(202);
        }
    }

    private async Task<IResult> MoveMessageAsync(HttpContext context, string user, string id)
    {
        var mailbox = Find(user);
        if (mailbox is null)
        {
            return NoMailbox();
        }

        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        // Graph's action parameters are case-insensitive; the SDK sends "DestinationId".
        var destination = FakeFolders.Resolve((body as JsonObject)?.FirstOrDefault(p => p.Key.Equals("destinationId", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>() ?? "");
        if (destination is null)
        {
            return GraphError(400, "ErrorInvalidIdMalformed", "Unknown destination folder.");
        }

        lock (Gate)
        {
            var message = mailbox.MessageList.FirstOrDefault(m => m.Id == id);
            if (message is null)
            {
                return NoItem();
            }

            if (message.Folder == FakeFolders.Outbox && destination == FakeFolders.Drafts)
            {
                // Taking a held message out of the Outbox calls the send off; it is a draft again.
                message.HeldUntil = null;
                message.IsDraft = true;
            }

            mailbox.MoveLocked(message, destination);
            return Json(ToJson(message, context), 201);
        }
    }

    private IResult GetMailboxSettings(string user)
    {
        var mailbox = Find(user);
        if (mailbox?.Settings is not { } settings)
        {
            return mailbox is null ? NoMailbox() : GraphError(404, "ErrorItemNotFound", "Mailbox settings are not available.");
        }

        var time = (TimeOnly? t, TimeOnly fallback) => (t ?? fallback).ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        return Json(new JsonObject
        {
            ["timeZone"] = settings.TimeZone,
            ["workingHours"] = new JsonObject
            {
                ["daysOfWeek"] = new JsonArray(settings.Days.Select(d => (JsonNode)JsonValue.Create(d.ToString().ToLowerInvariant())!).ToArray()),
                ["startTime"] = time(settings.Start, new TimeOnly(8, 0)),
                ["endTime"] = time(settings.End, new TimeOnly(17, 0)),
                ["timeZone"] = new JsonObject { ["name"] = settings.TimeZone },
            },
        });
    }

    private IResult ListMasterCategories(string user)
    {
        var mailbox = Find(user);
        if (mailbox is null)
        {
            return NoMailbox();
        }

        lock (Gate)
        {
            var value = new JsonArray(mailbox.MasterCategoryList.Select((c, i) => (JsonNode)new JsonObject
            {
                ["id"] = "cat-" + i.ToString(CultureInfo.InvariantCulture),
                ["displayName"] = c.Name,
                ["color"] = c.Color,
            }).ToArray());
            return Json(new JsonObject { ["value"] = value });
        }
    }

    private async Task<IResult> CreateMasterCategoryAsync(HttpContext context, string user)
    {
        var mailbox = Find(user);
        if (mailbox is null)
        {
            return NoMailbox();
        }

        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var name = body?["displayName"]?.GetValue<string>() ?? "";
        var color = body?["color"]?.GetValue<string>() ?? "none";
        lock (Gate)
        {
            if (mailbox.MasterCategoryList.Any(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                return GraphError(409, "ErrorDuplicateCategory", "A category with that name exists.");
            }

            mailbox.MasterCategoryList.Add((name, color));
            return Json(new JsonObject { ["id"] = "cat-new", ["displayName"] = name, ["color"] = color }, 201);
        }
    }

    private IResult GetFolder(string user, string folder)
    {
        var mailbox = Find(user);
        var name = FakeFolders.Resolve(folder);
        if (mailbox is null || name is null)
        {
            return mailbox is null ? NoMailbox() : NoItem();
        }

        lock (Gate)
        {
            return Json(new JsonObject
            {
                ["id"] = FakeFolders.IdOf(name),
                ["displayName"] = name,
                ["totalItemCount"] = mailbox.MessageList.Count(m => m.Folder == name),
            });
        }
    }

    // ---------------------------------------------------------------- delta

    private IResult Delta(HttpContext context, string user, string folder, string operation)
    {
        if (operation is not ("delta" or "delta()"))
        {
            return GraphError(400, "BadRequest", "Only delta is served under mailFolders/{id}/messages.");
        }

        var mailbox = Find(user);
        var name = FakeFolders.Resolve(folder);
        if (mailbox is null || name is null)
        {
            return mailbox is null ? NoMailbox() : NoItem();
        }

        var query = context.Request.Query;
        var pageSize = PageSize(context.Request.Headers["Prefer"].ToString());
        DeltaCursor cursor;
        if (query.TryGetValue("$skiptoken", out var skip))
        {
            if (!DeltaCursor.TryParse(skip.ToString(), out cursor))
            {
                return GraphError(400, "SyncStateInvalid", "The skip token is not valid.");
            }
        }
        else if (query.TryGetValue("$deltatoken", out var delta))
        {
            if (!long.TryParse(delta.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var since))
            {
                return GraphError(400, "SyncStateInvalid", "The delta token is not valid.");
            }

            cursor = new DeltaCursor(Incremental: true, Since: null, Base: since, After: since, UpTo: Interlocked.Read(ref _seq));
        }
        else
        {
            DateTimeOffset? received = null;
            var filter = query["$filter"].ToString();
            var match = ReceivedFilter().Match(filter);
            if (match.Success)
            {
                received = DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }
            else if (filter.Length > 0)
            {
                return GraphError(400, "ErrorInvalidUrlQueryFilter", "Delta filters only on receivedDateTime.");
            }

            cursor = new DeltaCursor(Incremental: false, Since: received, Base: 0, After: 0, UpTo: Interlocked.Read(ref _seq));
        }

        lock (Gate)
        {
            // Ordered and cut to the page before anything is turned into JSON: pages stay cheap on big folders.
            var entries = mailbox.MessageList
                .Where(m => m.Folder == name && m.ChangeSeq > cursor.After && m.ChangeSeq <= cursor.UpTo)
                .Where(m => cursor.Since is null || m.ReceivedAt >= cursor.Since)
                .Select(m => (Seq: m.ChangeSeq, Message: (FakeMessage?)m, Removed: (string?)null))
                .Concat(cursor.Incremental
                    ? mailbox.Tombstones
                        .Where(t => t.Folder == name && t.Seq > cursor.After && t.Seq <= cursor.UpTo)
                        .Select(t => (t.Seq, Message: (FakeMessage?)null, Removed: (string?)t.Id))
                    : [])
                .OrderBy(e => e.Seq)
                .Take(pageSize + 1)
                .Select(e => (e.Seq, Node: e.Message is { } message
                    ? (JsonNode)ToJson(message, context)
                    : new JsonObject
                    {
                        ["@odata.type"] = "#microsoft.graph.message",
                        ["id"] = e.Removed,
                        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
                    }))
                .ToList();
            var page = entries.Take(pageSize).ToList();
            var link = $"{context.Request.Scheme}://{context.Request.Host}/v1.0/users/{Uri.EscapeDataString(Uri.UnescapeDataString(user))}/mailFolders/{folder}/messages/delta";
            var result = new JsonObject
            {
                ["@odata.context"] = "fake",
                ["value"] = new JsonArray(page.Select(e => e.Node).ToArray()),
            };
            if (entries.Count > pageSize)
            {
                result["@odata.nextLink"] = link + "?$skiptoken=" + (cursor with { After = page[^1].Seq }).Format();
            }
            else
            {
                result["@odata.deltaLink"] = link + "?$deltatoken=" + cursor.UpTo.ToString(CultureInfo.InvariantCulture);
            }

            return Json(result);
        }
    }

    private static int PageSize(string prefer)
    {
        var match = Regex.Match(prefer, @"odata\.maxpagesize=(\d+)", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return match.Success ? Math.Clamp(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), 1, 1000) : 10;
    }

    private readonly record struct DeltaCursor(bool Incremental, DateTimeOffset? Since, long Base, long After, long UpTo)
    {
        public string Format()
        {
            var raw = string.Join('|', Incremental ? "d" : "i", Since?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "",
                Base.ToString(CultureInfo.InvariantCulture), After.ToString(CultureInfo.InvariantCulture), UpTo.ToString(CultureInfo.InvariantCulture));
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static bool TryParse(string token, out DeltaCursor cursor)
        {
            cursor = default;
            try
            {
                var padded = token.Replace('-', '+').Replace('_', '/');
                padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
                if (parts.Length != 5)
                {
                    return false;
                }

                cursor = new DeltaCursor(
                    parts[0] == "d",
                    parts[1].Length == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[1], CultureInfo.InvariantCulture)),
                    long.Parse(parts[2], CultureInfo.InvariantCulture),
                    long.Parse(parts[3], CultureInfo.InvariantCulture),
                    long.Parse(parts[4], CultureInfo.InvariantCulture));
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void ReleaseDueSends()
    {
        var now = Time.GetUtcNow();
        lock (Gate)
        {
            foreach (var mailbox in _mailboxes.Values.Distinct())
            {
                foreach (var message in mailbox.MessageList.Where(m => m.Folder == FakeFolders.Outbox && m.HeldUntil <= now).ToList())
                {
                    message.SentAt = message.HeldUntil;
                    message.ReceivedAt = message.HeldUntil!.Value;
                    message.HeldUntil = null;
                    mailbox.MoveLocked(message, FakeFolders.SentItems);
                }
            }
        }
    }

    private static IResult Json(JsonNode node, int status = 200) => Results.Text(node.ToJsonString(), "application/json", Encoding.UTF8, status);

    private static JsonObject ToJson(FakeMessage m, HttpContext context)
    {
        var prefer = context.Request.Headers["Prefer"].ToString();
        var asText = prefer.Contains("outlook.body-content-type=\"text\"", StringComparison.OrdinalIgnoreCase) && m.BodyIsHtml;
        var json = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.message",
            ["id"] = m.Id,
            ["conversationId"] = m.ConversationId,
            ["subject"] = m.Subject,
            ["body"] = new JsonObject
            {
                ["contentType"] = m.BodyIsHtml && !asText ? "html" : "text",
                ["content"] = asText ? HtmlToText(m.Body) : m.Body,
            },
            ["from"] = Person(m.From),
            ["toRecipients"] = new JsonArray(m.To.Select(p => (JsonNode)Person(p)!).ToArray()),
            ["ccRecipients"] = new JsonArray(m.Cc.Select(p => (JsonNode)Person(p)!).ToArray()),
            ["isDraft"] = m.IsDraft,
            ["categories"] = new JsonArray(m.Categories.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
            ["receivedDateTime"] = m.ReceivedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["sentDateTime"] = m.SentAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["parentFolderId"] = FakeFolders.IdOf(m.Folder),
            ["internetMessageId"] = m.InternetMessageId,
        };
        var expand = context.Request.Query["$expand"].ToString();
        if (expand.Contains("singleValueExtendedProperties", StringComparison.OrdinalIgnoreCase))
        {
            var wanted = Regex.Match(expand, @"id eq '([^']+)'", RegexOptions.None, TimeSpan.FromSeconds(1));
            json["singleValueExtendedProperties"] = new JsonArray(m.ExtendedProperties
                .Where(p => !wanted.Success || p.Key.Equals(wanted.Groups[1].Value, StringComparison.OrdinalIgnoreCase))
                .Select(p => (JsonNode)new JsonObject { ["id"] = p.Key, ["value"] = p.Value })
                .ToArray());
        }

        return json;
    }

    private static JsonObject? Person(FakePerson? person) =>
        person is null ? null : new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = person.Name ?? person.Address, ["address"] = person.Address } };

    private static string HtmlToText(string html)
    {
        var text = Regex.Replace(html, @"<(br|/p|/div)\s*/?>", "\n", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        text = Regex.Replace(text, "<[^>]+>", "", RegexOptions.None, TimeSpan.FromSeconds(1));
        return System.Net.WebUtility.HtmlDecode(text).Trim();
    }

    [GeneratedRegex(@"conversationId eq '((?:[^']|'')*)'", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ConversationFilter();

    [GeneratedRegex(@"receivedDateTime ge ([0-9TZ:\-\.+]+)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ReceivedFilter();
}
