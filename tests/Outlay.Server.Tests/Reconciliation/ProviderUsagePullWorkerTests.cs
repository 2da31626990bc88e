using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outlay.Core.Findings;
using Outlay.Core.Reconciliation;
using Outlay.Server.Reconciliation;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Reconciliation;

public sealed class ProviderUsagePullWorkerTests
{
    private const string AdminKey = "sk-admin-Zq8TESTaDmInKeY0123456789abcdef";
    private const string Label = "openai-prod";

    [Fact]
    public async Task The_pull_reads_every_page_with_the_admin_key_raises_one_finding_and_never_logs_or_stores_the_key()
    {
        await using var fake = await FakeAdminApi.StartAsync();
        var previous = UsageFiles.Day.AddDays(-1);
        fake.Pages[""] = UsageFiles.OpenAIPage(previous, "key_leak", input: 12_000, output: 3_000, hasMore: true, nextPage: "page_2");
        fake.Pages["page_2"] = UsageFiles.OpenAIPage(UsageFiles.Day, "key_leak", input: 36_000, output: 9_000);
        fake.ThrottleFirst = 1; // one 429 first: the pull backs off and retries

        var keyFile = WritePrivateKeyFile(AdminKey);
        await using var server = await RunningServer.StartAsync(options =>
        {
            options.OpenAIAdminKeyPath = keyFile;
            options.OpenAIAdminBaseUrl = fake.BaseAddress;
            options.ReconcileProject = "shop";
            options.ProviderUsagePullFirstBackOff = TimeSpan.FromMilliseconds(10);
            options.ProviderUsagePullStartDelay = TimeSpan.FromHours(1); // only the explicit pass below runs
            options.ReadEnvironment = _ => null;
        });
        var projectId = (await server.App.Store.EnsureProjectAsync("shop", TestContext.Current.CancellationToken)).Id;
        await server.App.Store.SetProviderKeyMappingAsync(new ProviderKeyMapping(projectId, "openai", "key_leak", Label, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        await TrackedHistory.SendAsync(server, projectId, previous, Label, events: 10); // the first day matches
        await TrackedHistory.SendAsync(server, projectId, UsageFiles.Day, Label, events: 10); // the second is 3×

        await Worker(server).RunOnceAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        var stored = await server.App.Store.QueryProviderUsageAsync(projectId, previous, UsageFiles.Day.AddDays(1), TestContext.Current.CancellationToken);
        Assert.Equal([12_000L, 36_000L], stored.OrderBy(r => r.Day).Select(r => r.InputTokens));
        Assert.All(stored, r => Assert.Equal(OpenAiUsageReader.ApiSource, r.Source));

        var finding = Assert.Single(await server.App.Store.ListFindingsAsync(projectId, new FindingQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(FindingKinds.UntrackedUsage, finding.Kind);
        Assert.Equal($"OpenAI reports 3.0× the tracked input tokens on key {Label} on {UsageFiles.DayText(UsageFiles.Day)}", finding.Summary);

        // Both pages were asked for, with the documented query and the key as a bearer token.
        var requests = fake.Requests.ToList();
        Assert.Equal(3, requests.Count); // the 429, then the first page again, then the second
        Assert.Contains(requests, r => r.PathAndQuery.Contains("page=page_2", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.PathAndQuery.StartsWith("/v1/organization/usage/completions?start_time=", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("bucket_width=1d", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("group_by=api_key_id", StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Equal("Bearer " + AdminKey, r.Headers["Authorization"]));

        await server.StopAsync();
        Assert.DoesNotContain(AdminKey, server.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq8TEST", server.Logs.AllText, StringComparison.Ordinal);
        var secret = Encoding.UTF8.GetBytes(AdminKey);
        Assert.All(server.ReadStoreFiles(), bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf(secret)));
        File.Delete(keyFile);
    }

    [Fact]
    public async Task The_anthropic_pull_sends_its_headers_and_a_refused_key_is_logged_without_the_key()
    {
        await using var fake = await FakeAdminApi.StartAsync();
        fake.Pages[""] = UsageFiles.AnthropicPage(UsageFiles.Day, "apikey_01", uncachedInput: 500, output: 50);
        await using var server = await RunningServer.StartAsync(options =>
        {
            options.AnthropicAdminBaseUrl = fake.BaseAddress;
            options.ReconcileProject = "shop";
            options.ReadEnvironment = name => name == ProviderUsagePullSettings.AnthropicKeyVariable ? AdminKey : null;
            options.ProviderUsagePullStartDelay = TimeSpan.FromHours(1);
        });
        var projectId = (await server.App.Store.EnsureProjectAsync("shop", TestContext.Current.CancellationToken)).Id;
        await Worker(server).RunOnceAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

        var request = fake.Requests.First();
        Assert.StartsWith("/v1/organizations/usage_report/messages?starting_at=", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("group_by%5B%5D=api_key_id", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(AdminKey, request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        var record = Assert.Single(await server.App.Store.QueryProviderUsageAsync(projectId, UsageFiles.Day, UsageFiles.Day.AddDays(1), TestContext.Current.CancellationToken));
        Assert.Equal(AnthropicUsageReader.ApiSource, record.Source);

        // The provider refuses the key: the failure is logged by status, and the key appears nowhere.
        fake.Pages.Clear();
        await Worker(server).RunOnceAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        Assert.Contains(server.Logs.Lines, l => l.Contains("Pulling anthropic usage failed", StringComparison.Ordinal) && l.Contains("404", StringComparison.Ordinal));
        Assert.DoesNotContain(AdminKey, server.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_file_others_can_read_is_refused_at_startup_with_a_clear_message()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only.");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var keyFile = WritePrivateKeyFile(AdminKey);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => RunningServer.StartAsync(options =>
        {
            options.OpenAIAdminKeyPath = keyFile;
            options.ReconcileProject = "shop";
            options.ReadEnvironment = _ => null;
        }));
        Assert.Contains(keyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminKey, error.Message, StringComparison.Ordinal);

        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var noProject = await Assert.ThrowsAsync<ArgumentException>(() => RunningServer.StartAsync(options =>
        {
            options.OpenAIAdminKeyPath = keyFile;
            options.ReadEnvironment = _ => null;
        }));
        Assert.Contains("--reconcile-project", noProject.Message, StringComparison.Ordinal);

        var plainHttp = await Assert.ThrowsAsync<ArgumentException>(() => RunningServer.StartAsync(options =>
        {
            options.OpenAIAdminKeyPath = keyFile;
            options.OpenAIAdminBaseUrl = new Uri("http://usage.example.com");
            options.ReconcileProject = "shop";
            options.ReadEnvironment = _ => null;
        }));
        Assert.Contains("https", plainHttp.Message, StringComparison.Ordinal);
        File.Delete(keyFile);
    }

    [Fact]
    public async Task Without_an_admin_key_the_worker_is_off()
    {
        await using var server = await RunningServer.StartAsync(options => options.ReadEnvironment = _ => null);
        var worker = Worker(server);
        Assert.False(worker.IsEnabled);
        Assert.Equal(0, await worker.RunOnceAsync(DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));
    }

    private static ProviderUsagePullWorker Worker(RunningServer server) =>
        server.App.Services.GetServices<IHostedService>().OfType<ProviderUsagePullWorker>().Single();

    private static string WritePrivateKeyFile(string key)
    {
        var path = Path.Combine(Path.GetTempPath(), "outlay-admin-key-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }
}
