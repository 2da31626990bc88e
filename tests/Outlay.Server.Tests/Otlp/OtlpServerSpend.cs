using System.Globalization;
using System.Net;
using System.Text.Json;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Otlp;

/// <summary>Reads spend back through <c>GET /api/v1/spend</c>, as a user would.</summary>
internal static class OtlpServerSpend
{
    public static async Task<JsonElement> QueryAsync(RunningServer server, string readKey, DateTimeOffset from, DateTimeOffset to, string? groupBy = null)
    {
        var path = "/api/v1/spend?from=" + Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            + "&to=" + Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            + (groupBy is null ? string.Empty : "&groupBy=" + Uri.EscapeDataString(groupBy));
        return await ApiJson.ExpectAsync(await server.GetAsync(path, readKey), HttpStatusCode.OK);
    }

    /// <summary>Spend of the last day (spans built by <see cref="OtlpJson"/> end a minute ago).</summary>
    public static Task<JsonElement> RecentAsync(RunningServer server, string readKey, string? groupBy = null) =>
        QueryAsync(server, readKey, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddHours(1), groupBy);

    public static long Events(JsonElement spend) => spend.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("events").GetInt64());

    public static long Sum(JsonElement spend, string column) => spend.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty(column).GetInt64());
}
