using System.Text;
using System.Text.Json;
using Outlay.Core.Querying;

namespace Outlay.Core.Tests.Querying;

public sealed class SpendResultJsonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 25, 0, TimeSpan.Zero);

    [Fact]
    public void Writes_the_documented_shape_with_exact_decimal_money()
    {
        var query = SpendQueryParser.Parse("2026-11-23T08:00:00Z", "2026-11-23T10:00:00Z", "model,tag.feature", "hour", null, Now);
        var bucket = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var rows = new[]
        {
            new SpendRow(new Dictionary<string, string?> { ["model"] = "gpt-4o", ["tag.feature"] = "summarize" }, bucket, 1_234_567_891, 3, 100, 20, 50, 7, 4, 0),
            new SpendRow(new Dictionary<string, string?> { ["model"] = "mystery", ["tag.feature"] = null }, bucket, 0, 2, 10, 1, 0, 0, 0, 2),
        };
        var result = new SpendResult(rows, 1_234_567_891, 2);

        var json = Render(result, query);

        Assert.Equal(
            "{\"from\":\"2026-11-23T08:00:00Z\",\"to\":\"2026-11-23T10:00:00Z\",\"time_zone\":\"UTC\",\"rows\":["
            + "{\"model\":\"gpt-4o\",\"tag.feature\":\"summarize\",\"bucket\":\"2026-11-23T09:00:00Z\",\"cost_usd\":1.234567891,\"events\":3,"
            + "\"input_tokens\":100,\"output_tokens\":20,\"cache_read_tokens\":50,\"cache_write_tokens\":7,\"reasoning_tokens\":4,\"unpriced_events\":0},"
            + "{\"model\":\"mystery\",\"tag.feature\":null,\"bucket\":\"2026-11-23T09:00:00Z\",\"cost_usd\":0,\"events\":2,"
            + "\"input_tokens\":10,\"output_tokens\":1,\"cache_read_tokens\":0,\"cache_write_tokens\":0,\"reasoning_tokens\":0,\"unpriced_events\":2}],"
            + "\"total_cost_usd\":1.234567891,\"unpriced_events\":2}",
            json);
    }

    [Fact]
    public void Omits_the_bucket_without_an_interval_and_keeps_nano_precision()
    {
        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, null, Now);
        var row = new SpendRow(new Dictionary<string, string?>(), null, 1, 1, 0, 0, 0, 0, 0, 0);

        using var document = JsonDocument.Parse(Render(new SpendResult([row], 1, 0), query));

        var written = document.RootElement.GetProperty("rows")[0];
        Assert.False(written.TryGetProperty("bucket", out _));
        // 1 nano-dollar = 0.000000001 USD, which a double round trip would not guarantee to print exactly.
        Assert.Equal(0.000000001m, written.GetProperty("cost_usd").GetDecimal());
        Assert.Equal("0.000000001", written.GetProperty("cost_usd").GetRawText());
    }

    [Fact]
    public void Reports_the_whole_hour_range_that_was_summed()
    {
        var query = new SpendQuery(
            new DateTimeOffset(2026, 11, 23, 8, 15, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 23, 9, 45, 0, TimeSpan.FromHours(1)),
            [],
            SpendInterval.None,
            []);

        using var document = JsonDocument.Parse(Render(new SpendResult([], 0, 0), query));

        // 08:15Z floors to 08:00Z; 09:45+01:00 is 08:45Z, which rounds up to 09:00Z.
        Assert.Equal("2026-11-23T08:00:00Z", document.RootElement.GetProperty("from").GetString());
        Assert.Equal("2026-11-23T09:00:00Z", document.RootElement.GetProperty("to").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal("0", document.RootElement.GetProperty("total_cost_usd").GetRawText());
    }

    private static string Render(SpendResult result, SpendQuery query)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            SpendResultJson.Write(writer, result, query);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
