namespace ReplyCoach.TestKit.FakeGraph;

/// <summary>What the fake server does instead of (or before) answering normally.</summary>
public enum FaultKind
{
    /// <summary>429 Too Many Requests with a Retry-After header.</summary>
    Throttle,
    /// <summary>503 Service Unavailable (with Retry-After when given).</summary>
    Unavailable,
    /// <summary>504 Gateway Timeout.</summary>
    GatewayTimeout,
    /// <summary>500 Internal Server Error.</summary>
    ServerError,
    /// <summary>Waits, then answers normally (a slow response).</summary>
    Delay,
    /// <summary>Never answers until the client gives up (or the server stops).</summary>
    Hang,
    /// <summary>200 with a body that is not valid JSON.</summary>
    MalformedJson,
    /// <summary>401 InvalidAuthenticationToken: the token has expired (no claims challenge).</summary>
    ExpiredToken,
    /// <summary>Closes the connection without an answer.</summary>
    DropConnection,
}

/// <summary>A request as the fault rules see it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path after /v1.0, e.g. /users/a@b/messages/x.</param>
/// <param name="Mailbox">The mailbox addressed, lower-case, or null.</param>
public sealed record FakeRequest(string Method, string Path, string? Mailbox);

/// <summary>One fault rule: which requests, what happens, how often.</summary>
public sealed class FaultRule
{
    private int _remaining;

    private readonly int _every;
    private int _seen;

    internal FaultRule(FaultKind kind, Func<FakeRequest, bool> match, int times, double probability, TimeSpan? retryAfter, TimeSpan? delay, Random? random, int every = 0)
    {
        _every = every;
        Kind = kind;
        Match = match;
        _remaining = times;
        Probability = probability;
        RetryAfter = retryAfter;
        Delay = delay;
        Random = random;
    }

    public FaultKind Kind { get; }

    public Func<FakeRequest, bool> Match { get; }

    public double Probability { get; }

    public TimeSpan? RetryAfter { get; }

    public TimeSpan? Delay { get; }

    internal Random? Random { get; }

    /// <summary>Times the rule fired.</summary>
    public int Fired { get; private set; }

    /// <summary>Whether it may still fire (count-limited rules run out).</summary>
    public bool Active => _remaining != 0;

    internal bool TryFire(FakeRequest request)
    {
        if (_remaining == 0 || !Match(request))
        {
            return false;
        }

        if (Random is not null && Random.NextDouble() >= Probability)
        {
            return false;
        }

        if (_every > 0 && ++_seen % _every != 0)
        {
            return false;
        }

        if (_remaining > 0)
        {
            _remaining--;
        }

        Fired++;
        return true;
    }
}

/// <summary>
/// The faults the fake server injects, in order: the first active rule that matches a request fires. Rules are
/// count-limited (<c>times</c>), unlimited (<c>times: -1</c>) or random with a seed (reproducible).
/// </summary>
public sealed class FaultPlan
{
    private readonly List<FaultRule> _rules = [];
    private readonly object _gate = new();

    /// <summary>Matches every request.</summary>
    public static bool Any(FakeRequest request) => true;

    /// <summary>Adds a rule.</summary>
    public FaultRule Add(FaultKind kind, Func<FakeRequest, bool>? match = null, int times = 1, TimeSpan? retryAfter = null, TimeSpan? delay = null)
    {
        var rule = new FaultRule(kind, match ?? Any, times, 1, retryAfter, delay, null);
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Adds a rule that fires on a share of matching requests, reproducibly.</summary>
    public FaultRule AddRandom(FaultKind kind, double probability, int seed, Func<FakeRequest, bool>? match = null, TimeSpan? retryAfter = null, TimeSpan? delay = null)
    {
        var rule = new FaultRule(kind, match ?? Any, -1, probability, retryAfter, delay, new Random(seed));
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Fires on every <paramref name="n"/>-th matching request (n = 20: exactly 5% of them), without end.</summary>
    public FaultRule AddEvery(FaultKind kind, int n, Func<FakeRequest, bool>? match = null, TimeSpan? retryAfter = null, TimeSpan? delay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var rule = new FaultRule(kind, match ?? Any, -1, 1, retryAfter, delay, null, n);
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Throttles the next <paramref name="times"/> matching requests with the given Retry-After.</summary>
    public FaultRule Throttle(TimeSpan retryAfter, int times = 1, Func<FakeRequest, bool>? match = null) =>
        Add(FaultKind.Throttle, match, times, retryAfter);

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal FaultRule? Next(FakeRequest request)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.TryFire(request))
                {
                    return rule;
                }
            }
        }

        return null;
    }
}
