using Outlay.Core.Credentials;

namespace Outlay.Core.Tests.Detection;

/// <summary>Builders of synthetic hourly histories for the detector tests.</summary>
internal static class SyntheticUsage
{
    public const long Usd = 1_000_000_000L;

    /// <summary>Monday 2026-11-23 10:20 UTC: twenty minutes into the hour.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 20, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset CurrentHour = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Every hour start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IEnumerable<DateTimeOffset> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        for (var h = from; h < to; h = h.AddHours(1))
        {
            yield return h;
        }
    }

    public static CredentialUsageRow Row(
        DateTimeOffset hour,
        long events,
        string label = "openai-prod",
        string service = "checkout",
        string environment = "prod",
        string instance = "host-1",
        string model = "gpt-4o",
        string feature = "summarize") =>
        new(hour, label, service, environment, instance, model, feature, events, events * 1000, events * 100, events * 1_000_000, 0);

    public static CredentialPlace Place(
        DateTimeOffset firstSeen,
        DateTimeOffset lastSeen,
        string label = "openai-prod",
        string service = "checkout",
        string environment = "prod",
        string instance = "host-1",
        string model = "gpt-4o",
        long events = 100) =>
        new(label, service, environment, instance, model, firstSeen, lastSeen, events);
}
