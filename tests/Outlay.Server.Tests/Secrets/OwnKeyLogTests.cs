using System.Text;
using System.Text.RegularExpressions;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Secrets;

/// <summary>
/// Issue 8, secrets: Outlay's own keys never reach a log line, and no answer echoes a credential back — through
/// dashboard sign-in, ingest and reads with valid, revoked, wrong and malformed keys, and key creation and revocation
/// on the dashboard. The one place a key may appear is the page that creates it, which shows it once by design.
/// </summary>
/// <remarks>
/// The server has no log-level setting (configuration sources are cleared on purpose); the captured provider gets
/// everything it logs: Information and above for Outlay's categories, Warning and above for the framework's.
/// </remarks>
public sealed partial class OwnKeyLogTests
{
    [Fact]
    public async Task Own_keys_never_reach_the_logs_and_no_answer_echoes_a_credential()
    {
        var ct = TestContext.Current.CancellationToken;
        // At Trace, for every category: no log level may carry a key or a credential.
        await using var server = await RunningServer.StartAsync(o => o.MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Trace);
        var project = await server.CreateProjectAsync("own-keys");
        var ingest = await server.CreateKeyAsync(project, ApiKeyKind.Ingest);
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var revoked = new List<string>();
        foreach (var kind in new[] { ApiKeyKind.Ingest, ApiKeyKind.Read, ApiKeyKind.Admin })
        {
            var key = await server.CreateKeyAsync(project, kind);
            Assert.True(ApiKeyText.TryParse(key, out _, out var id));
            Assert.True(await server.App.Store.RevokeKeyAsync(id, DateTimeOffset.UtcNow, ct));
            revoked.Add(key);
        }

        // Well-formed keys that were never issued (a known id with a wrong secret, and an unknown id), and malformed ones.
        Assert.True(ApiKeyText.TryParse(ingest, out _, out var ingestId));
        var wrong = new List<string>
        {
            ingest[..^6] + (ingest[^6..] == "AAAAAA" ? "BBBBBB" : "AAAAAA"),
            "olk_ingest_" + ingestId + "_" + new string('q', 40),
            "olk_read_zzzzzzzzzzzz_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(26)),
            "olk_admin_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30)),
            ingest + "x",
            ingest[..20],
        };
        var all = new List<string> { ingest, read, admin };
        all.AddRange(revoked);
        all.AddRange(wrong);

        var answers = new StringBuilder();
        var statuses = new Dictionary<int, int>();
        async Task RecordAsync(HttpResponseMessage response)
        {
            using (response)
            {
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                answers.Append((int)response.StatusCode).Append('\n').Append(response.Headers).Append(response.Content.Headers)
                    .Append(await response.Content.ReadAsStringAsync(ct)).Append('\n');
            }
        }

        var range = "/api/v1/spend?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
        foreach (var key in all)
        {
            await RecordAsync(await server.PostEventsAsync(key, EventJson.Batch(EventJson.Event())));
            await RecordAsync(await server.GetAsync(range, key));
            await RecordAsync(await server.GetAsync("/api/v1/findings", key));
            await RecordAsync(await server.SendAsync(HttpMethod.Post, "/v1/traces", key, new StringContent("{}", Encoding.UTF8, "application/json")));
            using var browser = new DashboardBrowser(server);
            await RecordAsync(await browser.SignInAsync(key));
        }

        // Key creation and revocation on the dashboard: the created key is shown once on its page and nowhere else.
        using var adminBrowser = new DashboardBrowser(server);
        await adminBrowser.SignInOrFailAsync(admin);
        await adminBrowser.GetHtmlAsync("/keys");
        using var created = await adminBrowser.PostWithCsrfAsync("/keys", ("kind", "ingest"), ("name", "created-on-dashboard"));
        var createdPage = await created.Content.ReadAsStringAsync(ct);
        var createdKey = KeyPattern().Match(createdPage).Groups[1].Value;
        Assert.True(ApiKeyText.TryParse(createdKey, out _, out var createdId), $"the key creation page ({(int)created.StatusCode}) did not show the new key");
        all.Add(createdKey);
        await RecordAsync(await server.PostEventsAsync(createdKey, EventJson.Batch(EventJson.Event())));
        await RecordAsync(await adminBrowser.PostWithCsrfAsync($"/keys/{createdId}/revoke"));
        await RecordAsync(await server.PostEventsAsync(createdKey, EventJson.Batch(EventJson.Event())));

        var logLines = server.Logs.Lines;
        await server.StopAsync();
        var logs = server.Logs.AllText;
        var answerText = answers.ToString();
        var inLogs = all.Where(k => logs.Contains(k, StringComparison.Ordinal) || logs.Contains(SecretPart(k), StringComparison.Ordinal)).ToList();
        var inAnswers = all.Where(k => answerText.Contains(k, StringComparison.Ordinal) || answerText.Contains(SecretPart(k), StringComparison.Ordinal)).ToList();

        Figures.Print("own-keys", $"{all.Count} keys (3 valid, 3 revoked, {wrong.Count} wrong or malformed, 1 created and revoked on the dashboard) × ingest, OTLP, spend, findings and sign-in = {statuses.Values.Sum()} requests ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"))}); {logLines.Count} log lines; keys in logs {inLogs.Count}, in answers {inAnswers.Count}");

        Assert.Empty(inLogs.Select(k => k.Length > 12 ? k[..12] + "…" : k));
        Assert.Empty(inAnswers.Select(k => k.Length > 12 ? k[..12] + "…" : k));
        Assert.Contains(logLines, line => line.Contains(createdId, StringComparison.Ordinal));
        Assert.DoesNotContain(statuses.Keys, status => status >= 500);
    }

    /// <summary>The secret of <c>olk_KIND_ID_SECRET</c> (which may itself hold underscores), or the whole text for a malformed key.</summary>
    private static string SecretPart(string key)
    {
        var parts = key.Split('_', 4);
        return parts.Length == 4 && parts[3].Length > 16 ? parts[3] : key;
    }

    [GeneratedRegex("data-testid=\"key-secret\">([^<]+)<")]
    private static partial Regex KeyPattern();
}
