using System.Net;
using System.Text.Json.Nodes;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Reconciliation;

/// <summary>Tracked usage sent through the real ingest API.</summary>
internal static class TrackedHistory
{
    /// <summary>Sends <paramref name="events"/> events of 1,200 input and 300 output tokens on <paramref name="keyLabel"/> at noon of <paramref name="day"/>.</summary>
    public static async Task SendAsync(RunningServer server, string projectId, DateTimeOffset day, string keyLabel, int events, string provider = "openai", string model = "gpt-4o-mini")
    {
        var ingest = await server.CreateKeyAsync(projectId, ApiKeyKind.Ingest);
        var batch = Enumerable.Range(0, events)
            .Select(i =>
            {
                JsonObject item = EventJson.Event(provider: provider, model: model, timestamp: day.AddHours(12).AddMinutes(i));
                item["key_label"] = keyLabel;
                return item;
            })
            .ToArray();
        var response = await server.PostEventsAsync(ingest, EventJson.Batch(batch));
        var body = await ApiJson.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(events, body.GetProperty("accepted").GetInt32());
    }
}
