using System.Net;
using System.Text.Json.Nodes;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>POST /v1/events on real Kestrel: acknowledgements, duplicates, partial batches, malformed bodies.</summary>
public sealed class IngestProtocolTests
{
    [Fact]
    public async Task The_same_batch_sent_twice_is_acknowledged_as_duplicates_and_counted_once()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("dupes");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var batch = EventJson.Batch(EventJson.Event(), EventJson.Event(model: "gpt-4o"), EventJson.Event());

        var first = await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch), HttpStatusCode.OK);
        var spendAfterFirst = await QueryTotalsAsync(server, project);
        var second = await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch), HttpStatusCode.OK);
        var spendAfterSecond = await QueryTotalsAsync(server, project);

        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, first.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, second.GetProperty("accepted").GetInt32());
        Assert.Equal(3, second.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, second.GetProperty("rejected").GetArrayLength());
        Assert.Equal(3, spendAfterFirst.Events);
        Assert.Equal(spendAfterFirst, spendAfterSecond);
    }

    [Fact]
    public async Task The_same_batch_sent_concurrently_is_stored_exactly_once()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("concurrent");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var batch = EventJson.Batch(Enumerable.Range(0, 50).Select(i => EventJson.Event(inputTokens: 1000 + i)).ToArray());
        const int Senders = 8;

        var answers = await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
            await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch), HttpStatusCode.OK)));

        Assert.Equal(50, answers.Sum(a => a.GetProperty("accepted").GetInt32()));
        Assert.Equal((Senders - 1) * 50, answers.Sum(a => a.GetProperty("duplicates").GetInt32()));
        Assert.Equal(50, (await QueryTotalsAsync(server, project)).Events);
    }

    [Fact]
    public async Task Valid_events_of_a_partly_invalid_batch_are_stored_and_the_invalid_ones_listed_by_index_and_field()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("partial");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var unknownField = EventJson.Event();
        unknownField["prompt_text"] = "hello";
        var negative = EventJson.Event(inputTokens: -5);
        var batch = EventJson.Batch(EventJson.Event(), unknownField, EventJson.Event(model: "gpt-4o"), negative);

        var answer = await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch), HttpStatusCode.OK);

        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var rejected = answer.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 3], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Contains("prompt_text", rejected[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hello", rejected[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("input_tokens", rejected[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(unknownField["id"]!.GetValue<string>(), rejected[0].GetProperty("id").GetString());
        Assert.Equal(2, (await QueryTotalsAsync(server, project)).Events);
    }

    [Theory]
    [InlineData("{\"events\": [")]
    [InlineData("not json at all")]
    [InlineData("{\"events\": {}}")]
    [InlineData("[]")]
    public async Task A_malformed_body_is_a_400_problem_that_does_not_echo_the_body(string body)
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("malformed");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);

        var response = await server.PostEventsAsync(key, body);
        var problem = await ApiJson.ExpectAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("not json", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, (await QueryTotalsAsync(server, project)).Events);
    }

    [Fact]
    public async Task Drop_counts_reported_by_the_SDK_are_added_to_the_project_totals()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("drops");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        foreach (var events in new[] { EventJson.Batch(EventJson.Event()), EventJson.Batch(EventJson.Event()) })
        {
            var batch = JsonNode.Parse(events)!.AsObject();
            batch["dropped"] = new JsonObject { ["queue_full"] = 7, ["rejected_by_server"] = 2, ["send_failed"] = 0 };
            await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch.ToJsonString()), HttpStatusCode.OK);
        }

        var drops = await server.App.Store.GetClientDropsAsync(project, TestContext.Current.CancellationToken);
        Assert.Equal(new Core.Storage.ClientDropReport(14, 4, 0), drops);

        // Visible to the project's read keys, and refused to its ingest key.
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var shown = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/ingest/drops", read), HttpStatusCode.OK);
        Assert.Equal(14, shown.GetProperty("queue_full").GetInt64());
        Assert.Equal(4, shown.GetProperty("rejected_by_server").GetInt64());
        Assert.Equal(0, shown.GetProperty("send_failed").GetInt64());
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/ingest/drops", key), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_retried_batch_whose_answer_was_lost_does_not_count_its_drop_report_twice()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("drops");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var batch = JsonNode.Parse(EventJson.Batch(EventJson.Event(), EventJson.Event()))!.AsObject();
        batch["dropped"] = new JsonObject { ["queue_full"] = 7, ["rejected_by_server"] = 2, ["send_failed"] = 1 };

        // The SDK resends the same body, events and drop report alike, when it never saw the first answer.
        await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch.ToJsonString()), HttpStatusCode.OK);
        var retry = await ApiJson.ExpectAsync(await server.PostEventsAsync(key, batch.ToJsonString()), HttpStatusCode.OK);

        Assert.Equal(2, retry.GetProperty("duplicates").GetInt32());
        var drops = await server.App.Store.GetClientDropsAsync(project, TestContext.Current.CancellationToken);
        Assert.Equal(new Core.Storage.ClientDropReport(7, 2, 1), drops);
    }

    [Fact]
    public async Task The_key_may_also_be_sent_in_the_x_outlay_key_header()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("header");
        var key = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent(EventJson.Batch(EventJson.Event()), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-outlay-key", key);

        var answer = await ApiJson.ExpectAsync(await server.Http.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        await using var server = await RunningServer.StartAsync();

        foreach (var response in new[]
        {
            await server.GetAsync("/healthz", null),
            await server.GetAsync("/api/v1/spend", null),
            await server.PostEventsAsync("garbage", "{}"),
        })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    internal static async Task<SpendTotals> QueryTotalsAsync(RunningServer server, string projectId)
    {
        var now = DateTimeOffset.UtcNow;
        var result = await server.App.Store.QuerySpendAsync(
            projectId,
            SpendQueryParser.Parse("30d", null, null, null, null, now),
            TestContext.Current.CancellationToken);
        return new SpendTotals(result.Rows.Sum(r => r.Events), result.TotalCostNanoUsd, result.UnpricedEvents);
    }

    internal sealed record SpendTotals(long Events, long CostNanoUsd, long UnpricedEvents);
}
