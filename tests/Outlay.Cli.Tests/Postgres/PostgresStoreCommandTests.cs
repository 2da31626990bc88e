using Outlay.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Outlay.Cli.Tests.Postgres;

/// <summary>
/// <c>--store postgres:…</c> and <c>OUTLAY_STORE=postgres:…</c> on a real PostgreSQL server, and the rule that a
/// connection string's password never reaches any output, error or log.
/// </summary>
public sealed class PostgresStoreCommandTests
{
    [Fact]
    public async Task Keys_create_list_and_revoke_work_on_postgres_without_printing_the_password()
    {
        await using var database = await TempPostgresDatabase.CreateAsync("outlay_cli_test_");

        var created = await CliRun.InvokeAsync("keys", "create", "--store", database.Spec, "--kind", "admin", "--project", "shop", "--json");
        Assert.Equal(0, created.ExitCode);
        using var createdJson = JsonDocument.Parse(created.Json);
        var id = createdJson.RootElement.GetProperty("id").GetString()!;
        var human = await CliRun.InvokeAsync("keys", "create", "--store", database.Spec, "--kind", "read", "--project", "shop");
        var listed = await CliRun.InvokeAsync("keys", "list", "--store", database.Spec, "--project", "shop", "--json");
        var revoked = await CliRun.InvokeAsync("keys", "revoke", "--store", database.Spec, id);

        Assert.Equal(0, human.ExitCode);
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(0, revoked.ExitCode);
        using var listJson = JsonDocument.Parse(listed.Json);
        var kinds = listJson.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kind").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["admin", "read"], kinds);
        AssertNoPassword(database, created, human, listed, revoked);
    }

    [Fact]
    public async Task Alert_channels_on_postgres_need_a_key_from_outside_the_database()
    {
        await using var database = await TempPostgresDatabase.CreateAsync("outlay_cli_test_");
        var folder = Directory.CreateTempSubdirectory("outlay-cli-pg-key-");
        try
        {
            var keyFile = Path.Combine(folder.FullName, "alerts.key");
            var added = await CliRun.InvokeAsync(
                "alerts", "channels", "add", "--store", database.Spec, "--project", "shop", "--name", "Hook", "--kind", "webhook",
                "--url", "https://alerts.example.com/in", "--secret-key-file", keyFile, "--json");

            Assert.Equal(0, added.ExitCode);
            Assert.True(File.Exists(keyFile));
            AssertNoPassword(database, added);
            if (Environment.GetEnvironmentVariable("OUTLAY_SECRET_KEY") is null)
            {
                var refused = await CliRun.InvokeAsync(
                    "alerts", "channels", "add", "--store", database.Spec, "--project", "shop", "--name", "Hook 2", "--kind", "webhook",
                    "--url", "https://alerts.example.com/in");
                Assert.Equal(1, refused.ExitCode);
                Assert.Contains("OUTLAY_SECRET_KEY", refused.Error, StringComparison.Ordinal);
                Assert.Contains("--secret-key-file", refused.Error, StringComparison.Ordinal);
                AssertNoPassword(database, refused);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Serve_from_OUTLAY_STORE_on_postgres_answers_healthz_and_the_api_and_logs_no_password()
    {
        await using var database = await TempPostgresDatabase.CreateAsync("outlay_cli_test_");
        var created = await CliRun.InvokeAsync("keys", "create", "--store", database.Spec, "--kind", "admin", "--project", "shop", "--json");
        Assert.Equal(0, created.ExitCode);
        using var createdJson = JsonDocument.Parse(created.Json);
        var key = createdJson.RootElement.GetProperty("key").GetString()!;

        using var serve = ServeChildProcess.Start([], environment: new Dictionary<string, string> { ["OUTLAY_STORE"] = database.Spec });
        var address = await serve.WaitUntilListeningAsync();
        using var http = new HttpClient { BaseAddress = address };
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/keys");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var keys = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"ok\"", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        // The log line names the store as postgres://host:port/database; the console banner may wrap, so the
        // password is looked for in the output joined without separators too.
        var lines = serve.Lines;
        Assert.Contains(lines, l => l.Contains("info: Outlay.Server.OutlayServerApp", StringComparison.Ordinal) && l.Contains("store " + database.Display, StringComparison.Ordinal));
        Assert.DoesNotContain(database.Password, string.Concat(lines), StringComparison.Ordinal);
        Assert.DoesNotContain(database.Password, string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_fails_in_one_line_naming_the_server_but_not_the_password()
    {
        const string password = "hunter2-unreachable-secret";
        var run = await CliRun.InvokeAsync(
            "serve", "--urls", "http://127.0.0.1:0", "--store", $"postgres:Host=127.0.0.1;Port=1;Database=spend;Username=outlay;Password={password};Timeout=3");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: The store postgres://127.0.0.1:1/spend cannot be opened", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, run.Error + run.Human + run.Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql:Server=db;Password=hunter2-secret")]
    [InlineData("Host=db;Password=hunter2-secret")]
    [InlineData("postgres:Host=db;Nonsense=1;Password=hunter2-secret")]
    public async Task A_store_that_cannot_be_used_is_a_usage_error_that_names_both_engines_and_not_the_value(string spec)
    {
        var offline = await CliRun.InvokeAsync("keys", "list", "--store", spec);
        var serve = await CliRun.InvokeAsync("serve", "--urls", "http://127.0.0.1:0", "--store", spec);

        foreach (var run in new[] { offline, serve })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.DoesNotContain("hunter2", run.Error + run.Human + run.Json, StringComparison.Ordinal);
            if (!spec.StartsWith("postgres:", StringComparison.Ordinal))
            {
                Assert.Contains("sqlite:", run.Error, StringComparison.Ordinal);
                Assert.Contains("postgres:", run.Error, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("Npgsql connection string", run.Error, StringComparison.Ordinal);
            }
        }
    }

    private static void AssertNoPassword(TempPostgresDatabase database, params CliRun[] runs)
    {
        Assert.NotEmpty(database.Password);
        foreach (var run in runs)
        {
            Assert.DoesNotContain(database.Password, run.Human + run.Json + run.Error, StringComparison.Ordinal);
        }
    }
}
