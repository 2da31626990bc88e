using System.Collections.Concurrent;

namespace Outlay.Server.Ingest;

/// <summary>
/// Per-key ingest rate limit counted in events (not requests), so one key cannot monopolise the store.
/// Only verified keys reach it, which bounds the number of buckets.
/// </summary>
internal sealed class IngestRateLimiter
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly int _eventsPerSecond;
    private readonly int _burst;
    private readonly TimeProvider _time;

    public IngestRateLimiter(int eventsPerSecond, int burst, TimeProvider time)
    {
        _eventsPerSecond = eventsPerSecond;
        _burst = burst;
        _time = time;
    }

    /// <summary>Whether the key has any allowance left, without using it (checked before reading a body).</summary>
    public bool HasAllowance(string keyId, out int retryAfterSeconds)
    {
        if (_eventsPerSecond == 0)
        {
            retryAfterSeconds = 0;
            return true;
        }

        return Bucket(keyId).HasToken(out retryAfterSeconds);
    }

    /// <summary>Whether the key may send <paramref name="events"/> events now; if not, when to retry.</summary>
    public bool TryAcquire(string keyId, int events, out int retryAfterSeconds)
    {
        if (_eventsPerSecond == 0)
        {
            retryAfterSeconds = 0;
            return true;
        }

        return Bucket(keyId).TryTake(events, out retryAfterSeconds);
    }

    private TokenBucket Bucket(string keyId) =>
        _buckets.GetOrAdd(keyId, static (_, self) => new TokenBucket(self._eventsPerSecond, self._burst, self._time), this);
}
