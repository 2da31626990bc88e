using Outlay.Server.Ingest;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>The per-key event rate limit, on a manual clock.</summary>
public sealed class TokenBucketTests
{
    [Fact]
    public void A_full_bucket_allows_the_burst_then_refuses_until_refilled()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 100, clock);

        Assert.True(bucket.TryTake(100, out _));
        Assert.False(bucket.TryTake(25, out var retryAfter));

        // 25 tokens at 10/s need 2.5 s, rounded up to whole seconds for Retry-After.
        Assert.Equal(3, retryAfter);
        clock.Advance(TimeSpan.FromMilliseconds(2_500));
        Assert.True(bucket.TryTake(25, out _));
        Assert.False(bucket.HasToken(out _));
    }

    [Fact]
    public void Refill_never_exceeds_the_burst_even_after_a_long_idle_time()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 10, burst: 20, clock);
        Assert.True(bucket.TryTake(20, out _));

        clock.Advance(TimeSpan.FromDays(400));

        Assert.True(bucket.TryTake(20, out _));
        Assert.False(bucket.TryTake(1, out var retryAfter));
        Assert.Equal(1, retryAfter);
    }

    [Fact]
    public void A_batch_larger_than_the_burst_passes_on_a_full_bucket_and_empties_it()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 1, burst: 5, clock);

        Assert.True(bucket.TryTake(50, out _));
        Assert.False(bucket.HasToken(out _));
    }

    [Fact]
    public void Checking_for_a_token_does_not_use_it()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(ratePerSecond: 1, burst: 1, clock);

        Assert.True(bucket.HasToken(out _));
        Assert.True(bucket.HasToken(out _));
        Assert.True(bucket.TryTake(1, out _));
        Assert.False(bucket.HasToken(out _));
    }
}
