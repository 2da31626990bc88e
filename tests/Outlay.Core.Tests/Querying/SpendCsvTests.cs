using System.Globalization;
using System.Text;
using System.Text.Json;
using Outlay.Core.Querying;

using Outlay.Testing;

namespace Outlay.Core.Tests.Querying;

public sealed class SpendCsvTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 25, 0, TimeSpan.Zero);

    [Fact]
    public void Header_lists_group_by_then_bucket_then_metrics_and_lines_end_with_crlf()
    {
        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "model,tag.feature", "hour", null, Now);
        var row = new SpendRow(Dims(("model", "gpt-4o"), ("tag.feature", null)), query.From.AddHours(9), 1_234_567_891, 3, 4, 100, 20, 50, 7, 6);

        var csv = Render(new SpendResult([row], 1_234_567_891, 4), query);

        Assert.Equal(
            "model,tag.feature,bucket,cost_usd,events,unpriced_events,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens\r\n"
            + "gpt-4o,,2026-11-23T09:00:00Z,1.234567891,3,6,4,100,20,50,7\r\n",
            csv);
    }

    [Fact]
    public void No_bucket_column_without_an_interval_and_tiny_money_stays_exact()
    {
        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, null, Now);
        var row = new SpendRow(Dims(), null, 1, 1, 0, 0, 0, 0, 0, 0);

        var lines = Render(new SpendResult([row], 1, 0), query).Split("\r\n");

        Assert.StartsWith("cost_usd,", lines[0], StringComparison.Ordinal);
        Assert.Equal("0.000000001,1,0,0,0,0,0,0", lines[1]);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Text_cells_are_quoted_and_neutralised(string value, string expected) =>
        Assert.Equal(expected, SpendCsv.TextCell(value));

    [Fact]
    public void Negative_looking_numbers_we_write_are_untouched_but_dimension_values_are_neutralised()
    {
        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "tag.customer", null, null, Now);
        // A negative total cannot come from the store, but the writer must never prefix numbers of its own.
        var row = new SpendRow(Dims(("tag.customer", "-1+1")), null, -5, 1, 0, 0, 0, 0, 0, 0);

        var lines = Render(new SpendResult([row], -5, 0), query).Split("\r\n");

        Assert.Equal("'-1+1,-0.000000005,1,0,0,0,0,0,0", lines[1]);
    }

    [Fact]
    public void Rows_equal_the_json_rows_in_order_and_digits()
    {
        var query = SpendQueryParser.Parse("2026-11-01", "2026-11-03", "model,environment", "day", null, Now, "Europe/Berlin");
        var day1 = LocalTime.StartOfDay(new DateOnly(2026, 11, 1), query.TimeZone);
        var day2 = LocalTime.StartOfDay(new DateOnly(2026, 11, 2), query.TimeZone);
        var rows = new[]
        {
            new SpendRow(Dims(("model", "gpt-4o"), ("environment", "prod, eu")), day1, 2_500_000_000, 5, 1, 2, 3, 4, 5, 0),
            new SpendRow(Dims(("model", "claude"), ("environment", null)), day2, 123_456_789, 2, 6, 7, 8, 9, 10, 1),
            new SpendRow(Dims(("model", "=cmd"), ("environment", "dev")), day1, 0, 1, 0, 0, 0, 0, 0, 1),
        };
        var result = new SpendResult(rows, 2_623_456_789, 2);

        var csvRows = CsvText.Parse(Render(result, query));
        using var json = JsonDocument.Parse(RenderJson(result, query));
        var jsonRows = json.RootElement.GetProperty("rows");

        Assert.Equal(jsonRows.GetArrayLength() + 1, csvRows.Count);
        var header = csvRows[0];
        for (var i = 0; i < jsonRows.GetArrayLength(); i++)
        {
            var cells = csvRows[i + 1];
            Assert.Equal(header.Count, cells.Count);
            for (var c = 0; c < header.Count; c++)
            {
                var property = jsonRows[i].GetProperty(header[c]);
                var expected = property.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => property.GetString()!,
                    _ => property.GetRawText(),
                };
                var cell = cells[c];
                Assert.Equal(expected, cell.StartsWith('\'') && property.ValueKind == JsonValueKind.String ? cell[1..] : cell);
            }
        }
    }

    private static Dictionary<string, string?> Dims(params (string Name, string? Value)[] values)
    {
        var dims = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            dims[name] = value;
        }

        return dims;
    }

    private static string Render(SpendResult result, SpendQuery query)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        SpendCsv.Write(writer, result, query);
        return writer.ToString();
    }

    private static string RenderJson(SpendResult result, SpendQuery query)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            SpendResultJson.Write(writer, result, query);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
