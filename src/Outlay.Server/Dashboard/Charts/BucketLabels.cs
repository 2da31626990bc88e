using System.Globalization;
using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>Bucket labels in the viewer's zone: <c>14:00</c> for hours (the date at local midnight), <c>Nov 23</c> for days.</summary>
internal static class BucketLabels
{
    public static string Short(DateTimeOffset bucket, SpendInterval interval, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(bucket, zone);
        if (interval == SpendInterval.Hour && local.TimeOfDay != TimeSpan.Zero)
        {
            return local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        return local.ToString("MMM d", CultureInfo.InvariantCulture);
    }

    /// <summary>Full label for tooltips and tables: <c>Nov 23 14:00</c> or <c>Mon Nov 23</c>.</summary>
    public static string Long(DateTimeOffset bucket, SpendInterval interval, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(bucket, zone);
        return interval == SpendInterval.Hour
            ? local.ToString("ddd MMM d, HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("ddd MMM d", CultureInfo.InvariantCulture);
    }

    /// <summary>Compact sortable label for table cells: <c>2026-11-23</c> or <c>2026-11-23 14:00</c>.</summary>
    public static string Cell(DateTimeOffset bucket, SpendInterval interval, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(bucket, zone);
        return local.ToString(interval == SpendInterval.Hour ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
