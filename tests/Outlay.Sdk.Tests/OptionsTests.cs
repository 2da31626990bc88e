namespace Outlay.Sdk.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_match_the_documentation()
    {
        var options = new OutlayClientOptions();

        Assert.Equal(new Uri("http://127.0.0.1:5318"), options.Endpoint);
        Assert.Null(options.IngestKey);
        Assert.Equal(10_000, options.MaxQueueSize);
        Assert.Equal(500, options.MaxBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(2), options.FlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.MinRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(15), options.MaxRetryDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownTimeout);
        Assert.True(options.CompressRequests);
        Assert.Equal(Environment.MachineName, options.Instance);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BudgetRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.BudgetStaleAfter);
        Assert.Empty(options.FailClosedBudgets);
    }

    [Fact]
    public void Setters_refuse_out_of_range_values_without_echoing_them()
    {
        var options = new OutlayClientOptions();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxQueueSize = 0);
        Assert.Contains("MaxQueueSize", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBatchSize = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.FlushInterval = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.RequestTimeout = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MinRetryDelay = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxRetryDelay = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxRetryDuration = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ShutdownTimeout = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Endpoint = new Uri("ftp://example.com"));
        Assert.Throws<ArgumentNullException>(() => options.Endpoint = null!);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BudgetRefreshInterval = TimeSpan.FromMilliseconds(999));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BudgetRefreshInterval = TimeSpan.FromDays(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BudgetStaleAfter = TimeSpan.Zero);
    }

    [Theory]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("olk_admin_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]
    public void Only_an_outlay_ingest_key_is_accepted_and_a_refused_one_is_not_echoed(string key)
    {
        var options = new OutlayClientOptions();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.IngestKey = key);

        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        Assert.Null(options.IngestKey);
        options.IngestKey = "olk_ingest_aaaaaaaaaaaa_bbbb";
        Assert.Equal("olk_ingest_aaaaaaaaaaaa_bbbb", options.IngestKey);
    }

    [Fact]
    public void Retry_delays_can_be_set_in_any_order()
    {
        var options = new OutlayClientOptions
        {
            MinRetryDelay = TimeSpan.FromMinutes(2),
            MaxRetryDelay = TimeSpan.FromMinutes(5),
        };

        Assert.Equal(TimeSpan.FromMinutes(2), options.MinRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxRetryDelay);
    }
}
