using System.Buffers.Binary;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// Deterministic (fixed seed) synthetic usage events for the 30 days before <c>end</c>, in time order, priced by the
/// real <see cref="CostCalculator"/>. Each hour gets a share of the total by <see cref="SyntheticWorkload.HourWeight"/>,
/// so the same seed, count and end give the same events and ids. Tag dictionaries are built once per
/// (feature, customer) pair and shared, so generating millions of events allocates little beyond the events themselves.
/// </summary>
internal sealed class SyntheticEventGenerator
{
    /// <summary>The history the dashboard seeds: 30 days.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    private const double ErrorShare = 0.02;
    private const double CancelledShare = 0.005;

    private readonly long _count;
    private readonly DateTimeOffset _start;
    private readonly int _hours;
    private readonly CostCalculator _calculator;
    private readonly Random _random;
    private readonly ZipfSampler _customers = new(SyntheticWorkload.CustomerCount, SyntheticWorkload.CustomerSkew);
    private readonly double[] _featureCumulative;
    private readonly IReadOnlyDictionary<string, string>?[] _tags =
        new IReadOnlyDictionary<string, string>?[SyntheticWorkload.Features.Length * SyntheticWorkload.CustomerCount];

    /// <param name="hours">How many whole hours before <paramref name="end"/> the events cover; <see cref="Span"/> by default.</param>
    public SyntheticEventGenerator(long count, DateTimeOffset end, int seed, CostCalculator calculator, int? hours = null)
    {
        _hours = hours ?? (int)Span.TotalHours;
        ArgumentOutOfRangeException.ThrowIfLessThan(_hours, 1);
        _count = count;
        _start = DateTimeOffset.FromUnixTimeMilliseconds(end.ToUnixTimeMilliseconds()).AddHours(-_hours);
        _calculator = calculator;
        _random = new Random(seed);
        var features = SyntheticWorkload.Features;
        _featureCumulative = new double[features.Length];
        var total = features.Sum(f => f.Weight);
        var sum = 0.0;
        for (var i = 0; i < features.Length; i++)
        {
            sum += features[i].Weight / total;
            _featureCumulative[i] = sum;
        }
    }

    /// <summary>Events in time order; exactly the count given to the constructor.</summary>
    public IEnumerable<PricedEvent> Events()
    {
        var hours = _hours;
        var counts = HourCounts(hours);
        for (var hour = 0; hour < hours; hour++)
        {
            var hourStart = _start.AddHours(hour).ToUnixTimeMilliseconds();
            var n = counts[hour];
            for (long j = 0; j < n; j++)
            {
                var ms = hourStart + (long)((j + _random.NextDouble()) * 3_600_000.0 / n);
                yield return Next(ms);
            }
        }
    }

    private long[] HourCounts(int hours)
    {
        var weights = new double[hours];
        for (var h = 0; h < hours; h++)
        {
            weights[h] = SyntheticWorkload.HourWeight(_start.AddHours(h));
        }

        var totalWeight = weights.Sum();
        var counts = new long[hours];
        long assigned = 0;
        for (var h = 0; h < hours; h++)
        {
            counts[h] = (long)Math.Floor(_count * weights[h] / totalWeight);
            assigned += counts[h];
        }

        // The rounding remainder (fewer than one per hour) goes to the busiest hours first.
        var byWeight = Enumerable.Range(0, hours).OrderByDescending(h => weights[h]).ToArray();
        for (var i = 0; assigned < _count; i = (i + 1) % hours, assigned++)
        {
            counts[byWeight[i]]++;
        }

        return counts;
    }

    private PricedEvent Next(long unixMs)
    {
        var random = _random;
        var featureIndex = Array.BinarySearch(_featureCumulative, random.NextDouble());
        featureIndex = Math.Min(featureIndex < 0 ? ~featureIndex : featureIndex, _featureCumulative.Length - 1);
        var feature = SyntheticWorkload.Features[featureIndex];
        var model = SyntheticWorkload.Models[random.NextDouble() < 0.8 ? feature.PrimaryModel : feature.SecondaryModel];
        var customer = _customers.Next(random);
        var environmentRoll = random.NextDouble();
        var environment = environmentRoll < SyntheticWorkload.EnvironmentShares[0] ? 0
            : environmentRoll < SyntheticWorkload.EnvironmentShares[0] + SyntheticWorkload.EnvironmentShares[1] ? 1 : 2;

        var statusRoll = random.NextDouble();
        var status = statusRoll < ErrorShare ? EventStatuses.Error
            : statusRoll < ErrorShare + CancelledShare ? EventStatuses.Cancelled : EventStatuses.Ok;
        var input = Skewed(random, model.MinInput, model.MaxInput);
        var output = model.MaxOutput == 0 || status == EventStatuses.Error ? 0 : Skewed(random, model.MinOutput, model.MaxOutput);
        if (status == EventStatuses.Cancelled)
        {
            output /= 3;
        }

        long cacheRead = 0, cacheWrite = 0;
        if (model.PromptCaching)
        {
            var cacheRoll = random.NextDouble();
            if (cacheRoll < 0.45)
            {
                cacheRead = (long)(input * (0.3 + (0.6 * random.NextDouble())));
            }
            else if (cacheRoll < 0.51 && model.Provider == "anthropic")
            {
                cacheWrite = input / 2;
            }
        }

        var tier = feature.Batch && model.HasBatchPrice && random.NextDouble() < 0.8 ? ServiceTiers.Batch : ServiceTiers.Default;
        var usage = new TokenUsage(input, output, cacheRead, cacheWrite);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        var e = new UsageEvent
        {
            Id = Uuid7(unixMs, random),
            Timestamp = timestamp,
            Provider = model.Provider,
            Model = model.Model,
            Operation = model.Operation,
            Usage = usage,
            ServiceTier = tier,
            Status = status,
            LatencyMs = 150 + (output * 12) + random.Next(0, 400),
            Service = SyntheticWorkload.Services[feature.Service],
            Environment = SyntheticWorkload.Environments[environment],
            KeyLabel = SyntheticWorkload.KeyLabels[SyntheticWorkload.KeyLabelFor(feature.Service, environment)],
            Tags = TagsFor(featureIndex, customer),
        };
        var cost = _calculator.Calculate(e.Provider, e.Model, usage, tier, timestamp);
        return new PricedEvent(e, cost, timestamp.AddMilliseconds(200 + random.Next(0, 2_000)));
    }

    private IReadOnlyDictionary<string, string> TagsFor(int feature, int customer)
    {
        var slot = (feature * SyntheticWorkload.CustomerCount) + customer;
        return _tags[slot] ??= new Dictionary<string, string>(2, StringComparer.Ordinal)
        {
            ["feature"] = SyntheticWorkload.Features[feature].Name,
            ["customer"] = SyntheticWorkload.Customer(customer),
        };
    }

    /// <summary>Token counts skewed towards the small end, as real prompt sizes are.</summary>
    private static int Skewed(Random random, int min, int max)
    {
        var u = random.NextDouble();
        return min + (int)((max - min) * u * u);
    }

    /// <summary>A UUIDv7 for <paramref name="unixMs"/> whose random bits come from the seeded generator, so ids are reproducible.</summary>
    private static Guid Uuid7(long unixMs, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        var high = ((unixMs & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (long)random.Next(0, 0x1000);
        BinaryPrimitives.WriteInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], (random.NextInt64() & 0x3FFF_FFFF_FFFF_FFFFL) | unchecked((long)0x8000_0000_0000_0000UL));
        return new Guid(bytes, bigEndian: true);
    }
}
