using Outlay.Server.IntegrationTests.Support;

namespace Outlay.Server.IntegrationTests;

/// <summary>The OpenTelemetry JavaScript SDK's OTLP/HTTP JSON exporter (tests/otel-js) into a real Outlay server.</summary>
public sealed class OtelJsExportTests
{
    [Fact]
    public async Task A_GenAI_span_exported_by_the_JavaScript_SDK_is_priced_once_and_its_content_is_not_stored()
    {
        var folder = NodeScript.RequireInstalledFolder();
        var marker = "outlay-js-canary-" + Guid.NewGuid().ToString("N");
        await using var outlay = await OutlayUnderTest.StartAsync();

        var (exitCode, output) = await NodeScript.RunAsync(
            folder,
            "send-genai-span.mjs",
            new Dictionary<string, string>
            {
                ["OUTLAY_OTLP_ENDPOINT"] = outlay.TracesEndpoint.ToString(),
                ["OUTLAY_INGEST_KEY"] = outlay.IngestKey,
                ["OUTLAY_CONTENT_MARKER"] = marker,
            },
            TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"node send-genai-span.mjs exited {exitCode}: {output}");

        var spend = await outlay.QuerySpendByModelAsync();
        var row = Assert.Single(spend.GetProperty("rows").EnumerateArray());
        Assert.Equal("gpt-4o-mini-2024-07-18", row.GetProperty("model").GetString());
        Assert.Equal(1, row.GetProperty("events").GetInt64());
        Assert.Equal(1200, row.GetProperty("input_tokens").GetInt64());
        Assert.Equal(1000, row.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(300, row.GetProperty("output_tokens").GetInt64());
        // gpt-4o-mini per 1M tokens: input $0.15, cached input $0.075, output $0.60.
        //   uncached input  200 × 0.15  / 1M = $0.000030
        //   cache reads    1000 × 0.075 / 1M = $0.000075
        //   output          300 × 0.60  / 1M = $0.000180
        //                                total $0.000285
        Assert.Equal(0.000285m, row.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(0, spend.GetProperty("unpriced_events").GetInt64());

        await outlay.StopAsync();
        Assert.False(outlay.StoreFilesContain(marker), "message content reached the store's files");
    }
}
