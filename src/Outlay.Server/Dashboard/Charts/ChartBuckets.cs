using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>The bucket starts of a time range: whole UTC hours, or local midnights of the viewer's zone.</summary>
internal static class ChartBuckets
{
    /// <summary>Most buckets a chart draws: 800 (a month of hours fits; longer hourly ranges are refused by the caller).</summary>
    public const int MaxBuckets = 800;

    /// <summary>
    /// Bucket starts covering [<paramref name="from"/>, <paramref name="to"/>): hours from the hour containing
    /// <paramref name="from"/>, or days from the local midnight of the day containing it. Stops at <see cref="MaxBuckets"/>.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Create(DateTimeOffset from, DateTimeOffset to, SpendInterval interval, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var buckets = new List<DateTimeOffset>();
        if (interval == SpendInterval.None)
        {
            return buckets;
        }

        if (interval == SpendInterval.Hour)
        {
            for (var hour = HourAlignment.Floor(from); hour < to && buckets.Count < MaxBuckets; hour = hour.AddHours(1))
            {
                buckets.Add(hour);
            }

            return buckets;
        }

        for (var day = LocalTime.DayOf(from, zone); buckets.Count < MaxBuckets; day = day.AddDays(1))
        {
            var start = LocalTime.StartOfDay(day, zone);
            if (start >= to)
            {
                break;
            }

            buckets.Add(start);
        }

        return buckets;
    }

    /// <summary>The index of the bucket containing <paramref name="instant"/>, or -1 when it lies before the first.</summary>
    public static int IndexOf(IReadOnlyList<DateTimeOffset> buckets, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        int low = 0, high = buckets.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (buckets[middle] <= instant)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }
}
