using Polly;

namespace ReplyCoach.Graph.Resilience;

/// <summary>
/// One resilience pipeline per mailbox, so that a mailbox whose calls keep failing opens its own circuit breaker
/// while calls for other mailboxes go on (Graph's limits and many of its outages are per mailbox). The cache is
/// bounded: a pipeline with no call in flight is dropped once it has been idle for <see cref="IdleTime"/> (by then
/// its breaker holds nothing worth keeping), and beyond <see cref="Capacity"/> pipelines the least recently used idle
/// ones go first, so a sweep over many mailboxes does not grow memory without bound. A pipeline in use is never
/// dropped. The per-mailbox concurrency limiter is shared by all pipelines, not cached here, so dropping a pipeline
/// never loosens the limit. Thread-safe.
/// </summary>
internal sealed class MailboxPipelines
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly Func<string, ResiliencePipeline<HttpResponseMessage>> _build;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextSweep;

    public MailboxPipelines(GraphResilienceOptions options, TimeProvider time, Func<string, ResiliencePipeline<HttpResponseMessage>> build)
    {
        _build = build;
        _time = time;
        Capacity = options.MaxMailboxPipelines;
        // An entry idle for longer than the break and the sampling window has a closed breaker with no failures
        // counted, i.e. the same state a new one starts in.
        IdleTime = new[] { options.MailboxPipelineIdleTime, options.BreakDuration, options.BreakerSamplingDuration }.Max();
        _nextSweep = time.GetUtcNow() + IdleTime;
    }

    /// <summary>Pipelines kept at most while none of the extra ones has a call in flight.</summary>
    public int Capacity { get; }

    /// <summary>How long a pipeline without calls is kept.</summary>
    public TimeSpan IdleTime { get; }

    /// <summary>Pipelines cached now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The mailbox's pipeline, held (not dropped) until the lease is disposed.</summary>
    public Lease Acquire(string mailbox)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_entries.TryGetValue(mailbox, out var entry))
            {
                entry = new Entry(_build(mailbox));
                _entries.Add(mailbox, entry);
            }

            entry.Active++;
            entry.LastUsed = now;
            if (_entries.Count > Capacity || now >= _nextSweep)
            {
                Sweep(now);
            }

            return new Lease(this, entry);
        }
    }

    private void Release(Entry entry)
    {
        lock (_gate)
        {
            entry.Active--;
            entry.LastUsed = _time.GetUtcNow();
        }
    }

    // Called under the lock.
    private void Sweep(DateTimeOffset now)
    {
        _nextSweep = now + IdleTime;
        List<KeyValuePair<string, Entry>>? idle = null;
        foreach (var pair in _entries)
        {
            if (pair.Value.Active == 0)
            {
                (idle ??= []).Add(pair);
            }
        }

        if (idle is null)
        {
            return;
        }

        idle.Sort((a, b) => a.Value.LastUsed.CompareTo(b.Value.LastUsed));
        foreach (var (mailbox, entry) in idle)
        {
            if (now - entry.LastUsed < IdleTime && _entries.Count <= Capacity)
            {
                break; // oldest first: the rest are younger still
            }

            _entries.Remove(mailbox);
        }
    }

    internal sealed class Entry(ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        public ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = pipeline;

        public int Active { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }

    /// <summary>A mailbox's pipeline in use by one request.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly MailboxPipelines _owner;
        private readonly Entry _entry;

        internal Lease(MailboxPipelines owner, Entry entry)
        {
            _owner = owner;
            _entry = entry;
        }

        /// <summary>The pipeline.</summary>
        public ResiliencePipeline<HttpResponseMessage> Pipeline => _entry.Pipeline;

        /// <inheritdoc />
        public void Dispose() => _owner?.Release(_entry);
    }
}

/// <summary>
/// Picks the mailbox's pipeline for a request (by its URL, <c>/users/{id}/...</c>, see <see cref="MailboxKey"/>) and
/// holds it for the request's whole run; the <see cref="Microsoft.Extensions.Http.Resilience.ResilienceHandler"/>
/// behind it runs the request through that pipeline (see <see cref="Selector"/>).
/// </summary>
internal sealed class MailboxPipelineHandler(MailboxPipelines pipelines) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<ResiliencePipeline<HttpResponseMessage>> Key = new("ReplyCoach.Graph.MailboxPipeline");

    /// <summary>For the resilience handler: the pipeline this handler chose for the request.</summary>
    public ResiliencePipeline<HttpResponseMessage> Selector(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var pipeline)
            ? pipeline
            : throw new InvalidOperationException("The Graph request did not pass the mailbox pipeline handler.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = Hold(request);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = Hold(request);
        return base.Send(request, cancellationToken);
    }

    private MailboxPipelines.Lease Hold(HttpRequestMessage request)
    {
        var lease = pipelines.Acquire(MailboxKey.From(request.RequestUri));
        request.Options.Set(Key, lease.Pipeline);
        return lease;
    }
}
