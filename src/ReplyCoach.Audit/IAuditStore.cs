namespace ReplyCoach.Audit;

/// <summary>
/// The audit trail of flagged drafts: what was flagged, what the agent did, and what a lead made of it.
/// One contract, two engines (embedded SQLite, shared PostgreSQL); every implementation applies the configured
/// redaction policy and hashes message and conversation ids before anything reaches the database, so callers
/// hand over what they have and never pre-redact.
/// </summary>
/// <remarks>
/// Writes are transactional and idempotent: <see cref="AuditCheck.CheckId"/> is the idempotency key, so a retried
/// request (or a Graph sweep that sees the same sent item twice) never creates a second record.
/// Reads take an <see cref="AuditScope"/>: an agent sees only their own records, a lead only their team's.
/// Thread-safe; register as a singleton.
/// </remarks>
public interface IAuditStore
{
    /// <summary>
    /// Records a check that reached caution or hold. Checks at level <c>ok</c> are not recorded
    /// (<see cref="AuditWriteStatus.NotFlagged"/>). Replaying the same <see cref="AuditCheck.CheckId"/> returns
    /// <see cref="AuditWriteStatus.Duplicate"/> with the existing record's id and changes nothing.
    /// </summary>
    Task<AuditWriteResult> RecordCheckAsync(AuditCheck check, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records what the agent did with a flagged check. Only the agent who made the check can report its outcome;
    /// an unknown check (never flagged, someone else's, or purged) gives <see cref="AuditWriteStatus.NotFound"/>.
    /// Reporting the same outcome again is <see cref="AuditWriteStatus.Duplicate"/>; a later, different outcome
    /// replaces the earlier one (the last thing the agent did is what counts).
    /// </summary>
    Task<AuditWriteResult> RecordOutcomeAsync(AuditOutcomeReport report, CancellationToken cancellationToken = default);

    /// <summary>One page of records matching the filter, newest first, within the scope.</summary>
    Task<AuditPage> ListAsync(AuditQuery query, AuditScope scope, CancellationToken cancellationToken = default);

    /// <summary>One record with its spans and suggestions, or null when it does not exist or is outside the scope.</summary>
    Task<AuditRecord?> GetAsync(long id, AuditScope scope, CancellationToken cancellationToken = default);

    /// <summary>Marks a record reviewed with an optional coaching note. Null when it does not exist or is outside the scope.</summary>
    Task<AuditRecord?> ReviewAsync(long id, AuditReview review, AuditScope scope, CancellationToken cancellationToken = default);

    /// <summary>Marks (or unmarks) a record as a false positive. Null when it does not exist or is outside the scope.</summary>
    Task<AuditRecord?> MarkFalsePositiveAsync(long id, AuditFalsePositive mark, AuditScope scope, CancellationToken cancellationToken = default);

    /// <summary>Counts per group (agent, team, category or week) over the filter, within the scope.</summary>
    Task<IReadOnlyList<AuditAggregate>> AggregateAsync(AuditAggregateQuery query, AuditScope scope, CancellationToken cancellationToken = default);

    /// <summary>Every record matching the filter, oldest first, streamed (for CSV and training exports).</summary>
    IAsyncEnumerable<AuditRecord> ExportAsync(AuditFilter filter, AuditScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the retention periods now: drops text older than the text retention period and deletes records older
    /// than the record retention period, so that it is gone from the database file, not merely hidden.
    /// </summary>
    Task<AuditPurgeResult> PurgeAsync(AuditPurgeRequest request, CancellationToken cancellationToken = default);
}
