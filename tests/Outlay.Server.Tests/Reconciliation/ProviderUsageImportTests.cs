using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Reconciliation;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Reconciliation;

public sealed class ProviderUsageImportTests
{
    private const string Label = "openai-prod";

    [Fact]
    public async Task Provider_usage_three_times_the_tracked_on_one_mapped_key_raises_exactly_one_untracked_usage_finding()
    {
        await using var server = await RunningServer.StartAsync();
        var projectId = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(projectId, ApiKeyKind.Admin);
        await MapAsync(server, admin, "openai", "key_leak", Label);
        await TrackedHistory.SendAsync(server, projectId, UsageFiles.Day, Label, events: 10); // 12,000 in, 3,000 out

        var file = UsageFiles.OpenAIPage(UsageFiles.Day, "key_leak", input: 36_000, output: 9_000);
        var first = await ApiJson.ExpectAsync(await ImportAsync(server, admin, file), HttpStatusCode.OK);
        Assert.Equal("openai", first.GetProperty("format").GetString());
        Assert.Equal(UsageFiles.DayText(UsageFiles.Day), Assert.Single(first.GetProperty("days").EnumerateArray()).GetString());
        Assert.Equal(1, first.GetProperty("untracked_usage").GetInt32());
        Assert.Equal(1, first.GetProperty("new_findings").GetInt32());

        // The same export again is another occurrence of the same finding, not a second one.
        var again = await ApiJson.ExpectAsync(await ImportAsync(server, admin, file), HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("new_findings").GetInt32());

        var finding = Assert.Single(await server.App.Store.ListFindingsAsync(projectId, new FindingQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(FindingKinds.UntrackedUsage, finding.Kind);
        Assert.Equal(FindingSeverity.Critical, finding.Severity);
        Assert.Equal(2, finding.Occurrences);
        Assert.Equal($"OpenAI reports 3.0× the tracked input tokens on key {Label} on {UsageFiles.DayText(UsageFiles.Day)}", finding.Summary);
        Assert.Contains("12,000", finding.Expected, StringComparison.Ordinal);
        Assert.Contains("36,000", finding.Observed, StringComparison.Ordinal);
        Assert.Contains("key_leak", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(Label, finding.Place.KeyLabel);

        // The report shows the same day from the provider's side and ours, with the gap.
        var read = await server.CreateKeyAsync(projectId, ApiKeyKind.Read);
        var report = await ApiJson.ExpectAsync(await server.GetAsync($"/api/v1/reconciliation?from={UsageFiles.DayText(UsageFiles.Day)}", read), HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("untracked_usage").GetInt32());
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray(), r => r.GetProperty("key_label").GetString() == Label);
        Assert.Equal(36_000, row.GetProperty("provider_input_tokens").GetInt64());
        Assert.Equal(12_000, row.GetProperty("tracked_input_tokens").GetInt64());
        Assert.Equal(30_000, row.GetProperty("gap_tokens").GetInt64());
        Assert.Equal(10, row.GetProperty("tracked_events").GetInt64());
        Assert.Equal(ReconciliationCauses.UninstrumentedCode, row.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task A_provider_report_that_matches_the_tracked_history_raises_nothing()
    {
        await using var server = await RunningServer.StartAsync();
        var projectId = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(projectId, ApiKeyKind.Admin);
        await MapAsync(server, admin, "openai", "key_fine", Label);
        await TrackedHistory.SendAsync(server, projectId, UsageFiles.Day, Label, events: 10);

        var answer = await ApiJson.ExpectAsync(
            await ImportAsync(server, admin, UsageFiles.OpenAIPage(UsageFiles.Day, "key_fine", input: 12_000, output: 3_000), "?format=openai&provider=openai"),
            HttpStatusCode.OK);
        Assert.Equal(0, answer.GetProperty("untracked_usage").GetInt32());
        Assert.Equal(1, answer.GetProperty("stored").GetInt32());
        Assert.Empty(await server.App.Store.ListFindingsAsync(projectId, new FindingQuery(), TestContext.Current.CancellationToken));

        var report = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/reconciliation?from=7d", admin), HttpStatusCode.OK);
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal(ReconciliationCauses.Match, row.GetProperty("cause").GetString());
        Assert.Equal(0, row.GetProperty("gap_tokens").GetInt64());
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_400_naming_the_line_and_field_and_nothing_is_stored()
    {
        await using var server = await RunningServer.StartAsync();
        var projectId = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(projectId, ApiKeyKind.Admin);
        var csv = "date,provider,model,input_tokens,output_tokens\n"
            + $"{UsageFiles.DayText(UsageFiles.Day)},openai,gpt-4o,100,10\n"
            + $"{UsageFiles.DayText(UsageFiles.Day)},openai,gpt-4o,lots,10\n";
        var problem = await ApiJson.ExpectAsync(await ImportAsync(server, admin, csv, "?format=csv", "text/csv"), HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("3", detail, StringComparison.Ordinal);
        Assert.Contains("input_tokens", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("lots", detail, StringComparison.Ordinal);
        Assert.Empty(await server.App.Store.QueryProviderUsageAsync(projectId, UsageFiles.Day.AddDays(-1), UsageFiles.Day.AddDays(2), TestContext.Current.CancellationToken));

        await ApiJson.ExpectAsync(await ImportAsync(server, admin, "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":\"soon\"}]}"), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await ImportAsync(server, admin, csv, "?format=xml"), HttpStatusCode.BadRequest);
        var mismatch = await ApiJson.ExpectAsync(
            await ImportAsync(server, admin, UsageFiles.OpenAIPage(UsageFiles.Day, "key_a", 1, 1), "?provider=anthropic"), HttpStatusCode.BadRequest);
        Assert.Contains("anthropic", mismatch.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admin_keys_import_or_change_mappings_and_read_keys_list_them()
    {
        await using var server = await RunningServer.StartAsync();
        var projectId = await server.CreateProjectAsync("shop");
        var read = await server.CreateKeyAsync(projectId, ApiKeyKind.Read);
        var ingest = await server.CreateKeyAsync(projectId, ApiKeyKind.Ingest);
        var admin = await server.CreateKeyAsync(projectId, ApiKeyKind.Admin);
        var file = UsageFiles.OpenAIPage(UsageFiles.Day, "key_a", 100, 10);

        await ApiJson.ExpectAsync(await ImportAsync(server, read, file), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await ImportAsync(server, ingest, file), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await ImportAsync(server, null, file), HttpStatusCode.Unauthorized);
        await ApiJson.ExpectAsync(await PutMappingAsync(server, read, "{\"provider\":\"openai\",\"ref\":\"key_a\",\"key_label\":\"x\"}"), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/reconciliation", ingest), HttpStatusCode.Forbidden);

        await MapAsync(server, admin, "OpenAI", "key_a", "openai-prod");
        await MapAsync(server, admin, "openai", "key_a", "openai-prod-2"); // replaces
        var listed = await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/provider-key-mappings", read), HttpStatusCode.OK);
        var mapping = Assert.Single(listed.GetProperty("mappings").EnumerateArray());
        Assert.Equal("openai", mapping.GetProperty("provider").GetString());
        Assert.Equal("openai-prod-2", mapping.GetProperty("key_label").GetString());

        // A pasted secret key, an unknown field and an over-long label are refused without being echoed.
        var secret = await ApiJson.ExpectAsync(await PutMappingAsync(server, admin, "{\"provider\":\"openai\",\"ref\":\"sk-proj-abcdef0123456789\",\"key_label\":\"x\"}"), HttpStatusCode.BadRequest);
        Assert.DoesNotContain("abcdef0123456789", secret.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiJson.ExpectAsync(await PutMappingAsync(server, admin, "{\"provider\":\"openai\",\"ref\":\"key_b\",\"key_label\":\"x\",\"extra\":1}"), HttpStatusCode.BadRequest);
        await ApiJson.ExpectAsync(await PutMappingAsync(server, admin, $"{{\"provider\":\"openai\",\"ref\":\"key_b\",\"key_label\":\"{new string('x', 129)}\"}}"), HttpStatusCode.BadRequest);

        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, "/api/v1/provider-key-mappings?provider=openai&ref=key_a", read), HttpStatusCode.Forbidden);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, "/api/v1/provider-key-mappings?provider=openai&ref=key_a", admin), HttpStatusCode.NoContent);
        await ApiJson.ExpectAsync(await server.SendAsync(HttpMethod.Delete, "/api/v1/provider-key-mappings?provider=openai&ref=key_a", admin), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_export_larger_than_the_ingest_limit_is_accepted_and_one_over_50_MB_is_413()
    {
        await using var server = await RunningServer.StartAsync();
        var projectId = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(projectId, ApiKeyKind.Admin);

        // About 6 MB of CSV (above the 4 MiB ingest body limit): one natural key repeated, summed into one record.
        var line = $"{UsageFiles.DayText(UsageFiles.Day)},openai,gpt-4o-mini,key_big,proj,default,1,10,5,0,0,\n";
        var csv = new StringBuilder("date,provider,model,key_id,project,service_tier,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd\n");
        var rows = (6 * 1024 * 1024 / line.Length) + 1;
        for (var i = 0; i < rows; i++)
        {
            csv.Append(line);
        }

        var big = await ApiJson.ExpectAsync(await ImportAsync(server, admin, csv.ToString(), "?format=csv", "text/csv"), HttpStatusCode.OK);
        Assert.Equal(rows, big.GetProperty("rows_read").GetInt32());
        Assert.Equal(1, big.GetProperty("records").GetInt32());
        var stored = Assert.Single(await server.App.Store.QueryProviderUsageAsync(projectId, UsageFiles.Day, UsageFiles.Day.AddDays(1), TestContext.Current.CancellationToken));
        Assert.Equal(rows * 10L, stored.InputTokens);

        // Chunked, so the limit is enforced on the bytes read, not on a declared length.
        using var content = new StreamContent(new MemoryStream(new byte[UsageImportLimits.MaxBytes + 1]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/provider-usage/import") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static async Task MapAsync(RunningServer server, string admin, string provider, string reference, string label)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["provider"] = provider, ["ref"] = reference, ["key_label"] = label });
        await ApiJson.ExpectAsync(await PutMappingAsync(server, admin, body), HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> PutMappingAsync(RunningServer server, string key, string json) =>
        server.SendAsync(HttpMethod.Put, "/api/v1/provider-key-mappings", key, new StringContent(json, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> ImportAsync(RunningServer server, string? key, string file, string query = "", string mediaType = "application/json") =>
        server.SendAsync(HttpMethod.Post, "/api/v1/provider-usage/import" + query, key, new StringContent(file, Encoding.UTF8, mediaType));
}
