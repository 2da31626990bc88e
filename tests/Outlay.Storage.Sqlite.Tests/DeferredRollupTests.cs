using Outlay.Core.Events;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// Appends hold their rollup sums and journal their events (<see cref="DeferredRollups"/>); reads and other writes fold
/// first, a crash leaves a journal the next open reads back, another process's fold is never counted twice, and sums
/// that could come near 2^63 are written at once so an overflowing append is still refused.
/// </summary>
public sealed class DeferredRollupTests
{
    private static readonly DateTimeOffset Hour10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Appends_hold_their_sums_and_the_next_read_writes_exactly_the_direct_rows()
    {
        await using var temp = await HoldingAsync();
        var project = await temp.ProjectAsync("app");
        foreach (var minute in new[] { 0, 20, 40 })
        {
            await temp.AppendAsync(project, ChatEvent.Mixed(Hour10, 20, minute));
        }

        Assert.Equal(60, temp.Store.HeldEvents);
        Assert.Equal(["3"], await StoreFileRows.ReadAsync(temp.Path, "SELECT COUNT(*) FROM rollup_journal"));
        Assert.Equal(["0"], await StoreFileRows.ReadAsync(temp.Path, "SELECT COUNT(*) FROM rollups_hourly"));

        var before = temp.Store.RollupWork;
        Assert.Equal(60, await EventsAsync(temp.Store, project));

        Assert.Equal(0, temp.Store.HeldEvents);
        Assert.Equal(["0"], await StoreFileRows.ReadAsync(temp.Path, "SELECT COUNT(*) FROM rollup_journal"));

        // The load tool's fold counters: one fold, which wrote every rollup row there is (the store was empty before).
        var after = temp.Store.RollupWork;
        var rows = await StoreFileRows.ReadAsync(temp.Path,
            "SELECT (SELECT COUNT(*) FROM rollups_hourly) + (SELECT COUNT(*) FROM rollups_dim_hourly) + (SELECT COUNT(*) FROM rollups_dim_daily)"
            + " + (SELECT COUNT(*) FROM price_usage_hourly) + (SELECT COUNT(*) FROM credential_usage_hourly)");
        Assert.Equal(1, after.Folds - before.Folds);
        Assert.Equal(rows, [(after.Rows - before.Rows).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(after.FoldNanoseconds > before.FoldNanoseconds);
        Assert.True(after.HoldNanoseconds > 0);
        await using var direct = await DirectAsync(("app", ChatEvent.Mixed(Hour10, 60, 0)));
        Assert.Equal(await RollupRows.ReadAsync(direct), await RollupRows.ReadAsync(temp));
    }

    [Fact]
    public async Task Sums_held_past_a_second_are_written_without_any_read()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, ChatEvent.Mixed(Hour10, 20, 0));
        Assert.Equal(20, temp.Store.HeldEvents);

        // Only plain SQL on the file from here on: nothing asks the store to fold.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (temp.Store.HeldEvents > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, temp.Store.HeldEvents);
        Assert.Equal(["0"], await StoreFileRows.ReadAsync(temp.Path, "SELECT COUNT(*) FROM rollup_journal"));
        await using var direct = await DirectAsync(("app", ChatEvent.Mixed(Hour10, 20, 0)));
        Assert.Equal(await RollupRows.ReadAsync(direct), await RollupRows.ReadAsync(temp.Path));
    }

    [Fact]
    public async Task A_crash_leaves_a_journal_that_the_next_open_reads_back_into_the_rollups()
    {
        await using var temp = await HoldingAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, ChatEvent.Mixed(Hour10, 30, 0));
        await temp.AppendAsync(project, ChatEvent.Mixed(Hour10, 30, 30));
        Assert.Equal(60, temp.Store.HeldEvents);

        // What a power cut leaves: the committed file and WAL, with the sums still held only in the writer's memory.
        var crashed = TempStore.NewDirectory();
        Directory.CreateDirectory(crashed);
        var image = Path.Combine(crashed, "outlay.db");
        File.Copy(temp.Path, image);
        File.Copy(temp.Path + "-wal", image + "-wal");
        Assert.Equal(["2"], await StoreFileRows.ReadAsync(image, "SELECT COUNT(*) FROM rollup_journal"));

        await using (var reopened = SqliteOutlayStore.Open(image))
        {
            await reopened.InitializeAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["0"], await StoreFileRows.ReadAsync(image, "SELECT COUNT(*) FROM rollup_journal"));
            Assert.Equal(60, await EventsAsync(reopened, project));
        }

        await using var direct = await DirectAsync(("app", ChatEvent.Mixed(Hour10, 60, 0)));
        Assert.Equal(await RollupRows.ReadAsync(direct), await RollupRows.ReadAsync(temp));
        Assert.Equal(await RollupRows.ReadAsync(direct), await RollupRows.ReadAsync(image));
        Directory.Delete(crashed, recursive: true);
    }

    [Fact]
    public async Task A_second_process_folding_the_journal_is_not_counted_twice_by_the_first()
    {
        await using var temp = await HoldingAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, ChatEvent.Mixed(Hour10, 20, 0));

        await using (var second = SqliteOutlayStore.Open(temp.Path))
        {
            await second.InitializeAsync(TestContext.Current.CancellationToken);

            // Opening read the first store's journal back: its events are in the rollups though it still holds them.
            Assert.Equal(20, await EventsAsync(second, project));
            Assert.Equal(20, temp.Store.HeldEvents);
        }

        await temp.AppendAsync(project, ChatEvent.Mixed(Hour10, 20, 20));
        Assert.Equal(40, await EventsAsync(temp.Store, project));
        await using var direct = await DirectAsync(("app", ChatEvent.Mixed(Hour10, 40, 0)));
        Assert.Equal(await RollupRows.ReadAsync(direct), await RollupRows.ReadAsync(temp));
    }

    [Fact]
    public async Task A_richer_copy_of_a_held_event_moves_its_sums_as_without_holding()
    {
        var poorer = ChatEvent.Mixed(Hour10, 10, 0);
        var richer = poorer.Take(3).Select(Richer).ToList();
        await using var temp = await HoldingAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, poorer);
        Assert.Equal(10, temp.Store.HeldEvents);

        var result = await temp.Store.AppendEventsAsync(project, richer, DuplicatePolicy.KeepRicher, TestContext.Current.CancellationToken);

        Assert.Equal(new AppendResult(0, 3), result);
        Assert.Equal(0, temp.Store.HeldEvents);
        await using var direct = await DirectAsync(("app", [.. richer, .. poorer.Skip(3)]));
        Assert.Equal(await RollupRows.ReadAsync(direct), await RollupRows.ReadAsync(temp));
    }

    [Fact]
    public async Task Sums_that_could_near_2_to_the_63_are_written_at_once_and_an_overflow_is_still_refused()
    {
        const long Large = (1L << 62) - 500;
        await using var temp = await HoldingAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [ChatEvent.At(Hour10)]);
        Assert.Equal(1, temp.Store.HeldEvents);

        // Held with the small one it would pass 2^62: both are written by this append.
        await temp.AppendAsync(project, [ChatEvent.At(Hour10.AddMinutes(1), costNano: Large)]);
        Assert.Equal(0, temp.Store.HeldEvents);

        // The stored day total is near 2^62 now, so even a small append is written at once...
        await temp.AppendAsync(project, [ChatEvent.At(Hour10.AddMinutes(2))]);
        Assert.Equal(0, temp.Store.HeldEvents);

        // ...and one that overflows a stored row is refused, storing nothing, as without holding.
        var error = await Assert.ThrowsAsync<OverflowException>(() => temp.AppendAsync(project, [ChatEvent.At(Hour10.AddMinutes(3), costNano: long.MaxValue - Large)]));
        Assert.Contains("2^63-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
        Assert.Equal(Large + 2_000, (await TotalAsync(temp.Store, project)).TotalCostNanoUsd);
    }

    private static async Task<long> EventsAsync(SqliteOutlayStore store, string project) =>
        (await TotalAsync(store, project)).Rows.Sum(r => r.Events);

    private static async Task<SpendResult> TotalAsync(SqliteOutlayStore store, string project) =>
        await store.QuerySpendAsync(
            project,
            SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, null, Hour10.AddDays(1)),
            TestContext.Current.CancellationToken);

    /// <summary>A store that holds sums for an hour unless something folds them, so a slow machine cannot fold under a test.</summary>
    private static async Task<TempStore> HoldingAsync()
    {
        var temp = await TempStore.CreateAsync();
        temp.Store.HoldAge = TimeSpan.FromHours(1);
        return temp;
    }

    /// <summary>A reference store that writes every append's rollups at once, each batch appended alone in order.</summary>
    private static async Task<TempStore> DirectAsync(params (string Project, List<PricedEvent> Events)[] appends)
    {
        var store = await TempStore.CreateAsync();
        store.Store.DeferRollups = false;
        foreach (var (project, events) in appends)
        {
            await store.AppendAsync(await store.ProjectAsync(project), events);
        }

        return store;
    }

    private static PricedEvent Richer(PricedEvent priced) =>
        priced with { Event = priced.Event with { Usage = new TokenUsage(priced.Event.Usage.InputTokens * 2, priced.Event.Usage.OutputTokens) } };
}
