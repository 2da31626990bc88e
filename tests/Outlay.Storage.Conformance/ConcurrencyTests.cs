using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

public abstract class ConcurrencyTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = RandomEvents.Start.AddDays(4);

    [Fact]
    public async Task Concurrent_appends_and_reads_give_exact_totals()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("busy");
        var events = RandomEvents.Generate(seed: 42, count: 4_000);

        // Eight writers; each sends its own quarter-overlapping slice, so every event is sent twice by two
        // different writers at unpredictable times (an SDK retry racing its first attempt).
        var slices = Enumerable.Range(0, 8)
            .Select(w => events.Skip(w * 500).Take(500).Concat(events.Skip(((w + 1) % 8) * 500).Take(500)).ToList())
            .ToList();
        var query = SpendQueryParser.Parse("2026-11-19", null, "provider", null, null, Now);
        using var stop = new CancellationTokenSource();
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(
            async () =>
            {
                var reads = 0;
                while (!stop.IsCancellationRequested)
                {
                    await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);
                    reads++;
                    firstRead.TrySetResult();
                }

                return reads;
            },
            TestContext.Current.CancellationToken);

        // The writers start once the reader is reading: on a loaded machine the reader's task could otherwise start
        // only after every write, and the test would prove nothing about reads racing writes.
        await Task.WhenAny(firstRead.Task, reader);
        var results = await Task.WhenAll(slices.Select(slice => Task.Run(
            async () =>
            {
                var accepted = 0;
                var duplicates = 0;
                foreach (var batch in slice.Chunk(50))
                {
                    var result = await temp.AppendAsync(project, batch);
                    accepted += result.Accepted;
                    duplicates += result.Duplicates;
                }

                return (accepted, duplicates);
            },
            TestContext.Current.CancellationToken)));
        await stop.CancelAsync();
        Assert.True(await reader > 0);

        Assert.Equal(events.Count, results.Sum(r => r.accepted));
        Assert.Equal(events.Count, results.Sum(r => r.duplicates));
        SpendAssert.Equal(ExpectedSpend.Compute(events, query), await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken), query);
    }
}
