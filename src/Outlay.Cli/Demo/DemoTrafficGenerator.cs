using Outlay.Sdk;

namespace Outlay.Cli.Demo;

/// <summary>
/// Makes realistic usage events for the demo scenario: weighted workloads and customers, token counts with
/// spread, a daily rhythm for history, and nothing but metadata (there is nowhere to put a prompt).
/// </summary>
internal sealed class DemoTrafficGenerator
{
    private readonly Random _random;
    private readonly int _workloadWeightTotal;
    private readonly int _customerWeightTotal;

    public DemoTrafficGenerator(int seed)
    {
        _random = new Random(seed);
        _workloadWeightTotal = DemoScenario.Workloads.Sum(w => w.Weight);
        _customerWeightTotal = DemoScenario.CustomerWeights.Sum();
    }

    public UsageEvent Next(DateTimeOffset at)
    {
        var workload = PickWorkload();
        var environment = _random.NextDouble() < 0.85 ? "prod" : "staging";
        var input = Spread(workload.TypicalInputTokens);
        var output = workload.TypicalOutputTokens == 0 ? 0 : Spread(workload.TypicalOutputTokens);
        var cacheRead = (long)(input * workload.CacheReadShare * (0.8 + (0.4 * _random.NextDouble())));
        var cacheWrite = (long)(input * workload.CacheWriteShare);
        cacheRead = Math.Min(cacheRead, input - cacheWrite);
        var reasoning = (long)(output * workload.ReasoningShare);
        var failed = _random.NextDouble() < workload.ErrorRate;

        return new UsageEvent
        {
            Timestamp = at,
            Provider = workload.Provider,
            Model = workload.Model,
            Operation = workload.Operation,
            InputTokens = input,
            OutputTokens = failed ? 0 : output,
            CacheReadTokens = cacheRead,
            CacheWriteTokens = workload.Cache1h ? 0 : cacheWrite,
            CacheWrite1hTokens = workload.Cache1h ? cacheWrite : 0,
            ReasoningTokens = failed ? 0 : reasoning,
            ServiceTier = workload.ServiceTier,
            Status = failed ? "error" : "ok",
            LatencyMs = 150 + _random.Next(50, 2_500),
            Service = workload.Service,
            Environment = environment,
            Instance = $"{workload.Service}-{environment}-{_random.Next(1, 4)}",
            KeyLabel = environment == "prod" ? workload.KeyLabel : workload.KeyLabel.Replace("prod", "staging", StringComparison.Ordinal),
            Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["feature"] = workload.Feature,
                ["customer"] = PickCustomer(),
            },
        };
    }

    /// <summary>Calls per hour for history: quiet nights, busy afternoons, calmer weekends.</summary>
    public int CallsInHour(DateTimeOffset hour, int peakPerHour)
    {
        var shape = hour.Hour switch
        {
            < 6 => 0.15,
            < 9 => 0.5,
            < 18 => 1.0,
            < 22 => 0.6,
            _ => 0.25,
        };
        if (hour.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            shape *= 0.4;
        }

        return (int)Math.Round(peakPerHour * shape * (0.8 + (0.4 * _random.NextDouble())));
    }

    public TimeSpan NextOffsetWithin(TimeSpan span) => TimeSpan.FromTicks((long)(span.Ticks * _random.NextDouble()));

    private DemoWorkload PickWorkload()
    {
        var pick = _random.Next(_workloadWeightTotal);
        foreach (var workload in DemoScenario.Workloads)
        {
            pick -= workload.Weight;
            if (pick < 0)
            {
                return workload;
            }
        }

        return DemoScenario.Workloads[^1];
    }

    private string PickCustomer()
    {
        var pick = _random.Next(_customerWeightTotal);
        for (var i = 0; i < DemoScenario.Customers.Count; i++)
        {
            pick -= DemoScenario.CustomerWeights[i];
            if (pick < 0)
            {
                return DemoScenario.Customers[i];
            }
        }

        return DemoScenario.Customers[^1];
    }

    private long Spread(int typical) => Math.Max(1, (long)(typical * (0.4 + (1.2 * _random.NextDouble()))));
}
