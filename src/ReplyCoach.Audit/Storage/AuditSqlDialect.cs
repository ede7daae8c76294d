namespace ReplyCoach.Audit.Storage;

/// <summary>What differs between the SQL the two engines are sent (the schemas are kept alike on purpose).</summary>
/// <param name="TextType">The SQL type group keys are cast to.</param>
/// <param name="AggregateByMask">Whether aggregates group by the category mask too (see <see cref="AuditQueryBuilder.Aggregate"/>).</param>
/// <param name="IdsAsArray">Whether a list of ids is one array parameter (PostgreSQL) rather than expanded by Dapper (SQLite).</param>
internal sealed record AuditSqlDialect(string TextType, bool AggregateByMask, bool IdsAsArray)
{
    /// <summary>SQLite.</summary>
    public static AuditSqlDialect Sqlite { get; } = new("TEXT", AggregateByMask: false, IdsAsArray: false);

    /// <summary>PostgreSQL.</summary>
    public static AuditSqlDialect PostgreSql { get; } = new("text", AggregateByMask: true, IdsAsArray: true);

    /// <summary>"column is one of @Ids".</summary>
    public string InIds(string column) => IdsAsArray ? $"{column} = ANY(@Ids)" : $"{column} IN @Ids";
}
