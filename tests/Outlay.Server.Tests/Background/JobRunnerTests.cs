using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Outlay.Core.Keys;
using Outlay.Server.Background;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Background;

/// <summary>
/// Two servers in this process on one SQLite file, as two <c>outlay serve</c> processes would share it: one is the job
/// runner, the other stands by and runs no pass; stopping the runner hands the role over within the poll interval.
/// (Child processes killed with SIGKILL, on SQLite and PostgreSQL, are in the integration tests' MultiProcess folder.)
/// </summary>
public sealed class JobRunnerTests
{
    private static readonly TimeSpan TakeoverLimit = JobRunner.PollInterval * 2 + TimeSpan.FromSeconds(20);

    [Fact]
    public async Task One_of_two_servers_on_one_file_runs_the_passes_and_the_other_takes_over_when_it_stops()
    {
        await using var first = await RunningServer.StartAsync();
        var project = await first.CreateProjectAsync("jobs");
        var firstAdmin = await first.CreateKeyAsync(project, ApiKeyKind.Admin);
        await using var second = await RunningServer.StartAsync(o => o.StorePath = first.Options.StorePath);

        // One of the two holds the lock (usually the first, which started earlier; under load the second may win the
        // first attempt), and the other only ever finds it held.
        var (runnerServer, standbyServer) = await WhichRunsAsync(first, second, firstAdmin, TakeoverLimit);
        var runner = await StatusAsync(runnerServer, firstAdmin);
        Assert.True(runner.GetProperty("passes").GetProperty("budgets").GetInt64() >= 1);
        await Task.Delay(JobRunner.PollInterval + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var standby = await StatusAsync(standbyServer, firstAdmin);
        Assert.False(standby.GetProperty("runner").GetBoolean());
        Assert.Equal(0, standby.GetProperty("acquisitions").GetInt64());
        Assert.Empty(standby.GetProperty("passes").EnumerateObject());
        Assert.True((await StatusAsync(runnerServer, firstAdmin)).GetProperty("runner").GetBoolean());

        var stopped = Stopwatch.StartNew();
        await runnerServer.StopAsync();
        var successor = await WaitForRunnerAsync(standbyServer, firstAdmin, TakeoverLimit);
        Assert.Equal(1, successor.GetProperty("acquisitions").GetInt64());
        Assert.True(successor.GetProperty("passes").GetProperty("budgets").GetInt64() >= 1);
        Assert.Contains("holds the background-jobs lock", standbyServer.Logs.AllText, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"takeover after a clean stop: {stopped.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task The_status_needs_an_admin_key()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("jobs");
        var read = await server.CreateKeyAsync(project, ApiKeyKind.Read);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.GetAsync("/api/v1/jobs/runner", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.GetAsync("/api/v1/jobs/runner", read)).StatusCode);
    }

    private static async Task<JsonElement> StatusAsync(RunningServer server, string admin) =>
        await ApiJson.ExpectAsync(await server.GetAsync("/api/v1/jobs/runner", admin), HttpStatusCode.OK);

    /// <summary>Polls both until one reports that it is the runner with a budget pass counted; returns (runner, standby).</summary>
    private static async Task<(RunningServer Runner, RunningServer Standby)> WhichRunsAsync(RunningServer a, RunningServer b, string admin, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            foreach (var (candidate, other) in new[] { (a, b), (b, a) })
            {
                var status = await StatusAsync(candidate, admin);
                if (status.GetProperty("runner").GetBoolean() && status.GetProperty("passes").TryGetProperty("budgets", out _))
                {
                    return (candidate, other);
                }
            }

            Assert.True(waited.Elapsed < limit, $"neither server became the job runner in {limit.TotalSeconds:0} s");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls until the server reports that it is the runner and has counted a budget pass, or fails after <paramref name="limit"/>.</summary>
    private static async Task<JsonElement> WaitForRunnerAsync(RunningServer server, string admin, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = await StatusAsync(server, admin);
            if (status.GetProperty("runner").GetBoolean() && status.GetProperty("passes").TryGetProperty("budgets", out _))
            {
                return status;
            }

            Assert.True(waited.Elapsed < limit, $"not the job runner after {limit.TotalSeconds:0} s: {status}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
