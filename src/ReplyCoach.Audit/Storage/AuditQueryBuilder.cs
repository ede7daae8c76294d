using System.Text;
using Dapper;
using ReplyCoach.Core.Analysis;

namespace ReplyCoach.Audit.Storage;

/// <summary>
/// Every SQL statement the audit store sends, with its parameters: one set for SQLite and PostgreSQL, the few
/// differences taken from the <see cref="AuditSqlDialect"/>. Scopes and filters always become parameters (never text
/// of the caller's), except the false-positive flag, which is a literal so both engines can use their partial index.
/// </summary>
internal sealed class AuditQueryBuilder(AuditSqlDialect dialect)
{
    /// <summary>The columns of <c>audit_flag</c> under the names of <see cref="FlagRow"/>.</summary>
    public const string FlagColumns =
        "id AS Id, check_id AS CheckId, agent_id AS AgentId, agent_name AS AgentName, team AS Team, checked_at AS CheckedAt, " +
        "message_hash AS MessageHash, conversation_hash AS ConversationHash, level AS Level, risk AS Risk, " +
        "s_hostility AS SHostility, s_blame AS SBlame, s_generalization AS SGeneralization, s_threat AS SThreat, " +
        "s_condescension AS SCondescension, s_dismissiveness AS SDismissiveness, s_profanity AS SProfanity, " +
        "flagged_mask AS FlaggedMask, source AS Source, outcome AS Outcome, risk_at_send AS RiskAtSend, outcome_at AS OutcomeAt, " +
        "redaction AS Redaction, text_purged AS TextPurged, reviewed_at AS ReviewedAt, reviewed_by AS ReviewedBy, " +
        "coaching_note AS CoachingNote, false_positive AS FalsePositive, fp_by AS FpBy, fp_at AS FpAt, detail AS Detail";

    /// <summary>Inserts one <see cref="InsertRow"/>; returns its id, or nothing when the check id is already stored.</summary>
    public const string InsertFlag = """
        INSERT INTO audit_flag (check_id, agent_id, agent_name, team, checked_at, week, message_hash, conversation_hash,
            level, risk, s_hostility, s_blame, s_generalization, s_threat, s_condescension, s_dismissiveness, s_profanity,
            flagged_mask, source, outcome, risk_at_send, outcome_at, improved, counted, redaction, text_purged, detail)
        VALUES (@CheckId, @AgentId, @AgentName, @Team, @CheckedAt, @Week, @MessageHash, @ConversationHash,
            @Level, @Risk, @SHostility, @SBlame, @SGeneralization, @SThreat, @SCondescension, @SDismissiveness, @SProfanity,
            @FlaggedMask, @Source, @Outcome, @RiskAtSend, @OutcomeAt, @Improved, @Counted, @Redaction, @TextPurged, @Detail)
        ON CONFLICT (check_id) DO NOTHING
        RETURNING id
        """;

    /// <summary>Inserts the kept texts of a flag (<see cref="TextRow"/>s).</summary>
    public const string InsertText = "INSERT INTO audit_text (flag_id, kind, ordinal, body) VALUES (@FlagId, @Kind, @Ordinal, @Body)";

    /// <summary>The id of the flag with <c>@CheckId</c>.</summary>
    public const string FlagIdOfCheck = "SELECT id FROM audit_flag WHERE check_id = @CheckId";

    /// <summary>What an outcome report needs (<see cref="OutcomeRow"/>) of the flag with <c>@CheckId</c> and <c>@AgentId</c>.</summary>
    public const string OutcomeOfCheck =
        "SELECT id AS Id, outcome AS Outcome, risk AS Risk, risk_at_send AS RiskAtSend FROM audit_flag WHERE check_id = @CheckId AND agent_id = @AgentId";

    /// <summary>Records an outcome on the flag <c>@Id</c>.</summary>
    public const string UpdateOutcome = """
        UPDATE audit_flag SET outcome = @Outcome, risk_at_send = @RiskAtSend, outcome_at = @OutcomeAt,
            improved = @Improved, counted = @Counted
        WHERE id = @Id
        """;

    /// <summary>Up to <c>@Take</c> ids of flags checked before <c>@Cutoff</c>, oldest first.</summary>
    public const string FlagsBefore = "SELECT id FROM audit_flag WHERE checked_at < @Cutoff ORDER BY checked_at LIMIT @Take";

    /// <summary>Up to <c>@Take</c> ids of flags checked before <c>@Cutoff</c> whose texts are still kept, oldest first.</summary>
    public const string FlagsWithTextBefore = "SELECT id FROM audit_flag WHERE checked_at < @Cutoff AND text_purged = 0 ORDER BY checked_at LIMIT @Take";

    private static readonly string CategorySums = string.Join(",\n    ", ToneCategories.All.Select(c =>
        $"SUM(CASE WHEN (flagged_mask & {1 << (int)c}) <> 0 THEN 1 ELSE 0 END) AS C{(int)c}"));

    /// <summary>The texts of the flags in <c>@Ids</c>.</summary>
    public string TextsOfFlags =>
        $"SELECT flag_id AS FlagId, kind AS Kind, ordinal AS Ordinal, body AS Body FROM audit_text WHERE {dialect.InIds("flag_id")}";

    /// <summary>Deletes the texts of the flags in <c>@Ids</c>.</summary>
    public string DeleteTextsOfFlags => $"DELETE FROM audit_text WHERE {dialect.InIds("flag_id")}";

    /// <summary>Deletes the flags in <c>@Ids</c> (their texts first: <see cref="DeleteTextsOfFlags"/>).</summary>
    public string DeleteFlags => $"DELETE FROM audit_flag WHERE {dialect.InIds("id")}";

    /// <summary>Marks the flags in <c>@Ids</c> as having had their texts purged.</summary>
    public string MarkTextsPurged => $"UPDATE audit_flag SET text_purged = 1 WHERE {dialect.InIds("id")}";

    /// <summary>One flag by id, within the caller's scope.</summary>
    public static (string Sql, DynamicParameters Parameters) Flag(long id, AuditScope scope)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Id", id);
        var scopeSql = Scope(scope, parameters);
        return ($"SELECT {FlagColumns} FROM audit_flag WHERE id = @Id{scopeSql}", parameters);
    }

    /// <summary>Sets columns (<paramref name="set"/>, with its <paramref name="values"/>) of one flag, within the caller's scope.</summary>
    public static (string Sql, DynamicParameters Parameters) Update(long id, AuditScope scope, string set, object values)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("Id", id);
        var scopeSql = Scope(scope, parameters);
        return ($"UPDATE audit_flag SET {set} WHERE id = @Id{scopeSql}", parameters);
    }

    /// <summary>
    /// A page of the list, newest first: one row more than the page size, so the caller knows whether another page
    /// follows. The cursor (<see cref="AuditCursor"/>) is where the previous page ended.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) ListPage(AuditQuery query, AuditScope scope)
    {
        var (where, parameters) = Where(query.Filter, scope);
        if (query.Cursor is not null)
        {
            var (at, id) = AuditCursor.Decode(query.Cursor);
            where.Append(" AND (checked_at < @CursorAt OR (checked_at = @CursorAt AND id < @CursorId))");
            parameters.Add("CursorAt", at);
            parameters.Add("CursorId", id);
        }

        parameters.Add("Take", query.PageSize + 1);
        return ($"SELECT {FlagColumns} FROM audit_flag WHERE {where} ORDER BY checked_at DESC, id DESC LIMIT @Take", parameters);
    }

    /// <summary>A page of an export, oldest first, after the row (<paramref name="afterAt"/>, <paramref name="afterId"/>) when given.</summary>
    public static (string Sql, DynamicParameters Parameters) ExportPage(AuditFilter filter, AuditScope scope, long? afterAt, long afterId, int take)
    {
        var (where, parameters) = Where(filter, scope);
        if (afterAt is not null)
        {
            where.Append(" AND (checked_at > @AfterAt OR (checked_at = @AfterAt AND id > @AfterId))");
            parameters.Add("AfterAt", afterAt);
            parameters.Add("AfterId", afterId);
        }

        parameters.Add("Take", take);
        return ($"SELECT {FlagColumns} FROM audit_flag WHERE {where} ORDER BY checked_at, id LIMIT @Take", parameters);
    }

    /// <summary>The counts of an aggregate, one <see cref="AggregateRow"/> per key (and per category mask where the dialect groups by it).</summary>
    public (string Sql, DynamicParameters Parameters) Aggregate(AuditAggregateQuery query, AuditScope scope)
    {
        var (where, parameters) = Where(query.Filter, scope);
        var key = query.GroupBy switch
        {
            AuditGrouping.Agent => "agent_id",
            AuditGrouping.Team => "team",
            AuditGrouping.Week => "week",
            AuditGrouping.Category => "''",
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.GroupBy, "Unknown grouping."),
        };

        // Two shapes, chosen per engine by measurement: PostgreSQL is fastest grouped by the key and the category
        // mask with few expressions per row (the category split is folded in here from a few hundred groups);
        // SQLite is fastest with one group per key and the seven category counts summed in SQL.
        var name = query.GroupBy == AuditGrouping.Agent ? "MAX(agent_name)" : "NULL";
        var byMask = query.GroupBy == AuditGrouping.Category || dialect.AggregateByMask;
        var groupBy = query.GroupBy == AuditGrouping.Category ? "flagged_mask" : byMask ? $"{key}, flagged_mask" : key;
        var categorySums = byMask ? "" : ",\n    " + CategorySums;
        var sql = $"""
            SELECT CAST({key} AS {dialect.TextType}) AS GroupKey, {name} AS DisplayName, {(byMask ? "flagged_mask" : "-1")} AS Mask, COUNT(*) AS Flags,
                SUM(CASE WHEN level = 2 THEN 1 ELSE 0 END) AS Holds,
                SUM(counted) AS WithOutcome, SUM(improved) AS Improved,
                SUM(CASE WHEN outcome = {(int)AuditOutcome.SentAnyway} THEN 1 ELSE 0 END) AS SentAnyway,
                SUM(false_positive) AS FalsePositives, SUM(reviewed) AS Reviewed{categorySums}
            FROM audit_flag WHERE {where} GROUP BY {groupBy}
            """;
        return (sql, parameters);
    }

    /// <summary>The condition that keeps a query within the caller's scope (" AND ..."; empty for everything).</summary>
    public static string Scope(AuditScope scope, DynamicParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(scope);
        switch (scope.Kind)
        {
            case AuditScopeKind.All:
                return "";
            case AuditScopeKind.Agent:
                parameters.Add("ScopeValue", RequireScopeValue(scope));
                return " AND agent_id = @ScopeValue";
            case AuditScopeKind.Team:
                parameters.Add("ScopeValue", RequireScopeValue(scope));
                return " AND team = @ScopeValue";
            default:
                throw new ArgumentOutOfRangeException(nameof(scope), scope.Kind, "Unknown scope.");
        }
    }

    private static string RequireScopeValue(AuditScope scope) =>
        string.IsNullOrEmpty(scope.Value)
            ? throw new ArgumentException("An agent or team scope needs a value; a caller without a team sees nothing rather than everything.", nameof(scope))
            : scope.Value;

    /// <summary>The WHERE condition of a filter within a scope, and its parameters.</summary>
    public static (StringBuilder Where, DynamicParameters Parameters) Where(AuditFilter filter, AuditScope scope)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters();
        var where = new StringBuilder("1 = 1");
        where.Append(Scope(scope, parameters));
        if (filter.AgentId is not null)
        {
            where.Append(" AND agent_id = @AgentId");
            parameters.Add("AgentId", filter.AgentId);
        }

        if (filter.Team is not null)
        {
            where.Append(" AND team = @Team");
            parameters.Add("Team", filter.Team);
        }

        if (filter.Category is { } category)
        {
            where.Append(" AND (flagged_mask & @CategoryBit) <> 0");
            parameters.Add("CategoryBit", 1 << (int)category);
        }

        if (filter.Level is { } level)
        {
            where.Append(" AND level = @Level");
            parameters.Add("Level", (int)level);
        }

        if (filter.Outcome is { } outcome)
        {
            where.Append(" AND outcome = @Outcome");
            parameters.Add("Outcome", (int)outcome);
        }

        if (filter.From is { } from)
        {
            where.Append(" AND checked_at >= @From");
            parameters.Add("From", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            where.Append(" AND checked_at < @To");
            parameters.Add("To", to.ToUnixTimeMilliseconds());
        }

        if (filter.Reviewed is { } reviewed)
        {
            where.Append(" AND reviewed = @Reviewed");
            parameters.Add("Reviewed", reviewed ? 1 : 0);
        }

        if (filter.FalsePositive is { } falsePositive)
        {
            // A literal, not a parameter: only then can both engines use the partial index on false positives.
            where.Append(falsePositive ? " AND false_positive = 1" : " AND false_positive = 0");
        }

        return (where, parameters);
    }
}
