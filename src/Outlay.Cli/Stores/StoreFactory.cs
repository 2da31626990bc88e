using Outlay.Core.Storage;
using Outlay.Storage.Sqlite;

namespace Outlay.Cli.Stores;

/// <summary>Opens and initialises the store a <see cref="StoreLocation"/> names.</summary>
internal static class StoreFactory
{
    public static async Task<IOutlayStore> OpenAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        IOutlayStore store = location.Engine switch
        {
            "sqlite" => SqliteOutlayStore.Open(location.Target),
            _ => throw new StoreLocationException($"unknown store engine '{location.Engine}'."),
        };
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }
}
