namespace Outlay.Server.Dashboard.Charts;

/// <summary>One stacked series of a time chart: a name (e.g. a model) and its nano-dollar value per bucket.</summary>
/// <param name="Name">Display name; null or empty means "(none)".</param>
/// <param name="CssClass">Colour class, <c>series-0</c> … <c>series-7</c>, or <c>series-8</c> for "Other".</param>
/// <param name="Values">Nano-dollars per bucket, in bucket order.</param>
/// <param name="UnpricedEvents">Events of this series that have no price (counted, not valued at $0).</param>
internal sealed record ChartSeries(string Name, string CssClass, long[] Values, long UnpricedEvents = 0)
{
    public long Total
    {
        get
        {
            long total = 0;
            foreach (var value in Values)
            {
                total += value;
            }

            return total;
        }
    }
}
