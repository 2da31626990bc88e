using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres.Tests;

/// <summary>The conformance suite's view of a <see cref="TempDatabase"/>.</summary>
internal sealed class PostgresConformanceStore(TempDatabase database) : ConformanceStore
{
    public override IOutlayStore Store => database.Store;

    public override bool UseDimensionRollups
    {
        get => database.Store.UseDimensionRollups;
        set => database.Store.UseDimensionRollups = value;
    }

    public override Task ReopenAsync() => database.ReopenAsync();

    public override async Task<IOutlayStore> OpenSecondStoreAsync() => await database.OpenStoreAsync();

    public override Task<long> ScalarAsync(string sql) => database.ScalarAsync(sql);

    public override Task<List<string>> DumpProjectAsync(string projectId) => database.DumpProjectAsync(projectId);

    protected override ValueTask DisposeCoreAsync() => database.DisposeAsync();
}
