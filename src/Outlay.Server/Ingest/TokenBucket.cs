namespace Outlay.Server.Ingest;

/// <summary>
/// A token bucket in exact integer arithmetic: tokens are kept in units of 1/<c>Stopwatch frequency</c> so
/// refills by elapsed ticks need no rounding. Thread-safe.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly long _ratePerSecond;
    private readonly long _capacity;
    private readonly long _ticksPerSecond;
    private readonly TimeProvider _time;
    private long _units;
    private long _lastTimestamp;

    public TokenBucket(long ratePerSecond, long burst, TimeProvider time)
    {
        _ratePerSecond = ratePerSecond;
        _ticksPerSecond = time.TimestampFrequency;
        _capacity = checked(burst * _ticksPerSecond);
        _time = time;
        _units = _capacity;
        _lastTimestamp = time.GetTimestamp();
    }

    /// <summary>
    /// Takes <paramref name="tokens"/> (at most the burst size, so an oversized batch can still pass on a full
    /// bucket) or nothing; on refusal gives the whole seconds until enough have refilled.
    /// </summary>
    public bool TryTake(long tokens, out int retryAfterSeconds) => Check(tokens, consume: true, out retryAfterSeconds);

    /// <summary>Whether at least one token is left, without taking it.</summary>
    public bool HasToken(out int retryAfterSeconds) => Check(1, consume: false, out retryAfterSeconds);

    private bool Check(long tokens, bool consume, out int retryAfterSeconds)
    {
        var needed = Math.Min(tokens * _ticksPerSecond, _capacity);
        lock (_gate)
        {
            Refill();
            if (_units >= needed)
            {
                if (consume)
                {
                    _units -= needed;
                }

                retryAfterSeconds = 0;
                return true;
            }

            var perSecond = _ratePerSecond * _ticksPerSecond;
            var missing = needed - _units;
            retryAfterSeconds = (int)Math.Min(int.MaxValue, Math.Max(1, (missing + perSecond - 1) / perSecond));
            return false;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = now - _lastTimestamp;
        _lastTimestamp = now;
        if (elapsed <= 0)
        {
            return;
        }

        var missing = _capacity - _units;

        // Compare in ticks first so elapsed * rate cannot overflow after a long idle period.
        if (elapsed >= (missing / _ratePerSecond) + 1)
        {
            _units = _capacity;
        }
        else
        {
            _units += elapsed * _ratePerSecond;
        }
    }
}
