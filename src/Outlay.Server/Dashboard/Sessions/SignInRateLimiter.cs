using System.Collections.Concurrent;

namespace Outlay.Server.Dashboard.Sessions;

/// <summary>
/// Counts failed sign-ins per client address in fixed one-minute windows; past the limit, sign-in answers 429
/// until the window ends, so keys cannot be guessed at speed. Memory is bounded: the table is cleared when full.
/// </summary>
internal sealed class SignInRateLimiter
{
    private const int MaxTrackedClients = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly int _failuresPerMinute;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, FailureWindow> _failures = new(StringComparer.Ordinal);

    public SignInRateLimiter(int failuresPerMinute, TimeProvider time)
    {
        _failuresPerMinute = failuresPerMinute;
        _time = time;
    }

    /// <summary>Zero when the client may try; else how long until it may.</summary>
    public TimeSpan RetryAfter(string client)
    {
        if (_failuresPerMinute <= 0 || !_failures.TryGetValue(client, out var window))
        {
            return TimeSpan.Zero;
        }

        var now = _time.GetUtcNow();
        var ends = window.Start + Window;
        return window.Count >= _failuresPerMinute && ends > now ? ends - now : TimeSpan.Zero;
    }

    public void RecordFailure(string client)
    {
        if (_failuresPerMinute <= 0)
        {
            return;
        }

        if (_failures.Count >= MaxTrackedClients)
        {
            _failures.Clear();
        }

        var now = _time.GetUtcNow();
        _failures.AddOrUpdate(
            client,
            static (_, at) => new FailureWindow(at, 1),
            static (_, current, at) => current.Start + Window <= at ? new FailureWindow(at, 1) : current with { Count = current.Count + 1 },
            now);
    }

    private sealed record FailureWindow(DateTimeOffset Start, int Count);
}
