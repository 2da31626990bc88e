using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

public abstract class FindingAndDropTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Client_drops_accumulate_per_project()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");

        Assert.Equal(new ClientDropReport(0, 0, 0), await temp.Store.GetClientDropsAsync(a, ct));
        await temp.Store.RecordClientDropsAsync(a, new ClientDropReport(1, 2, 3), ct);
        await temp.Store.RecordClientDropsAsync(a, new ClientDropReport(10, 0, 5), ct);

        Assert.Equal(new ClientDropReport(11, 2, 8), await temp.Store.GetClientDropsAsync(a, ct));
        Assert.Equal(new ClientDropReport(0, 0, 0), await temp.Store.GetClientDropsAsync(b, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.RecordClientDropsAsync(a, new ClientDropReport(-1, 0, 0), ct));
    }
}
