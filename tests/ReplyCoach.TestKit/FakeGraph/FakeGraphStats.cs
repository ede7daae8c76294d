using System.Collections.Concurrent;

namespace ReplyCoach.TestKit.FakeGraph;

/// <summary>One request the fake server answered.</summary>
/// <param name="Method">The method.</param>
/// <param name="Path">The path after /v1.0.</param>
/// <param name="Query">The query string.</param>
/// <param name="Mailbox">The mailbox addressed, lower-case, or null.</param>
/// <param name="Status">The status sent (0 when the connection was dropped or the client went away).</param>
/// <param name="Fault">The fault injected, if any.</param>
public sealed record FakeRequestRecord(string Method, string Path, string Query, string? Mailbox, int Status, FaultKind? Fault);

/// <summary>What the fake server saw: requests, tokens, and requests in flight per mailbox.</summary>
public sealed class FakeGraphStats
{
    private readonly ConcurrentDictionary<string, InFlight> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<FakeRequestRecord> _log = new();
    private InFlight _overall = new();
    private long _requests;
    private long _tokenRequests;

    /// <summary>Graph requests received (token requests not included).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Token requests received.</summary>
    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    /// <summary>Every Graph request, in the order answered.</summary>
    public IReadOnlyList<FakeRequestRecord> Log => [.. _log];

    /// <summary>The most requests that were in flight at once for a mailbox.</summary>
    public int MaxInFlight(string mailbox) => _inFlight.TryGetValue(mailbox, out var f) ? f.Max : 0;

    /// <summary>The most Graph requests that were in flight at once over all mailboxes.</summary>
    public int MaxInFlightOverall => _overall.Max;

    /// <summary>Requests in flight now for a mailbox.</summary>
    public int InFlightNow(string mailbox) => _inFlight.TryGetValue(mailbox, out var f) ? f.Current : 0;

    /// <summary>Graph requests whose path contains <paramref name="fragment"/>.</summary>
    public int Count(string fragment, string? method = null) =>
        _log.Count(r => r.Path.Contains(fragment, StringComparison.OrdinalIgnoreCase) && (method is null || r.Method.Equals(method, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Forgets counts and the log.</summary>
    public void Reset()
    {
        _log.Clear();
        _inFlight.Clear();
        _overall = new InFlight();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _tokenRequests, 0);
    }

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void TokenRequest() => Interlocked.Increment(ref _tokenRequests);

    internal void Record(FakeRequestRecord record) => _log.Enqueue(record);

    internal void Enter(string mailbox)
    {
        _overall.Enter();
        _inFlight.GetOrAdd(mailbox, _ => new InFlight()).Enter();
    }

    internal void Leave(string mailbox)
    {
        _inFlight.GetOrAdd(mailbox, _ => new InFlight()).Leave();
        _overall.Leave();
    }

    private sealed class InFlight
    {
        private int _current;
        private int _max;

        public int Current => Volatile.Read(ref _current);

        public int Max => Volatile.Read(ref _max);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _current);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _current);
    }
}
