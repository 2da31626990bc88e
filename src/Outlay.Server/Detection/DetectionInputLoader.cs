using Outlay.Core.Detection;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Server.Detection;

/// <summary>Reads what the detectors need for one project from the store: places, hourly usage, spike series, retirements.</summary>
internal static class DetectionInputLoader
{
    public static async Task<DetectionInput> LoadAsync(IOutlayStore store, string projectId, DetectionOptions options, DateTimeOffset now, CancellationToken ct)
    {
        // Whole hours up to and including the current one, which the loop and unusual-hour detectors judge while it runs.
        var utc = now.ToUniversalTime();
        var to = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        var from = to - options.History;

        var places = await store.ListCredentialPlacesAsync(projectId, null, ct).ConfigureAwait(false);
        var usage = await store.QueryCredentialUsageAsync(projectId, from, to, null, ct).ConfigureAwait(false);
        var retirements = await store.ListCredentialRetirementsAsync(projectId, ct).ConfigureAwait(false);

        var series = new List<SpikeSeriesHour>();
        foreach (var name in AnomalyDetection.SpikeDimensions)
        {
            var dimension = SpendDimension.Parse(name, "dimension");
            var result = await store.QuerySpendAsync(projectId, new SpendQuery(from, to, [dimension], SpendInterval.Hour, []), ct).ConfigureAwait(false);
            foreach (var row in result.Rows)
            {
                if (row.Bucket is { } hour && row.Dimensions.GetValueOrDefault(name) is { Length: > 0 } value)
                {
                    series.Add(new SpikeSeriesHour(name, value, hour, row.CostNanoUsd, row.InputTokens + row.OutputTokens));
                }
            }
        }

        // Feature × model over the drift window only (the last day and its baseline days), not the whole history.
        var feature = SpendDimension.Parse("tag.feature", "dimension");
        var model = SpendDimension.Parse("model", "dimension");
        var driftFrom = to.AddHours(-1).AddDays(-(options.Drift.BaselineDays + 1));
        var calls = await store.QuerySpendAsync(projectId, new SpendQuery(driftFrom, to, [feature, model], SpendInterval.Hour, []), ct).ConfigureAwait(false);
        var featureModelHours = new List<FeatureModelHour>();
        foreach (var row in calls.Rows)
        {
            if (row.Bucket is { } hour && row.Dimensions.GetValueOrDefault(feature.Name) is { Length: > 0 } f && row.Dimensions.GetValueOrDefault(model.Name) is { Length: > 0 } m)
            {
                featureModelHours.Add(new FeatureModelHour(hour, f, m, row.Events, row.InputTokens));
            }
        }

        return new DetectionInput(places, usage, series, featureModelHours, retirements);
    }
}
