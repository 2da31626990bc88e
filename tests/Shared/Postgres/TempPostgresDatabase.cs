using Npgsql;

namespace Outlay.Testing;

/// <summary>
/// An empty PostgreSQL database of its own for one test, on the server <c>OUTLAY_TEST_POSTGRES</c> names (an Npgsql
/// connection string for a role that may CREATE DATABASE; <c>eval "$(.ci/postgres-start)"</c> starts one). Without it
/// the test skips locally and fails on CI (<c>CI=true</c>). Dropped on dispose. Linked into the test projects that talk
/// to PostgreSQL (they reference Npgsql through the server or CLI).
/// </summary>
internal sealed class TempPostgresDatabase : IAsyncDisposable
{
    private const string Variable = "OUTLAY_TEST_POSTGRES";

    private readonly string _admin;

    private TempPostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
        Password = new NpgsqlConnectionStringBuilder(admin).Password ?? string.Empty;
    }

    public string Name { get; }

    /// <summary>The connection string of this database (with the password).</summary>
    public string ConnectionString { get; }

    /// <summary>The <c>--store</c> value: <c>postgres:</c> and the connection string.</summary>
    public string Spec => "postgres:" + ConnectionString;

    /// <summary>The password in the connection string, which no output may contain.</summary>
    public string Password { get; }

    /// <summary>What Outlay prints for this store: <c>postgres://host:port/database</c>.</summary>
    public string Display
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{builder.Host}:{builder.Port}/{Name}";
        }
    }

    public static async Task<TempPostgresDatabase> CreateAsync(string namePrefix = "outlay_test_")
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        var reason = string.IsNullOrWhiteSpace(admin) ? $"No PostgreSQL server: {Variable} is not set." : await ProbeAsync(admin);
        if (reason is not null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI must run the PostgreSQL tests (.ci/run starts a server with .ci/postgres-start).");
            }

            Assert.Skip(reason + " Start one with: eval \"$(.ci/postgres-start)\"");
        }

        // The prefix is the caller's constant; the rest is a GUID, so the name is safe to put in SQL text.
        var name = namePrefix + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // A database name cannot be a bind parameter; this one is built from a GUID only.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return new TempPostgresDatabase(admin!, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", connection);
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

    private static async Task<string?> ProbeAsync(string admin)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(admin) { Timeout = 5 };
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
