using System.Text.Json;
using Outlay.Cli.Commands;
using Outlay.Cli.Stores;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Postgres;
using Outlay.Storage.Sqlite;
using Outlay.Testing;
using Spectre.Console;

namespace Outlay.Cli.Tests.StoreMigrate;

/// <summary><c>outlay store migrate</c> on real SQLite files and a real PostgreSQL database.</summary>
public sealed class StoreMigrateTests
{
    [Fact]
    public async Task Sqlite_to_postgres_to_sqlite_keeps_every_answer_to_the_nano_dollar()
    {
        await using var database = await TempPostgresDatabase.CreateAsync("outlay_cli_migrate_");
        using var first = new TempStore();
        using var last = new TempStore();
        StoreMigrateHistory history;
        await using (var source = await OpenSqliteAsync(first))
        {
            history = await StoreMigrateHistory.WriteAsync(source, 20_000, TestContext.Current.CancellationToken);
        }

        var there = await CliRun.InvokeAsync("store", "migrate", "--from", first.Spec, "--to", database.Spec, "--json");
        var back = await CliRun.InvokeAsync("store", "migrate", "--from", database.Spec, "--to", last.Spec);

        Assert.True(there.ExitCode == 0, there.Error + there.Json);
        Assert.True(back.ExitCode == 0, back.Error + back.Human);
        using (var json = JsonDocument.Parse(there.Json))
        {
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
            Assert.Equal(20_000, json.RootElement.GetProperty("events_read").GetInt64());
            Assert.Equal(20_000, json.RootElement.GetProperty("events_appended").GetInt64());
            Assert.Equal(database.Display, json.RootElement.GetProperty("to").GetString());
            Assert.True(json.RootElement.GetProperty("channels_need_same_secret_key").GetBoolean());
            Assert.True(json.RootElement.GetProperty("pending_deliveries_not_copied").GetInt64() > 0);
        }

        Assert.Contains("Verified", back.Human, StringComparison.Ordinal);
        Assert.Contains("/ 20,000 events (", back.Human, StringComparison.Ordinal);
        Assert.Contains("OUTLAY_SECRET_KEY", back.Human, StringComparison.Ordinal);
        foreach (var run in new[] { there, back })
        {
            Assert.DoesNotContain(database.Password, run.Human + run.Json + run.Error, StringComparison.Ordinal);
        }

        await using var original = await OpenSqliteAsync(first);
        await using (var postgres = PostgresOutlayStore.Open(database.ConnectionString))
        {
            await postgres.InitializeAsync(TestContext.Current.CancellationToken);
            await StoreMigrateAssert.SameAnswersAsync(original, postgres, history);
        }

        await using var copy = await OpenSqliteAsync(last);
        await StoreMigrateAssert.SameAnswersAsync(original, copy, history);
    }

    [Fact]
    public async Task An_interrupted_migration_continues_from_its_checkpoint_without_duplicates()
    {
        using var from = new TempStore();
        using var to = new TempStore();
        StoreMigrateHistory history;
        await using (var source = await OpenSqliteAsync(from))
        {
            history = await StoreMigrateHistory.WriteAsync(source, 6_000, TestContext.Current.CancellationToken);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var console = new CliConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No }), new StringWriter(), new StringWriter());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StoreMigrateCommand.RunAsync(
            console, StoreLocation.Parse(from.Spec), StoreLocation.Parse(to.Spec), 500, json: true, stop.Token,
            p =>
            {
                if (p.Pages == 3)
                {
                    stop.Cancel();
                }
            }));
        await using (var partial = await OpenSqliteAsync(to))
        {
            // Three pages of whichever project went first (projects created in the same millisecond have no fixed order).
            long copied = 0;
            foreach (var project in history.Projects)
            {
                copied += (await partial.ReadEventTotalsAsync(project.Id, TestContext.Current.CancellationToken)).Events;
            }

            Assert.Equal(1_500, copied);
        }

        var resumed = await CliRun.InvokeAsync("store", "migrate", "--from", from.Spec, "--to", to.Spec, "--page-size", "500", "--json");
        var again = await CliRun.InvokeAsync("store", "migrate", "--from", from.Spec, "--to", to.Spec, "--page-size", "500", "--json");

        Assert.True(resumed.ExitCode == 0, resumed.Error + resumed.Json);
        using (var json = JsonDocument.Parse(resumed.Json))
        {
            // 1,500 committed before the interruption are not read again.
            Assert.Equal(4_500, json.RootElement.GetProperty("events_read").GetInt64());
            Assert.Equal(4_500, json.RootElement.GetProperty("events_appended").GetInt64());
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        }

        Assert.Equal(0, again.ExitCode);
        using (var json = JsonDocument.Parse(again.Json))
        {
            Assert.Equal(0, json.RootElement.GetProperty("events_read").GetInt64());
        }

        await using var original = await OpenSqliteAsync(from);
        await using var copy = await OpenSqliteAsync(to);
        await StoreMigrateAssert.SameAnswersAsync(original, copy, history);
    }

    [Fact]
    public async Task A_tampered_destination_fails_verification_naming_the_difference()
    {
        using var from = new TempStore();
        using var to = new TempStore();
        string projectId;
        await using (var source = await OpenSqliteAsync(from))
        {
            projectId = (await StoreMigrateHistory.WriteAsync(source, 300, TestContext.Current.CancellationToken)).Projects[1].Id;
        }

        var first = await CliRun.InvokeAsync("store", "migrate", "--from", from.Spec, "--to", to.Spec);
        await using (var destination = await OpenSqliteAsync(to))
        {
            var extra = new UsageEvent
            {
                Id = Guid.NewGuid(), Timestamp = StoreMigrateHistory.Start.AddHours(5), Provider = "openai", Model = "gpt-4o", Usage = new TokenUsage(7, 3),
            };
            await destination.AppendEventsAsync(projectId, [new PricedEvent(extra, new CostResult(true, 4_242, new Dictionary<string, long>(), "x", "gpt-4o"), extra.Timestamp)], TestContext.Current.CancellationToken);
        }

        var second = await CliRun.InvokeAsync("store", "migrate", "--from", from.Spec, "--to", to.Spec);

        Assert.True(first.ExitCode == 0, first.Error + first.Human);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Verification failed", second.Human, StringComparison.Ordinal);
        var row = second.Human.Split('\n').Single(l => l.Contains("cost (nano-USD)", StringComparison.Ordinal));
        Assert.Contains("search", row, StringComparison.Ordinal);
        Assert.Contains(second.Human.Split('\n'), l => l.Contains("search", StringComparison.Ordinal) && l.Contains(" events ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refuses_the_same_store_and_a_destination_with_other_data()
    {
        using var from = new TempStore();
        using var to = new TempStore();
        await using (var source = await OpenSqliteAsync(from))
        {
            await source.EnsureProjectAsync("shop", TestContext.Current.CancellationToken);
        }

        await using (var destination = await OpenSqliteAsync(to))
        {
            await destination.EnsureProjectAsync("shop", TestContext.Current.CancellationToken);
        }

        var same = await CliRun.InvokeAsync("store", "migrate", "--from", from.Spec, "--to", "sqlite:" + Path.Combine(from.Folder, ".", "outlay.db"));
        var other = await CliRun.InvokeAsync("store", "migrate", "--from", from.Spec, "--to", to.Spec);
        var unreachable = await CliRun.InvokeAsync("store", "migrate", "--from", from.Spec, "--to", "postgres:Host=127.0.0.1;Port=1;Username=u;Password=hunter2-secret;Timeout=2");

        Assert.Equal(2, same.ExitCode);
        Assert.Contains("same store", same.Error, StringComparison.Ordinal);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("project 'shop' exists there with another id", other.Error, StringComparison.Ordinal);
        Assert.Contains("empty store", other.Error, StringComparison.Ordinal);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("postgres://127.0.0.1:1/", unreachable.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", unreachable.Human + unreachable.Json + unreachable.Error, StringComparison.Ordinal);
    }

    private static async Task<SqliteOutlayStore> OpenSqliteAsync(TempStore temp)
    {
        var store = SqliteOutlayStore.Open(temp.FilePath);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }
}
