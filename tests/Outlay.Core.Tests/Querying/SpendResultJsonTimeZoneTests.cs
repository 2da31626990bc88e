using System.Text;
using System.Text.Json;
using Outlay.Core.Querying;

namespace Outlay.Core.Tests.Querying;

public sealed class SpendResultJsonTimeZoneTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 25, 0, TimeSpan.Zero);

    [Fact]
    public void A_zoned_query_writes_local_offsets_and_names_its_zone()
    {
        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-25", null, "day", null, Now, "Europe/Berlin");
        var bucket = LocalTime.StartOfDay(new DateOnly(2026, 11, 23), query.TimeZone);
        var result = new SpendResult([new SpendRow(new Dictionary<string, string?>(), bucket, 5, 1, 0, 0, 0, 0, 0, 0)], 5, 0);

        using var document = JsonDocument.Parse(Render(result, query));
        var root = document.RootElement;

        Assert.Equal("Europe/Berlin", root.GetProperty("time_zone").GetString());
        Assert.Equal("2026-11-23T00:00:00+01:00", root.GetProperty("from").GetString());
        Assert.Equal("2026-11-25T00:00:00+01:00", root.GetProperty("to").GetString());
        Assert.Equal("2026-11-23T00:00:00+01:00", root.GetProperty("rows")[0].GetProperty("bucket").GetString());
    }

    [Fact]
    public void A_utc_query_keeps_the_z_form_and_says_utc()
    {
        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, "hour", null, Now);
        var result = new SpendResult([new SpendRow(new Dictionary<string, string?>(), query.From, 5, 1, 0, 0, 0, 0, 0, 0)], 5, 0);

        using var document = JsonDocument.Parse(Render(result, query));

        Assert.Equal("UTC", document.RootElement.GetProperty("time_zone").GetString());
        Assert.Equal("2026-11-23T00:00:00Z", document.RootElement.GetProperty("rows")[0].GetProperty("bucket").GetString());
    }

    [Fact]
    public void Half_hour_offsets_are_written_exactly()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        Assert.Equal(
            "2026-11-01T00:00:00+05:30",
            SpendResultJson.FormatInstant(new DateTimeOffset(2026, 10, 31, 18, 30, 0, TimeSpan.Zero), zone));
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
