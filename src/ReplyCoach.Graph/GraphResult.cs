namespace ReplyCoach.Graph;

/// <summary>How a Graph operation ended. Every failure is one of these; none surfaces as an exception.</summary>
public enum GraphStatus
{
    /// <summary>It worked.</summary>
    Ok,
    /// <summary>No tenant is configured: Graph features are off.</summary>
    NotConfigured,
    /// <summary>The message, mailbox or setting does not exist (or is not visible to ReplyCoach).</summary>
    NotFound,
    /// <summary>The item is not in a state that allows this (e.g. it was already sent).</summary>
    Conflict,
    /// <summary>The request itself was invalid (e.g. a send time in the past).</summary>
    Invalid,
    /// <summary>Graph kept throttling past what ReplyCoach waits; <see cref="GraphResult.RetryAfter"/> says when to come back.</summary>
    Throttled,
    /// <summary>No valid token: sign-in failed, or Graph refused the token.</summary>
    Unauthorized,
    /// <summary>The token is valid but lacks a permission (or an application access policy excludes the mailbox).</summary>
    Forbidden,
    /// <summary>Graph is failing (5xx, dropped connections) or the circuit breaker is open.</summary>
    Unavailable,
    /// <summary>Graph did not answer in time.</summary>
    Timeout,
    /// <summary>Graph answered with something that could not be read.</summary>
    Malformed,
}

/// <summary>The outcome of a Graph operation without a value.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">A sentence for logs and ProblemDetails; never contains mail content, tokens or secrets.</param>
/// <param name="RetryAfter">When throttled or unavailable: how long to wait before trying again, when known.</param>
public record GraphResult(GraphStatus Status, string? Detail = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Whether it worked.</summary>
    public bool IsOk => Status == GraphStatus.Ok;

    /// <summary>The result for a feature that is off.</summary>
    public static GraphResult NotConfigured { get; } = new(GraphStatus.NotConfigured, GraphFeature.NotConfiguredDetail);

    /// <summary>A success.</summary>
    public static GraphResult Success { get; } = new(GraphStatus.Ok);

    /// <summary>A success with a value.</summary>
    public static GraphResult<T> Ok<T>(T value) => new(GraphStatus.Ok, value);

    /// <summary>A failure.</summary>
    public static GraphResult Failure(GraphStatus status, string? detail = null, TimeSpan? retryAfter = null) =>
        status == GraphStatus.Ok ? throw new ArgumentException("A failure needs a failing status.", nameof(status)) : new(status, detail, retryAfter);
}

/// <summary>The outcome of a Graph operation with a value on success.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed record GraphResult<T> : GraphResult
{
    internal GraphResult(GraphStatus status, T? value, string? detail = null, TimeSpan? retryAfter = null)
        : base(status, detail, retryAfter) => Value = value;

    /// <summary>The value; set exactly when <see cref="GraphResult.IsOk"/>.</summary>
    public T? Value { get; }

    /// <summary>Carries a failure over to another value type.</summary>
    public static GraphResult<T> From(GraphResult failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.IsOk ? throw new ArgumentException("Only a failure can be carried over.", nameof(failure)) : new(failure.Status, default, failure.Detail, failure.RetryAfter);
    }

    /// <summary>The value, or an exception naming the failure (for callers that have already checked).</summary>
    public T GetValueOrThrow() => IsOk ? Value! : throw new InvalidOperationException($"The Graph call failed: {Status} ({Detail}).");

    /// <summary>Converts the value when it worked; carries the failure otherwise.</summary>
    public GraphResult<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsOk ? new GraphResult<TOut>(GraphStatus.Ok, map(Value!)) : GraphResult<TOut>.From(this);
    }

    /// <summary>A failure of this value type.</summary>
    public static GraphResult<T> Fail(GraphStatus status, string? detail = null, TimeSpan? retryAfter = null) =>
        From(GraphResult.Failure(status, detail, retryAfter));
}
