namespace Outlay.Sdk.Tests.Support;

/// <summary>
/// A clock that moves only when told to. Timers (Task.Delay, CancellationTokenSource timeouts) fire when
/// <see cref="Advance"/> passes their due time; <see cref="Armed"/> shows which are waiting.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private TimeSpan _elapsed;

    public ManualTimeProvider(DateTimeOffset start)
    {
        _now = start;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _elapsed.Ticks;
        }
    }

    /// <summary>The due times (from when each was armed) of the timers now waiting.</summary>
    public IReadOnlyList<TimeSpan> Armed
    {
        get
        {
            lock (_gate)
            {
                return _timers.Where(t => t.DueAt is not null).Select(t => t.Requested).ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves both clocks forward and runs the timers that fell due, in order, on the calling thread.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            _elapsed += by;
            due = _timers.Where(t => t.DueAt is { } at && at <= _elapsed).OrderBy(t => t.DueAt).ToList();
            foreach (var timer in due)
            {
                timer.DueAt = timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan ? _elapsed + timer.Period : null;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Waits (on the real clock, at most 10 s, else the test fails) until a timer matching <paramref name="match"/> is armed.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        for (var i = 0; i < 1000; i++)
        {
            var found = Armed.Where(match).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("No matching timer was armed within 10 seconds; armed: " + string.Join(", ", Armed));
    }

    private sealed class ManualTimer : ITimer
    {
        private readonly ManualTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;

        public ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public TimeSpan? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public TimeSpan Requested { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_owner._gate)
            {
                Requested = dueTime;
                Period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _owner._elapsed + dueTime;
            }

            return true;
        }

        public void Fire() => _callback(_state);

        public void Dispose()
        {
            lock (_owner._gate)
            {
                DueAt = null;
                _owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
