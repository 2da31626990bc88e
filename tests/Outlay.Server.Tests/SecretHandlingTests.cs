using System.Net;
using System.Security.Cryptography;
using System.Text;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests;

/// <summary>
/// Credentials and content sent by mistake are refused, reported as findings without their value, and never
/// reach the response, the logs or the database files (db, -wal, -shm) — checked byte for byte after shutdown.
/// </summary>
public sealed class SecretHandlingTests
{
    [Fact]
    public async Task A_credential_shaped_tag_value_is_refused_recorded_as_a_finding_and_never_stored()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("secrets");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var secret = "sk-" + "proj-" + RandomAlphanumeric(48);
        var leaking = EventJson.Event(service: "checkout-api", environment: "prod", tags: new Dictionary<string, string> { ["customer_ref"] = secret });
        var batch = EventJson.Batch(EventJson.Event(), leaking);

        var response = await server.PostEventsAsync(ingest, batch);
        var responseText = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var answer = await ApiJson.ExpectAsync(response, HttpStatusCode.OK);
        var findingsResponse = await server.GetAsync("/api/v1/findings", read);
        var findingsText = await findingsResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var findings = await ApiJson.ExpectAsync(findingsResponse, HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        var rejection = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejection.GetProperty("index").GetInt32());
        Assert.Contains("customer_ref", rejection.GetProperty("error").GetString(), StringComparison.Ordinal);
        var finding = Assert.Single(findings.GetProperty("findings").EnumerateArray());
        Assert.Equal("secret_in_event", finding.GetProperty("kind").GetString());
        Assert.Contains("customer_ref", finding.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal("open", finding.GetProperty("status").GetString());
        Assert.Equal(1, finding.GetProperty("occurrences").GetInt32());
        Assert.Equal("checkout-api", finding.GetProperty("where").GetProperty("service").GetString());
        Assert.Equal("prod", finding.GetProperty("where").GetProperty("environment").GetString());
        Assert.True(ApiKeyText.TryParse(ingest, out _, out var ingestId));
        Assert.Equal(ingestId, finding.GetProperty("key_id").GetString());

        await server.StopAsync();
        AssertNowhere(server, secret, responseText, findingsText);
        AssertNowhere(server, ingest, responseText, findingsText);
    }

    [Fact]
    public async Task A_credential_in_the_service_field_is_not_copied_into_the_finding()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("secrets");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var secret = "sk-" + "proj-" + RandomAlphanumeric(48);

        var answer = await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event(service: secret))), HttpStatusCode.OK);
        var findings = await server.App.Store.ListFindingsAsync(project, new FindingQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        var finding = Assert.Single(findings);
        Assert.Null(finding.Place.Service);
        Assert.DoesNotContain(secret, finding.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, finding.Fingerprint, StringComparison.Ordinal);

        await server.StopAsync();
        AssertNowhere(server, secret);
    }

    [Fact]
    public async Task A_content_named_tag_is_refused_and_its_value_never_reaches_the_database_file()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("content");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var content = "Summarise the attached contract for customer " + RandomAlphanumeric(12) + " and list every risk";
        var batch = EventJson.Batch(EventJson.Event(), EventJson.Event(tags: new Dictionary<string, string> { ["prompt"] = content }));

        var response = await server.PostEventsAsync(ingest, batch);
        var responseText = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var answer = await ApiJson.ExpectAsync(response, HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        var rejection = Assert.Single(answer.GetProperty("rejected").EnumerateArray());
        Assert.Contains("prompt", rejection.GetProperty("error").GetString(), StringComparison.Ordinal);

        await server.StopAsync();
        AssertNowhere(server, content, responseText);
    }

    [Fact]
    public async Task A_batch_repeating_the_same_leak_records_one_finding_per_distinct_source()
    {
        // One finding (and one store write) per event would let a single batch write a thousand identical findings.
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("repeats");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var secret = "sk-" + "proj-" + RandomAlphanumeric(48);
        var events = Enumerable.Range(0, 50)
            .Select(_ => EventJson.Event(service: "checkout-api", environment: "prod", tags: new Dictionary<string, string> { ["customer_ref"] = secret }))
            .Append(EventJson.Event(service: "search", environment: "prod", tags: new Dictionary<string, string> { ["customer_ref"] = secret }))
            .ToArray();

        var answer = await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(events)), HttpStatusCode.OK);
        var findings = await server.App.Store.ListFindingsAsync(project, new FindingQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(51, answer.GetProperty("rejected").GetArrayLength());
        Assert.Equal(2, findings.Count);
        Assert.Equal(["checkout-api", "search"], findings.Select(f => f.Place.Service).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(1, f.Occurrences));
    }

    [Fact]
    public async Task The_same_leak_in_a_later_request_counts_an_occurrence_of_the_one_finding()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("again");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var secret = "sk-" + "proj-" + RandomAlphanumeric(48);
        for (var request = 0; request < 2; request++)
        {
            var leaking = EventJson.Event(service: "checkout-api", environment: "prod", tags: new Dictionary<string, string> { ["customer_ref"] = secret });
            await ApiJson.ExpectAsync(await server.PostEventsAsync(ingest, EventJson.Batch(leaking)), HttpStatusCode.OK);
        }

        var findings = await server.App.Store.ListFindingsAsync(project, new FindingQuery(), TestContext.Current.CancellationToken);

        var finding = Assert.Single(findings);
        Assert.Equal(FindingKinds.SecretInEvent, finding.Kind);
        Assert.Equal(FindingSeverity.Critical, finding.Severity);
        Assert.Equal(2, finding.Occurrences);
        Assert.StartsWith("secret_in_event|", finding.Fingerprint, StringComparison.Ordinal);
        Assert.EndsWith("|checkout-api|prod", finding.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_findings_list_filters_and_refuses_bad_parameters_with_a_400()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("filters");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var secret = "sk-" + "proj-" + RandomAlphanumeric(48);
        await ApiJson.ExpectAsync(
            await server.PostEventsAsync(ingest, EventJson.Batch(EventJson.Event(service: "a", tags: new Dictionary<string, string> { ["customer_ref"] = secret }))),
            HttpStatusCode.OK);

        var open = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/findings?status=open&kind=secret_in_event&limit=1", read), HttpStatusCode.OK);
        var acknowledged = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/findings?status=acknowledged", read), HttpStatusCode.OK);
        var otherLabel = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/findings?key_label=nope", read), HttpStatusCode.OK);

        Assert.Single(open.GetProperty("findings").EnumerateArray());
        Assert.Empty(acknowledged.GetProperty("findings").EnumerateArray());
        Assert.Empty(otherLabel.GetProperty("findings").EnumerateArray());
        foreach (var (query, words) in new[]
        {
            ("status=closed", "status"), ("kind=nonsense", "kind"), ("limit=0", "limit"), ("limit=1001", "limit"),
            ("limit=x", "limit"), ("limit=1&limit=2", "limit"), ("key_label=", "key_label"),
        })
        {
            var response = await server.GetAsync("/api/v1/findings?" + query, read);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(words, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    private static void AssertNowhere(RunningServer server, string value, params string[] texts)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var files = server.ReadStoreFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.True(file.AsSpan().IndexOf(bytes) < 0, "the value was found in a store file");
        }

        foreach (var text in texts)
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(value, server.Logs.AllText, StringComparison.Ordinal);
    }

    private static string RandomAlphanumeric(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
