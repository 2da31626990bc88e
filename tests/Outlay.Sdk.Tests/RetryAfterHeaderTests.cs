using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Tests;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData(" 120 ", 120)]
    [InlineData("Mon, 23 Nov 2026 10:00:30 GMT", 30)]
    [InlineData("Mon, 23 Nov 2026 09:59:00 GMT", 0)]
    public void Reads_delta_seconds_and_http_dates(string header, int expectedSeconds)
    {
        Assert.True(RetryAfterHeader.TryParse(header, Now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Refuses_what_is_neither(string? header)
    {
        Assert.False(RetryAfterHeader.TryParse(header, Now, out _));
    }
}
