using System.Text;
using System.Text.Json.Nodes;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Otlp;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Secrets;

/// <summary>
/// Issue 8, secrets: every canary credential is put in every place a string can enter the server — each JSON event
/// field and tag, OTLP protobuf and JSON attributes (span and resource), provider usage imports (JSON and CSV),
/// budget names and filters, alert channel names and URLs, query parameters, headers and the sign-in form. None may
/// then appear in the store files (database, WAL, shared memory), in any log line, or in any answer (status line,
/// headers, body); and each canary sent as a tag value must have produced a finding.
/// </summary>
/// <remarks>
/// The server has no log-level setting (its configuration sources are cleared on purpose, so an environment variable
/// cannot turn on request logging); the captured provider receives everything it can log: Information and above
/// for Outlay's own categories, Warning and above for the framework's.
/// </remarks>
public sealed class CanaryLeakTests
{
    [Fact]
    public async Task No_canary_reaches_the_store_files_logs_or_answers_and_each_tag_value_canary_is_a_finding()
    {
        var ct = TestContext.Current.CancellationToken;
        // At Trace, for every category: no log level may carry a key or a credential.
        await using var server = await RunningServer.StartAsync(o => o.MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Trace);
        var project = await server.CreateProjectAsync("canaries");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var canaries = CanaryCredentials.Create();
        var answers = new StringBuilder();
        var statuses = new Dictionary<int, int>();
        var places = 0;

        async Task SendAsync(HttpMethod method, string path, string? key, HttpContent? content = null, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + HeaderSafe(key));
            }

            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, HeaderSafe(value));
            }

            using var response = await server.Http.SendAsync(request, ct);
            Record(response, await response.Content.ReadAsStringAsync(ct));
        }

        void Record(HttpResponseMessage response, string body)
        {
            places++;
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            answers.Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase).Append('\n')
                .Append(response.Headers).Append(response.Content.Headers).Append('\n').Append(body).Append('\n');
        }

        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(admin);
        await browser.GetHtmlAsync("/budgets");
        foreach (var canary in canaries)
        {
            var c = canary.Value;
            var tagKey = TagKey(canary);

            // JSON ingest: one event per field, so one refusal cannot hide another field's leak.
            var events = new List<JsonObject>
            {
                EventJson.Event(tags: new Dictionary<string, string> { [tagKey] = c }),
                EventJson.Event(tags: new Dictionary<string, string> { ["feature"] = c }),
                EventJson.Event(tags: new Dictionary<string, string> { ["customer"] = "note " + c }),
                EventJson.Event(tags: new Dictionary<string, string> { [c] = "value" }),
                EventJson.Event(service: c),
                EventJson.Event(environment: c),
            };
            foreach (var field in new[] { "model", "provider", "instance", "key_label", "operation", "status", "service_tier", "id", "timestamp" })
            {
                var item = EventJson.Event();
                item[field] = c;
                events.Add(item);
            }

            var unknownField = EventJson.Event();
            unknownField["note"] = c;
            events.Add(unknownField);
            await SendAsync(HttpMethod.Post, "/v1/events", ingest, new StringContent(EventJson.Batch([.. events]), Encoding.UTF8, "application/json"));

            // OTLP/JSON and OTLP protobuf traces and logs: the value as resource service name, model and plain attributes.
            var span = OtlpJson.ChatSpan(model: c, traceId: OtlpJson.NewId(16), spanId: OtlpJson.NewId(8), extra: [OtlpJson.Attribute("app.feature", c), OtlpJson.Attribute("user.note", c)]);
            await SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(OtlpJson.ResourceAttributes(c, "prod"), span)));
            await SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpJson.Traces(OtlpJson.ResourceAttributes("otlp-canary", c), OtlpJson.ChatSpan(traceId: OtlpJson.NewId(16), spanId: OtlpJson.NewId(8)))));
            var protoSpan = OtlpProtobufWriter.Span(RandomBytes(16), RandomBytes(8), DateTimeOffset.UtcNow.AddMinutes(-1), error: false,
                ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", c), ("gen_ai.response.id", c),
                ("gen_ai.usage.input_tokens", 10L), ("gen_ai.usage.output_tokens", 5L), ("app.feature", c));
            await SendAsync(HttpMethod.Post, "/v1/traces", ingest, OtlpJson.Content(OtlpProtobufWriter.Traces([("service.name", c), ("deployment.environment.name", "prod")], protoSpan), "application/x-protobuf"));
            var protoLog = OtlpProtobufWriter.LogRecord(RandomBytes(16), RandomBytes(8), DateTimeOffset.UtcNow.AddMinutes(-1), "gen_ai.client.inference.operation.details", c,
                ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "anthropic"), ("gen_ai.response.model", c), ("gen_ai.usage.input_tokens", 10L), ("gen_ai.usage.output_tokens", 5L));
            await SendAsync(HttpMethod.Post, "/v1/logs", ingest, OtlpJson.Content(OtlpProtobufWriter.Logs([("service.name", "otlp-canary"), ("deployment.environment.name", c)], protoLog), "application/x-protobuf"));

            // Provider usage imports.
            await SendAsync(HttpMethod.Post, "/api/v1/provider-usage/import", admin, new StringContent(UsageJson(c), Encoding.UTF8, "application/json"));
            await SendAsync(HttpMethod.Post, "/api/v1/provider-usage/import?format=csv", admin, new StringContent(UsageCsv(c), Encoding.UTF8, "text/csv"));

            // Query parameters of the read API.
            var escaped = Uri.EscapeDataString(c);
            var range = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
            foreach (var query in new[]
            {
                $"/api/v1/spend?from={escaped}&to=2026-01-02T00:00:00Z",
                $"/api/v1/spend?{range}&groupBy={escaped}",
                $"/api/v1/spend?{range}&groupBy=tag.{escaped}",
                $"/api/v1/spend?{range}&filter={escaped}",
                $"/api/v1/spend?{range}&filter=tag.customer:{escaped}",
                $"/api/v1/spend?{range}&filter=service:{escaped}",
                $"/api/v1/spend?{range}&format={escaped}",
                $"/api/v1/spend?{range}&timeZone={escaped}",
                $"/api/v1/spend?{range}&interval={escaped}",
                $"/api/v1/findings?status={escaped}",
                $"/api/v1/reconciliation?from={escaped}",
                $"/healthz?{escaped}",
                $"/{escaped}",
            })
            {
                await SendAsync(HttpMethod.Get, query, read);
            }

            // Headers: the canary as the credential itself, in other auth headers, and in ordinary ones.
            await SendAsync(HttpMethod.Post, "/v1/events", c, new StringContent(EventJson.Batch(EventJson.Event()), Encoding.UTF8, "application/json"));
            await SendAsync(HttpMethod.Get, "/api/v1/spend?" + range, c);
            await SendAsync(HttpMethod.Get, "/api/v1/spend?" + range, null, null, ("Authorization", c), ("X-Api-Key", c));
            await SendAsync(HttpMethod.Post, "/v1/events", ingest, new StringContent(EventJson.Batch(EventJson.Event()), Encoding.UTF8, "application/json"), ("User-Agent", "app/1.0 (" + c + ")"), ("X-Request-Note", c), ("Cookie", "outlay_session=" + escaped));

            // Dashboard: budget names and filters, alert channel names and URLs, and the sign-in form itself.
            using var budget = await browser.PostWithCsrfAsync("/budgets", ("name", c), ("amount", "100"), ("period", "month"), ("time_zone", "UTC"), ("thresholds", "80,100"), ("scope", "tag.customer:" + c));
            Record(budget, await budget.Content.ReadAsStringAsync(ct));
            Assert.True(budget.StatusCode != System.Net.HttpStatusCode.Forbidden, "a dashboard form was refused for its CSRF token, so it proved nothing");
            using var namedBudget = await browser.PostWithCsrfAsync("/budgets", ("name", "budget " + canary.Name), ("amount", "100"), ("period", "month"), ("time_zone", "UTC"), ("thresholds", "80"), ("scope", "tag.customer:" + c));
            Record(namedBudget, await namedBudget.Content.ReadAsStringAsync(ct));
            Assert.True(namedBudget.StatusCode != System.Net.HttpStatusCode.Forbidden, "a dashboard form was refused for its CSRF token, so it proved nothing");
            using var channel = await browser.PostWithCsrfAsync("/alerts/channels", ("name", c), ("kind", "webhook"), ("url", "https://alerts.example.com/hook"));
            Record(channel, await channel.Content.ReadAsStringAsync(ct));
            Assert.True(channel.StatusCode != System.Net.HttpStatusCode.Forbidden, "a dashboard form was refused for its CSRF token, so it proved nothing");
            using var channelUrl = await browser.PostWithCsrfAsync("/alerts/channels", ("name", "channel " + canary.Name), ("kind", "webhook"), ("url", "https://alerts.example.com/hook?token=" + escaped));
            Record(channelUrl, await channelUrl.Content.ReadAsStringAsync(ct));
            Assert.True(channelUrl.StatusCode != System.Net.HttpStatusCode.Forbidden, "a dashboard form was refused for its CSRF token, so it proved nothing");
            using (var stranger = new DashboardBrowser(server))
            {
                using var signIn = await stranger.SignInAsync(c);
                Record(signIn, await signIn.Content.ReadAsStringAsync(ct));
            }
        }

        using var findingsResponse = await server.GetAsync("/api/v1/findings?limit=1000", read);
        var findingsText = await findingsResponse.Content.ReadAsStringAsync(ct);
        var logLines = server.Logs.Lines.Count;
        var findingCount = System.Text.Json.JsonDocument.Parse(findingsText).RootElement.GetProperty("findings").GetArrayLength();
        await server.StopAsync();
        var storeFiles = server.ReadStoreFiles();
        var logs = server.Logs.AllText;
        var answerText = answers.ToString();

        var leaks = new List<string>();
        foreach (var canary in canaries)
        {
            foreach (var needle in new[] { canary.Value, canary.Core })
            {
                var bytes = Encoding.UTF8.GetBytes(needle);
                foreach (var file in storeFiles)
                {
                    var at = file.AsSpan().IndexOf(bytes);
                    if (at >= 0)
                    {
                        var from = Math.Max(0, at - 120);
                        var around = Encoding.Latin1.GetString(file, from, Math.Min(file.Length - from, 240 + bytes.Length));
                        leaks.Add($"{canary.Name} in the store files: …" + Redact(new string([.. around.Select(ch => ch is >= ' ' and <= '~' ? ch : '.')]), canaries) + "…");
                    }
                }

                if (logs.Contains(needle, StringComparison.Ordinal))
                {
                    leaks.Add($"{canary.Name} in the logs: " + Redact(server.Logs.Lines.First(l => l.Contains(needle, StringComparison.Ordinal)), canaries));
                }

                if (answerText.Contains(needle, StringComparison.Ordinal))
                {
                    var at = answerText.IndexOf(needle, StringComparison.Ordinal);
                    leaks.Add($"{canary.Name} in an answer: …" + Redact(answerText.Substring(Math.Max(0, at - 200), Math.Min(400, answerText.Length - Math.Max(0, at - 200))), canaries) + "…");
                }

                if (findingsText.Contains(needle, StringComparison.Ordinal))
                {
                    leaks.Add($"{canary.Name} in the findings");
                }
            }
        }

        var withoutFinding = canaries.Where(c => !findingsText.Contains(TagKey(c), StringComparison.Ordinal)).Select(c => c.Name).ToList();
        Figures.Print("canaries", $"{canaries.Count} canary formats × {places / canaries.Count} places each = {places} requests ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"))}); searched {storeFiles.Sum(f => f.Length):N0} store bytes in {storeFiles.Count} files, {logLines} log lines, {answerText.Length:N0} answer characters; leaks {leaks.Count}; {findingCount} findings, tag-value canaries without one {withoutFinding.Count}");

        Assert.True(leaks.Count == 0, "canaries leaked: " + string.Join(Environment.NewLine, leaks.Distinct()));
        Assert.True(withoutFinding.Count == 0, "no finding for the tag-value canaries " + string.Join(", ", withoutFinding));
        Assert.DoesNotContain(statuses.Keys, status => status >= 500);
    }

    /// <summary>A tag key naming the canary, so its finding (which names the key, never the value) can be found.</summary>
    private static string TagKey(CanaryCredentials.Canary canary) => "canary_" + canary.Name.Replace('-', '_');

    private static string Redact(string text, IReadOnlyList<CanaryCredentials.Canary> canaries) =>
        canaries.Aggregate(text, (current, canary) => current.Replace(canary.Value, $"<{canary.Name}>", StringComparison.Ordinal).Replace(canary.Core, $"<{canary.Name} core>", StringComparison.Ordinal));

    /// <summary>Header values cannot hold line breaks (a PEM block has them); folded to spaces, the random part stays.</summary>
    private static string HeaderSafe(string value) => value.Replace('\n', ' ');

    private static byte[] RandomBytes(int count) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(count);

    private static string UsageJson(string canary)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-2), TimeSpan.Zero).ToUnixTimeSeconds();
        JsonObject Result(string projectId, string keyId, string model) => new()
        {
            ["object"] = "organization.usage.completions.result",
            ["input_tokens"] = 10,
            ["output_tokens"] = 5,
            ["num_model_requests"] = 1,
            ["project_id"] = projectId,
            ["user_id"] = canary,
            ["api_key_id"] = keyId,
            ["model"] = model,
            ["batch"] = false,
        };
        var results = new JsonArray { Result(canary, "key_a", "gpt-4o-mini"), Result("proj_a", canary, "gpt-4o-mini"), Result("proj_a", "key_a", canary) };
        var bucket = new JsonObject { ["object"] = "bucket", ["start_time"] = start, ["end_time"] = start + 86400, ["results"] = results };
        return new JsonObject { ["object"] = "page", ["data"] = new JsonArray { bucket }, ["has_more"] = false, ["next_page"] = canary }.ToJsonString();
    }

    private static string UsageCsv(string canary)
    {
        var day = DateTime.UtcNow.Date.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var cell = "\"" + canary.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return "date,provider,model,key_id,project,service_tier,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd\n"
            + $"{day},openai,gpt-4o-mini,{cell},proj_a,default,1,10,5,0,0,0.25\n"
            + $"{day},openai,gpt-4o-mini,key_a,{cell},default,1,10,5,0,0,0.25\n"
            + $"{day},openai,{cell},key_a,proj_a,default,1,10,5,0,0,0.25\n"
            + $"{day},{cell},gpt-4o-mini,key_a,proj_a,{cell},1,10,5,0,0,0.25\n";
    }
}
