using System.Globalization;
using System.Text.Json;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.Storage;

/// <summary>Maps between the public audit types and the rows the store reads and writes.</summary>
internal static class AuditRowMapper
{
    /// <summary>A check as stored: scores in columns, ids hashed, the text-free detail as JSON (texts are stored apart, see <see cref="Redactor"/>).</summary>
    public static InsertRow ToInsertRow(AuditCheck check, RedactionPolicy policy, IdHasher hasher)
    {
        var at = check.CheckedAt.ToUniversalTime();
        var mask = 0;
        foreach (var span in check.Spans)
        {
            mask |= 1 << (int)span.Category;
        }

        double Score(ToneCategory c) => check.Categories.TryGetValue(c, out var s) ? s : 0;
        var spans = check.Spans.Take(Redactor.MaxItems).Select(s => new StoredSpan(s.Start, s.Length, (int)s.Category, Truncate(s.Reason, 300))).ToList();
        var suggestions = check.Suggestions.Take(Redactor.MaxItems)
            .Select(s => new StoredSuggestion(s.SpanIndex, Truncate(s.Rationale, 300), s.RiskBefore, s.RiskAfter)).ToList();
        return new InsertRow
        {
            CheckId = check.CheckId,
            AgentId = check.AgentId,
            AgentName = check.AgentName is null ? null : Truncate(check.AgentName, 200),
            Team = check.Team ?? "",
            CheckedAt = at.ToUnixTimeMilliseconds(),
            Week = WeekStart(at).ToUnixTimeMilliseconds(),
            MessageHash = hasher.Hash(check.MessageId),
            ConversationHash = hasher.Hash(check.ConversationId),
            Level = (int)check.Level,
            Risk = check.Risk,
            SHostility = Score(ToneCategory.Hostility),
            SBlame = Score(ToneCategory.Blame),
            SGeneralization = Score(ToneCategory.Generalization),
            SThreat = Score(ToneCategory.Threat),
            SCondescension = Score(ToneCategory.Condescension),
            SDismissiveness = Score(ToneCategory.Dismissiveness),
            SProfanity = Score(ToneCategory.Profanity),
            FlaggedMask = mask,
            Source = (int)check.Source,
            Outcome = (int)check.Outcome,
            RiskAtSend = check.RiskAtSend,
            OutcomeAt = check.Outcome == AuditOutcome.Pending ? null : at.ToUnixTimeMilliseconds(),
            Improved = AuditOutcomes.IsImproved(check.Outcome, check.Risk, check.RiskAtSend) ? 1 : 0,
            Counted = AuditOutcomes.CountsTowardShare(check.Outcome) ? 1 : 0,
            Redaction = (int)policy,
            TextPurged = policy == RedactionPolicy.None ? 1 : 0,
            Detail = JsonSerializer.Serialize(new StoredDetail(spans, suggestions), AuditJson.Default.StoredDetail),
        };
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>The Monday 00:00 UTC of the week containing a time.</summary>
    internal static DateTimeOffset WeekStart(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var daysSinceMonday = ((int)utc.DayOfWeek + 6) % 7;
        return new DateTimeOffset(utc.Date.AddDays(-daysSinceMonday), TimeSpan.Zero);
    }

    /// <summary>A week key as shown ("2025-03-03"), from its Monday in Unix milliseconds.</summary>
    public static string WeekKey(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A stored flag as a record; its spans and suggestions only when <paramref name="texts"/> were read (else empty).</summary>
    public static AuditRecord ToRecord(FlagRow row, List<TextRow>? texts)
    {
        var categories = new Dictionary<ToneCategory, double>
        {
            [ToneCategory.Hostility] = row.SHostility,
            [ToneCategory.Blame] = row.SBlame,
            [ToneCategory.Generalization] = row.SGeneralization,
            [ToneCategory.Threat] = row.SThreat,
            [ToneCategory.Condescension] = row.SCondescension,
            [ToneCategory.Dismissiveness] = row.SDismissiveness,
            [ToneCategory.Profanity] = row.SProfanity,
        };
        var flagged = ToneCategories.All.Where(c => (row.FlaggedMask & (1 << (int)c)) != 0).ToList();
        IReadOnlyList<AuditSpan> spans = [];
        IReadOnlyList<AuditSuggestion> suggestions = [];
        if (texts is not null)
        {
            var detail = JsonSerializer.Deserialize(row.Detail, AuditJson.Default.StoredDetail) ?? new StoredDetail([], []);
            string? Text(TextKind kind, int ordinal) => texts.FirstOrDefault(t => t.Kind == (int)kind && t.Ordinal == ordinal)?.Body;
            spans = detail.Spans.Select((s, i) => new AuditSpan(s.Start, s.Length, (ToneCategory)s.Category, s.Reason,
                Text(TextKind.SpanText, i), Text(TextKind.SpanSentence, i))).ToList();
            suggestions = detail.Suggestions.Select((s, i) => new AuditSuggestion(s.SpanIndex, s.Rationale, s.RiskBefore, s.RiskAfter,
                Text(TextKind.SuggestionReplacement, i), Text(TextKind.SuggestionSentence, i))).ToList();
        }

        static DateTimeOffset? At(long? ms) => ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
        return new AuditRecord(
            row.Id,
            row.CheckId,
            row.AgentId,
            row.AgentName,
            string.IsNullOrEmpty(row.Team) ? null : row.Team,
            DateTimeOffset.FromUnixTimeMilliseconds(row.CheckedAt),
            row.MessageHash,
            row.ConversationHash,
            (RiskLevel)row.Level,
            row.Risk,
            categories,
            flagged,
            (AuditSource)row.Source,
            (AuditOutcome)row.Outcome,
            row.RiskAtSend,
            At(row.OutcomeAt),
            (RedactionPolicy)row.Redaction,
            row.TextPurged != 0,
            At(row.ReviewedAt),
            row.ReviewedBy,
            row.CoachingNote,
            row.FalsePositive != 0,
            row.FpBy,
            At(row.FpAt),
            spans,
            suggestions);
    }

    /// <summary>
    /// The aggregates of a grouping from the rows of <see cref="AuditQueryBuilder.Aggregate"/>: the rows of one key
    /// (one per category mask where the dialect groups by it) are folded into one aggregate, sorted by key; grouped by
    /// category, a flag counts towards every category it was flagged for.
    /// </summary>
    public static IReadOnlyList<AuditAggregate> ToAggregates(AuditGrouping grouping, List<AggregateRow> rows)
    {
        if (grouping == AuditGrouping.Category)
        {
            return ToneCategories.All
                .Select(c => (Category: c, Rows: rows.Where(r => (r.Mask & (1 << (int)c)) != 0).ToList()))
                .Where(x => x.Rows.Count > 0)
                .Select(x => Fold(ToneCategories.Name(x.Category), null, x.Rows))
                .ToList();
        }

        return rows
            .GroupBy(r => r.GroupKey ?? "", StringComparer.Ordinal)
            .Select(g => Fold(
                grouping == AuditGrouping.Week ? WeekKey(long.Parse(g.Key, CultureInfo.InvariantCulture)) : g.Key,
                g.Select(r => r.DisplayName).FirstOrDefault(n => n is not null),
                g.ToList()))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static AuditAggregate Fold(string key, string? displayName, List<AggregateRow> rows)
    {
        var byCategory = ToneCategories.All.ToDictionary(ToneCategories.Name, _ => 0L);
        foreach (var row in rows)
        {
            long[] summed = [row.C0, row.C1, row.C2, row.C3, row.C4, row.C5, row.C6];
            foreach (var c in ToneCategories.All)
            {
                if (row.Mask < 0)
                {
                    byCategory[ToneCategories.Name(c)] += summed[(int)c];
                }
                else if ((row.Mask & (1 << (int)c)) != 0)
                {
                    byCategory[ToneCategories.Name(c)] += row.Flags;
                }
            }
        }

        return new AuditAggregate(
            key,
            rows.Sum(r => r.Flags),
            rows.Sum(r => r.Holds),
            rows.Sum(r => r.WithOutcome),
            rows.Sum(r => r.Improved),
            rows.Sum(r => r.SentAnyway),
            rows.Sum(r => r.FalsePositives),
            rows.Sum(r => r.Reviewed),
            byCategory)
        {
            DisplayName = displayName,
        };
    }
}
