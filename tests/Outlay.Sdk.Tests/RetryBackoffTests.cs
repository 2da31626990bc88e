using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Tests;

public sealed class RetryBackoffTests
{
    [Fact]
    public void The_ceiling_doubles_from_the_minimum_and_stops_at_the_maximum()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // 1 s doubled per attempt: 2, 4, 8, 16, 32, then 64 capped to 60.
        var ceilings = Enumerable.Range(0, 8).Select(a => backoff.Ceiling(a).TotalSeconds);

        Assert.Equal([2, 4, 8, 16, 32, 60, 60, 60], ceilings);
    }

    [Fact]
    public void Full_jitter_spans_minimum_to_ceiling()
    {
        var highest = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 1.0);
        var lowest = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.0);
        var middle = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(16), highest.Delay(3, retryAfter: null));
        Assert.Equal(TimeSpan.FromSeconds(60), highest.Delay(30, retryAfter: null));
        Assert.Equal(TimeSpan.FromSeconds(1), lowest.Delay(30, retryAfter: null));
        // 1 s + 0.5 × (16 s − 1 s) = 8.5 s.
        Assert.Equal(TimeSpan.FromSeconds(8.5), middle.Delay(3, retryAfter: null));
    }

    [Fact]
    public void Random_delays_grow_with_attempts_and_never_leave_the_bounds()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        for (var attempt = 0; attempt < 20; attempt++)
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.InRange(backoff.Delay(attempt, retryAfter: null), TimeSpan.FromMilliseconds(100), backoff.Ceiling(attempt));
            }
        }

        Assert.True(backoff.Ceiling(3) > backoff.Ceiling(0));
    }

    [Fact]
    public void Retry_after_replaces_the_backoff_but_is_capped_at_the_maximum()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(7), backoff.Delay(5, TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Delay(0, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Retry_after_of_zero_or_a_past_date_still_waits_the_minimum()
    {
        // A proxy answering 503 with "Retry-After: 0" (or a date already past) must not turn the retry loop into a busy loop.
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.0);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Delay(0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Delay(4, TimeSpan.FromMilliseconds(200)));
    }
}
