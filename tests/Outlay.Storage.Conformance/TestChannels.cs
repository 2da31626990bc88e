using Outlay.Core.Alerts;

namespace Outlay.Storage.Conformance;

/// <summary>Alert channels for tests of what an alert or a finding queues: sealed settings are stand-in bytes.</summary>
internal static class TestChannels
{
    /// <summary>A Slack channel named after <paramref name="id"/>, created a day before <paramref name="now"/>.</summary>
    public static AlertChannel Of(string id, string project, DateTimeOffset now) =>
        new(id, project, "ops " + id, AlertChannelKind.Slack, "https://hooks.slack.com/…/…Xy9", [1, 2, 3, (byte)id.Length], now.AddDays(-1));

    /// <summary>Adds a channel per id to <paramref name="project"/>.</summary>
    public static async Task AddAsync(ConformanceStore temp, string project, DateTimeOffset now, params string[] ids)
    {
        foreach (var id in ids)
        {
            await temp.Store.AddAlertChannelAsync(Of(id, project, now), TestContext.Current.CancellationToken);
        }
    }
}
