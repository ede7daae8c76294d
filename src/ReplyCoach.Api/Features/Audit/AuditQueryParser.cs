using System.Globalization;
using ReplyCoach.Audit;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Api.Features.Audit;

/// <summary>
/// Reads the list, aggregate and export filters from the query string: <c>agent</c>, <c>team</c>, <c>category</c>,
/// <c>level</c>, <c>outcome</c>, <c>from</c>, <c>to</c> (ISO dates or times; a date-only <c>to</c> includes that
/// day), <c>reviewed</c>, <c>falsePositive</c>, plus <c>pageSize</c> and <c>cursor</c> for lists.
/// Every bad value is named in a 400 problem rather than ignored.
/// </summary>
internal static class AuditQueryParser
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static (AuditFilter Filter, Dictionary<string, string[]> Errors) Filter(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        ToneCategory? category = null;
        if (Value(query, "category") is { } c)
        {
            if (ToneCategories.TryParse(c, out var parsed))
            {
                category = parsed;
            }
            else
            {
                errors["category"] = [$"Unknown category; use one of {string.Join(", ", ToneCategories.All.Select(ToneCategories.Name))}."];
            }
        }

        RiskLevel? level = null;
        switch (Value(query, "level")?.ToLowerInvariant())
        {
            case null:
                break;
            case "caution":
                level = RiskLevel.Caution;
                break;
            case "hold":
                level = RiskLevel.Hold;
                break;
            default:
                errors["level"] = ["The level is caution or hold (checks at ok are not audited)."];
                break;
        }

        AuditOutcome? outcome = null;
        if (Value(query, "outcome") is { } o)
        {
            if (AuditOutcomes.TryParse(o, out var parsed))
            {
                outcome = parsed;
            }
            else
            {
                errors["outcome"] = ["Unknown outcome; use pending, edited, applied_suggestion, used_rewrite, accepted_delay, sent_anyway or discarded."];
            }
        }

        var from = Time(query, "from", endOfDay: false, errors);
        var to = Time(query, "to", endOfDay: true, errors);
        if (from is not null && to is not null && to <= from)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        var filter = new AuditFilter(
            AgentId: Value(query, "agent"),
            Team: Value(query, "team"),
            Category: category,
            Level: level,
            Outcome: outcome,
            From: from,
            To: to,
            Reviewed: Bool(query, "reviewed", errors),
            FalsePositive: Bool(query, "falsePositive", errors));
        return (filter, errors);
    }

    public static (int PageSize, string? Cursor) Paging(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var pageSize = DefaultPageSize;
        if (Value(query, "pageSize") is { } size
            && (!int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"The page size is a whole number from 1 to {MaxPageSize}."];
            pageSize = DefaultPageSize;
        }

        var cursor = Value(query, "cursor");
        if (cursor is { Length: > 200 })
        {
            errors["cursor"] = ["The cursor is not one this service handed out."];
            cursor = null;
        }

        return (pageSize, cursor);
    }

    public static AuditGrouping? Grouping(string? groupBy) => groupBy?.Trim().ToLowerInvariant() switch
    {
        null or "" or "week" => AuditGrouping.Week,
        "agent" => AuditGrouping.Agent,
        "team" => AuditGrouping.Team,
        "category" => AuditGrouping.Category,
        _ => null,
    };

    private static string? Value(IQueryCollection query, string name)
    {
        var value = query[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    private static bool? Bool(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var value = Value(query, name);
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out var b))
        {
            return b;
        }

        errors[name] = [$"'{name}' is true or false."];
        return null;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, bool endOfDay, Dictionary<string, string[]> errors)
    {
        var value = Value(query, name);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"'{name}' is a date (2025-03-31) or an ISO 8601 time."];
        return null;
    }
}
