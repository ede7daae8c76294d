namespace ReplyCoach.Api.Features.Drafts;

/// <summary>
/// The time budget of one request's engine work, spent in phases (the analysis, then the coaching): only the time a
/// phase runs counts, not the waits between them (for a lane, a language model or the audit store).
/// </summary>
internal sealed class WorkBudget(TimeSpan total, TimeProvider time)
{
    private TimeSpan _spent;

    /// <summary>Starts a phase: its token is cancelled when the budget left runs out. Dispose it when the phase ends.</summary>
    public Phase Begin() => new(this, total - _spent);

    internal sealed class Phase : IDisposable
    {
        private readonly WorkBudget _budget;
        private readonly CancellationTokenSource _stop;
        private readonly long _started;

        internal Phase(WorkBudget budget, TimeSpan left)
        {
            _budget = budget;
            _started = budget.Clock.GetTimestamp();
            _stop = left > TimeSpan.Zero ? new CancellationTokenSource(left, budget.Clock) : new CancellationTokenSource();
            if (left <= TimeSpan.Zero)
            {
                _stop.Cancel();
            }
        }

        public CancellationToken Token => _stop.Token;

        public void Dispose()
        {
            _budget._spent += _budget.Clock.GetElapsedTime(_started);
            _stop.Dispose();
        }
    }

    private TimeProvider Clock => time;
}
