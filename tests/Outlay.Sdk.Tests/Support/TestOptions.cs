namespace Outlay.Sdk.Tests.Support;

/// <summary>Options for tests: quick retries, no waiting for the interval unless a test asks for it.</summary>
internal static class TestOptions
{
    public static OutlayClientOptions Create(int maxBatchSize = 100, TimeSpan? flushInterval = null) => new()
    {
        MaxBatchSize = maxBatchSize,
        FlushInterval = flushInterval ?? TimeSpan.FromHours(1),
        MinRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
        Service = "checkout-api",
        Environment = "test",
        Instance = "pod-1",
    };

    public static UsageEvent Event(string model = "gpt-4o-mini") => new()
    {
        Provider = "openai",
        Model = model,
        InputTokens = 1200,
        OutputTokens = 300,
    };
}
