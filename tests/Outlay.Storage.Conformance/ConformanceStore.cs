using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>
/// One empty, initialized store owned by one test, on its own database (a temp SQLite file, a fresh PostgreSQL
/// database, …). Disposing it disposes the store and deletes or drops the database.
/// </summary>
public abstract class ConformanceStore : IAsyncDisposable
{
    /// <summary>The store under test; replaced by <see cref="ReopenAsync"/>.</summary>
    public abstract IOutlayStore Store { get; }

    /// <summary>
    /// Whether unfiltered one-dimension queries read the single-dimension rollups (the default, true); false forces
    /// the full rollup path so a test can compare the two.
    /// </summary>
    public abstract bool UseDimensionRollups { get; set; }

    /// <summary>Disposes the store and opens the same database again, as a restarted server would.</summary>
    public abstract Task ReopenAsync();

    /// <summary>A second, initialized store on the same database, as another server process would open; the caller disposes it.</summary>
    public abstract Task<IOutlayStore> OpenSecondStoreAsync();

    /// <summary>
    /// Runs one SQL query returning one integer, outside the store. The SQL must be valid in every engine: the engines
    /// share table and column names (<c>events</c>, <c>rollups_hourly</c>, <c>rollups_dim_hourly</c>, …).
    /// </summary>
    public abstract Task<long> ScalarAsync(string sql);

    /// <summary>
    /// A project's events and every rollup table as sorted text lines (engine-specific columns, the project id left
    /// out), for comparing two stores of the same engine cell for cell.
    /// </summary>
    public abstract Task<List<string>> DumpProjectAsync(string projectId);

    /// <summary>Creates a project and returns its id.</summary>
    public async Task<string> ProjectAsync(string name) =>
        (await Store.EnsureProjectAsync(name, TestContext.Current.CancellationToken)).Id;

    /// <summary>Appends with the default duplicate policy (keep first).</summary>
    public Task<AppendResult> AppendAsync(string projectId, IReadOnlyList<PricedEvent> events) =>
        Store.AppendEventsAsync(projectId, events, TestContext.Current.CancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the store and removes its database.</summary>
    protected abstract ValueTask DisposeCoreAsync();
}
