using Microsoft.Data.Sqlite;
using Outlay.Server.Tests.Support;
using Outlay.Storage.Sqlite;

namespace Outlay.Server.Tests;

/// <summary>An upgrade of an older store's schema can take minutes on a large store: the server logs it before it listens.</summary>
public sealed class StoreUpgradeLogTests
{
    [Fact]
    public async Task Starting_on_an_old_store_logs_the_upgrade_before_listening()
    {
        var directory = Path.Combine(Path.GetTempPath(), "outlay-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "old.db");
        try
        {
            // What Outlay's first release wrote: schema version 1.
            await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_ms INTEGER NOT NULL);"
                    + SqliteMigrations.Scripts[0] + "INSERT INTO schema_version VALUES (1, 0);";
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            await using var server = await RunningServer.StartAsync(options => options.StorePath = path);

            var latest = SqliteMigrations.LatestVersion;
            var lines = server.Logs.Lines;
            var starting = IndexOf(lines, $"Upgrading the store's schema from v1 to v{latest} (0 events)");
            var step = IndexOf(lines, $"Store schema v{latest} of {latest} applied");
            var upgraded = IndexOf(lines, $"Store schema upgraded from v1 to v{latest} in ");
            var listening = IndexOf(lines, "Outlay listening on ");
            Assert.True(starting < step && step < upgraded && upgraded < listening, string.Join('\n', lines));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Starting_on_a_new_store_logs_no_upgrade()
    {
        await using var server = await RunningServer.StartAsync();

        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("schema", StringComparison.OrdinalIgnoreCase));
    }

    private static int IndexOf(IReadOnlyList<string> lines, string text)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        Assert.Fail($"No log line contains \"{text}\":\n{string.Join('\n', lines)}");
        return -1;
    }
}
