namespace Outlay.Sdk.Internal;

/// <summary>
/// Exponential back-off with full jitter: attempt n waits a random time between the minimum and
/// min(maximum, minimum × 2^(n+1)). A server's <c>Retry-After</c> replaces it, kept within minimum and maximum.
/// </summary>
internal sealed class RetryBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Func<double> _nextUnit;

    /// <param name="min">The floor of every wait.</param>
    /// <param name="max">The cap of every wait, Retry-After included.</param>
    /// <param name="nextUnit">A source of uniform values in [0, 1); tests pass a fixed one.</param>
    public RetryBackoff(TimeSpan min, TimeSpan max, Func<double>? nextUnit = null)
    {
        _min = min;
        _max = max;
        _nextUnit = nextUnit ?? Random.Shared.NextDouble;
    }

    /// <summary>The wait before retry number <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } requested)
        {
            // "Retry-After: 0" or a past date must not make a busy loop of the retries: the minimum still holds.
            return requested > _max ? _max : requested < _min ? _min : requested;
        }

        var ceiling = Ceiling(attempt);
        var spread = (ceiling - _min).Ticks;
        return _min + TimeSpan.FromTicks((long)(spread * _nextUnit()));
    }

    /// <summary>The longest wait attempt <paramref name="attempt"/> can draw.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        // A zero minimum still needs something to double.
        var ceiling = _min > TimeSpan.Zero ? _min : TimeSpan.FromMilliseconds(1);
        for (var i = 0; i <= attempt && ceiling < _max; i++)
        {
            ceiling += ceiling;
        }

        return ceiling > _max ? _max : ceiling;
    }
}
