using Outlay.Core.Storage;
using Outlay.Storage.Conformance;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>The conformance suite's view of a <see cref="TempStore"/>: a SQLite file in its own temp folder.</summary>
internal sealed class SqliteConformanceStore(TempStore temp) : ConformanceStore
{
    public override IOutlayStore Store => temp.Store;

    public override bool UseDimensionRollups
    {
        get => temp.Store.UseDimensionRollups;
        set => temp.Store.UseDimensionRollups = value;
    }

    public override Task ReopenAsync() => temp.ReopenAsync();

    public override async Task<IOutlayStore> OpenSecondStoreAsync()
    {
        var second = SqliteOutlayStore.Open(temp.Path);
        await second.InitializeAsync(TestContext.Current.CancellationToken);
        return second;
    }

    public override Task<long> ScalarAsync(string sql) => temp.ScalarAsync(sql);

    public override async Task<List<string>> DumpProjectAsync(string projectId)
    {
        await temp.FoldAsync();
        return await RepriceTables.DumpAsync(temp.Path, projectId);
    }

    protected override ValueTask DisposeCoreAsync() => temp.DisposeAsync();
}
