using System.Globalization;

namespace Outlay.LoadTest.Dashboard;

/// <summary>The questions the benchmark times: what the overview page asks, and a few explore views.</summary>
internal static class BenchQueries
{
    /// <summary>
    /// The overview's spend questions in UTC: today, month to date, the previous month (for the change), the spend-over-time
    /// chart by model (day over 30 days, hour over 2 days), and the top features, customers, services, key labels and unpriced models of the month.
    /// </summary>
    public static IReadOnlyList<BenchQuery> Overview(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        var month = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var previousMonth = month.AddMonths(-1);
        string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return
        [
            new("today total", Iso(today), null, null, null, []),
            new("month-to-date total", Iso(month), null, null, null, []),
            new("previous month total", Iso(previousMonth), Iso(month), null, null, []),
            new("chart: model × day, 30d", "30d", null, "model", "day", []),
            new("chart: model × hour, 2d", "2d", null, "model", "hour", []),
            new("chart: model × day, 30d, Europe/Berlin", "30d", null, "model", "day", [], "Europe/Berlin"),
            new("top features (month)", Iso(month), null, "tag.feature", null, []),
            new("top customers (month)", Iso(month), null, "tag.customer", null, []),
            new("top services (month)", Iso(month), null, "service", null, []),
            new("top key labels (month)", Iso(month), null, "key_label", null, []),
            new("unpriced by provider/model (month)", Iso(month), null, "provider,model", null, []),
        ];
    }

    /// <summary>Explore views: by model per day over 30 days, by customer over 30 days, and a filtered two-dimension view.</summary>
    public static IReadOnlyList<BenchQuery> Explore() =>
    [
        new("explore: model × day, 30d", "30d", null, "model", "day", []),
        new("explore: tag.customer, 30d", "30d", null, "tag.customer", null, []),
        new("explore: feature × model, prod + checkout-api, 30d", "30d", null, "tag.feature,model", null, ["environment:prod", "service:checkout-api"]),
        new("explore: tag.customer × day, customer filter, 7d", "7d", null, "tag.customer", "day", ["tag.customer:cust-0001|cust-0002|cust-0003"]),
    ];
}
