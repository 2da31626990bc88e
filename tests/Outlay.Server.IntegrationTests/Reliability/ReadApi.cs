using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>The two read endpoints the loss proofs compare against the store: spend totals and reported SDK drops.</summary>
internal sealed class ReadApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _readKey;

    public ReadApi(Uri baseAddress, string readKey)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _readKey = readKey;
    }

    /// <summary><c>GET /api/v1/ingest/drops</c>: (queue_full, rejected_by_server, send_failed).</summary>
    public async Task<(long QueueFull, long RejectedByServer, long SendFailed)> GetDropsAsync()
    {
        using var document = await GetJsonAsync("/api/v1/ingest/drops");
        var root = document.RootElement;
        return (root.GetProperty("queue_full").GetInt64(), root.GetProperty("rejected_by_server").GetInt64(), root.GetProperty("send_failed").GetInt64());
    }

    /// <summary><c>GET /api/v1/spend</c> over the hours around now, ungrouped: (events summed over rows, total_cost_usd).</summary>
    public async Task<(long Events, decimal TotalCostUsd)> GetSpendTotalsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var path = "/api/v1/spend?from=" + Uri.EscapeDataString(Format(now.AddHours(-3)))
            + "&to=" + Uri.EscapeDataString(Format(now.AddHours(3)));
        using var document = await GetJsonAsync(path);
        var root = document.RootElement;
        var events = root.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("events").GetInt64());
        return (events, root.GetProperty("total_cost_usd").GetDecimal());
    }

    public void Dispose() => _http.Dispose();

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _readKey);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }
}
