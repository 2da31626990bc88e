using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>The conformance suite's view of a <see cref="TempClickHouseStore"/>.</summary>
internal sealed class ClickHouseConformanceStore(TempClickHouseStore temp) : ConformanceStore
{
    public override IOutlayStore Store => temp.Store;

    public TempClickHouseStore Temp => temp;

    public override bool UseDimensionRollups
    {
        get => temp.Store.UseDimensionRollups;
        set => temp.Store.UseDimensionRollups = value;
    }

    public override Task ReopenAsync() => temp.ReopenAsync();

    public override async Task<IOutlayStore> OpenSecondStoreAsync() => await temp.OpenStoreAsync();

    public override Task<long> ScalarAsync(string sql) => temp.ScalarAsync(sql);

    public override Task<List<string>> DumpProjectAsync(string projectId) => temp.DumpProjectAsync(projectId);

    protected override ValueTask DisposeCoreAsync() => temp.DisposeAsync();
}
