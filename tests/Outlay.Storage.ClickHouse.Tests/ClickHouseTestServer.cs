using System.Net.Http;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// The ClickHouse servers the tests use: <c>OUTLAY_TEST_CLICKHOUSE</c> (one node's HTTP URL) and
/// <c>OUTLAY_TEST_CLICKHOUSE_CLUSTER</c> (the shard nodes of cluster <c>outlay_test</c>, comma-separated), as
/// <c>eval "$(.ci/clickhouse-start)"</c> prints them. Without them a test skips with the reason; on CI (<c>CI=true</c>)
/// it fails instead, so CI never passes by skipping.
/// </summary>
internal static class ClickHouseTestServer
{
    public const string SingleVariable = "OUTLAY_TEST_CLICKHOUSE";
    public const string ClusterVariable = "OUTLAY_TEST_CLICKHOUSE_CLUSTER";
    public const string ClusterName = "outlay_test";

    private static readonly Lazy<Task<string?>> SingleUnavailable = new(() => ProbeAsync(SingleVariable));
    private static readonly Lazy<Task<string?>> ClusterUnavailable = new(() => ProbeAsync(ClusterVariable));

    /// <summary>The single node's URL, or a skip (locally) / failure (CI).</summary>
    public static async Task<Uri> RequireSingleAsync()
    {
        await RequireAsync(SingleUnavailable.Value);
        return new Uri(Environment.GetEnvironmentVariable(SingleVariable)!.Trim());
    }

    /// <summary>The cluster's node URLs (the first is the entry node), or a skip / failure.</summary>
    public static async Task<IReadOnlyList<Uri>> RequireClusterAsync()
    {
        await RequireAsync(ClusterUnavailable.Value);
        return Nodes(Environment.GetEnvironmentVariable(ClusterVariable)!);
    }

    /// <summary>Store options for a fresh database <c>outlay_t_&lt;guid&gt;</c> on the single node or the cluster.</summary>
    public static async Task<ClickHouseStoreOptions> NewDatabaseAsync(bool cluster)
    {
        var database = "outlay_t_" + Guid.NewGuid().ToString("N");
        if (!cluster)
        {
            return new ClickHouseStoreOptions { Server = await RequireSingleAsync(), Database = database };
        }

        var nodes = await RequireClusterAsync();
        return new ClickHouseStoreOptions { Server = nodes[0], Database = database, Cluster = ClusterName, Nodes = nodes };
    }

    /// <summary>Drops the options' database on every node.</summary>
    public static async Task DropAsync(ClickHouseStoreOptions options)
    {
        // Generous: a drop waits for running merges, which a loaded CI machine can make slow.
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        foreach (var node in options.Cluster is null ? [options.Server] : options.Nodes)
        {
            // The name is built from a GUID only.
            using var response = await client.PostAsync(node, new StringContent($"DROP DATABASE IF EXISTS `{options.Database}`"), CancellationToken.None);
        }
    }

    private static async Task RequireAsync(Task<string?> probe)
    {
        var reason = await probe;
        if (reason is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason + " CI must run the ClickHouse tests (.ci/run starts servers with .ci/clickhouse-start).");
        }

        Assert.Skip(reason + " Start them with: eval \"$(.ci/clickhouse-start)\"");
    }

    private static IReadOnlyList<Uri> Nodes(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => new Uri(n)).ToList();

    private static async Task<string?> ProbeAsync(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"No ClickHouse server: {variable} is not set.";
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var node in Nodes(value))
        {
            try
            {
                using var response = await client.GetAsync(new Uri(node, "/ping"), CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    return $"ClickHouse from {variable} answered /ping with HTTP {(int)response.StatusCode}.";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                return $"ClickHouse from {variable} is not reachable ({e.GetType().Name}: {e.Message}).";
            }
        }

        return null;
    }
}
