namespace Outlay.Core.Events;

/// <summary>Limits <see cref="EventBatchParser"/> enforces on a <c>POST /v1/events</c> body.</summary>
public sealed class EventLimits
{
    private readonly int maxEventsPerBatch = 1000;
    private readonly TimeSpan maxFutureSkew = TimeSpan.FromMinutes(5);
    private readonly TimeSpan maxAge = TimeSpan.FromDays(400);
    private readonly long maxTokens = 100_000_000;
    private readonly TimeSpan maxLatency = TimeSpan.FromHours(24);
    private readonly decimal maxClientCostUsd = 1_000_000m;

    /// <summary>The defaults listed on each property.</summary>
    public static EventLimits Default { get; } = new();

    /// <summary>Most events in one batch; a larger batch is refused whole. Default 1000.</summary>
    public int MaxEventsPerBatch
    {
        get => maxEventsPerBatch;
        init => maxEventsPerBatch = Positive(value);
    }

    /// <summary>How far ahead of the server's clock a timestamp may be (client clock skew). Default 5 minutes.</summary>
    public TimeSpan MaxFutureSkew
    {
        get => maxFutureSkew;
        init => maxFutureSkew = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must not be negative");
    }

    /// <summary>How old an event may be (late delivery, imports). Default 400 days.</summary>
    public TimeSpan MaxAge
    {
        get => maxAge;
        init => maxAge = Positive(value);
    }

    /// <summary>Largest token count accepted in any usage field. Default 100,000,000.</summary>
    public long MaxTokens
    {
        get => maxTokens;
        init => maxTokens = Positive(value);
    }

    /// <summary>Largest <c>latency_ms</c> accepted. Default 24 hours.</summary>
    public TimeSpan MaxLatency
    {
        get => maxLatency;
        init => maxLatency = Positive(value);
    }

    /// <summary>Largest client-estimated <c>cost_usd</c> of one event. Default 1,000,000.</summary>
    public decimal MaxClientCostUsd
    {
        get => maxClientCostUsd;
        init => maxClientCostUsd = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive");
    }

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive");

    private static long Positive(long value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive");

    private static TimeSpan Positive(TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive");
}
