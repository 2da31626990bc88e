using Npgsql;

namespace Outlay.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>OUTLAY_TEST_POSTGRES</c>, an Npgsql connection string for a role that may
/// CREATE DATABASE (<c>eval "$(.ci/postgres-start)"</c> starts a throw-away one). Without it, or when it cannot be
/// reached, a test skips with the reason; on CI (<c>CI=true</c>) it fails instead, so CI never passes by skipping.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "OUTLAY_TEST_POSTGRES";

    private static readonly Lazy<Task<string?>> Unavailable = new(ProbeAsync);

    /// <summary>The admin connection string, or a skip (locally) / failure (CI) saying why there is none.</summary>
    public static async Task<string> RequireAsync()
    {
        var reason = await Unavailable.Value;
        if (reason is not null)
        {
            if (IsCi)
            {
                Assert.Fail(reason + " CI must run the PostgreSQL tests (.ci/run starts a server with .ci/postgres-start).");
            }

            Assert.Skip(reason + " Start one with: eval \"$(.ci/postgres-start)\"");
        }

        return Environment.GetEnvironmentVariable(Variable)!;
    }

    /// <summary>Creates an empty database of its own and returns its connection string.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        var admin = await RequireAsync();
        var name = "outlay_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // A database name cannot be a bind parameter; this one is built from a GUID only.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return (name, builder.ConnectionString);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing any connection still on it.</summary>
    public static async Task DropDatabaseAsync(string name)
    {
        var admin = Environment.GetEnvironmentVariable(Variable)!;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
                return;
            }
            catch (PostgresException e) when (attempt < 20 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // An autovacuum worker on the new database can only be ended by pg_signal_backend members; it leaves soon.
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static async Task<string?> ProbeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"No PostgreSQL server: {Variable} is not set.";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException)
        {
            // The message names the host and the failure, never the password.
            return $"PostgreSQL from {Variable} is not reachable ({e.GetType().Name}: {e.Message}).";
        }
    }
}
