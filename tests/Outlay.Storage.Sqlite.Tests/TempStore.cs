using Microsoft.Data.Sqlite;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>A store on its own database file in a fresh temp folder, deleted on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly int _walRestartFrames;
    private bool _open;

    private TempStore(string directory, int walRestartFrames)
    {
        _walRestartFrames = walRestartFrames;
        Directory = directory;
        Path = System.IO.Path.Combine(directory, "data", "outlay.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteOutlayStore Store { get; private set; } = null!;

    /// <param name="walRestartFrames">WAL frames past which the writer lets a checkpoint catch up (the store's default unless a test needs a short WAL).</param>
    public static async Task<TempStore> CreateAsync(int walRestartFrames = WalCheckpointer.RestartFrames)
    {
        var directory = NewDirectory();
        var temp = new TempStore(directory, walRestartFrames);
        await temp.OpenAsync();
        return temp;
    }

    /// <summary>A fresh folder path under the temp folder, not yet created.</summary>
    public static string NewDirectory() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outlay-sqlite-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Creates a project and returns its id.</summary>
    public async Task<string> ProjectAsync(string name) =>
        (await Store.EnsureProjectAsync(name, TestContext.Current.CancellationToken)).Id;

    /// <summary>Disposes the store and opens the same file again, as a restarted server would.</summary>
    /// <param name="whileClosed">Runs after the store is disposed, e.g. to edit the file directly.</param>
    /// <param name="upgradeProgress">Told how a schema upgrade on opening goes.</param>
    public async Task ReopenAsync(Func<Task>? whileClosed = null, Action<SchemaUpgradeProgress>? upgradeProgress = null)
    {
        _open = false;
        await Store.DisposeAsync();
        if (whileClosed is not null)
        {
            await whileClosed();
        }

        await OpenAsync(upgradeProgress);
    }

    public async Task<AppendResult> AppendAsync(string projectId, IReadOnlyList<PricedEvent> events) =>
        await Store.AppendEventsAsync(projectId, events, TestContext.Current.CancellationToken);

    /// <summary>
    /// Writes the rollup sums the open store holds, so plain SQL on the file sees every append in the rollups (the store's
    /// own reads do this themselves). Nothing to do while the store is closed: closing folds.
    /// </summary>
    public async Task FoldAsync()
    {
        if (_open)
        {
            await Store.FoldHeldRollupsAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Rows of <paramref name="sql"/> as text, read with plain SQL after <see cref="FoldAsync"/>.</summary>
    public async Task<List<string>> RowsAsync(string sql)
    {
        await FoldAsync();
        return await StoreFileRows.ReadAsync(Path, sql);
    }

    /// <summary>Runs one query returning one integer on a separate read-only connection, after <see cref="FoldAsync"/>.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await FoldAsync();
        await using var connection = new SqliteConnection($"Data Source={Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        _open = false;
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test that otherwise passed.
        }
    }

    private async Task OpenAsync(Action<SchemaUpgradeProgress>? upgradeProgress = null)
    {
        Store = upgradeProgress is null ? SqliteOutlayStore.Open(Path, _walRestartFrames) : SqliteOutlayStore.Open(Path, upgradeProgress);
        await Store.InitializeAsync(TestContext.Current.CancellationToken);
        _open = true;
    }
}
