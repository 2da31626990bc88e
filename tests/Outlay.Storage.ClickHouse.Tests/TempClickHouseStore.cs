using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Outlay.Storage.Sqlite;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// A ClickHouse store on a database of its own (<c>outlay_t_&lt;guid&gt;</c>, on the single node or every node of the
/// cluster) with a SQLite control store in a fresh temp folder; both removed on dispose.
/// </summary>
internal sealed partial class TempClickHouseStore : IAsyncDisposable
{
    private static readonly string[] EventTables = ["events", "rollups_hourly", "rollups_dim_hourly", "price_usage_hourly", "credential_usage_hourly"];

    private TempClickHouseStore(ClickHouseStoreOptions options, string directory)
    {
        Options = options;
        Directory = directory;
        ControlPath = Path.Combine(directory, "control", "outlay.db");
    }

    public ClickHouseStoreOptions Options { get; }

    public string Directory { get; }

    /// <summary>The SQLite control store's file.</summary>
    public string ControlPath { get; }

    public ClickHouseOutlayStore Store { get; private set; } = null!;

    public static async Task<TempClickHouseStore> CreateAsync(bool cluster)
    {
        var options = await ClickHouseTestServer.NewDatabaseAsync(cluster);
        var temp = new TempClickHouseStore(options, Path.Combine(Path.GetTempPath(), "outlay-clickhouse-tests", Guid.NewGuid().ToString("N")));
        temp.Store = await temp.OpenStoreAsync();
        return temp;
    }

    /// <summary>A new, initialized store on the same ClickHouse database and control file (another process would open this).</summary>
    public async Task<ClickHouseOutlayStore> OpenStoreAsync()
    {
        var store = new ClickHouseOutlayStore(Options, SqliteOutlayStore.Open(ControlPath));
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenStoreAsync();
    }

    /// <summary>Runs the suite's one-integer SQL: on ClickHouse when it reads an event table, else on the control store.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        var table = FromTable().Match(sql).Groups[1].Value;
        if (EventTables.Contains(table, StringComparer.Ordinal) || table == "events_log")
        {
            var text = await Store.Http.ScalarTextAsync(sql.TrimEnd().TrimEnd(';'), TestContext.Current.CancellationToken);
            return text is "" or "\\N" ? 0 : long.Parse(text, CultureInfo.InvariantCulture);
        }

        await using var connection = new SqliteConnection($"Data Source={ControlPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The project's collapsed events and rollups as sorted text lines (project id and receipt time left out).</summary>
    public async Task<List<string>> DumpProjectAsync(string projectId)
    {
        var lines = new List<string>();
        foreach (var table in EventTables)
        {
            var rows = await Store.Http.QueryAsync(
                $"SELECT * FROM {table} WHERE project_id = {ClickHouseSql.Quote(projectId)}", TestContext.Current.CancellationToken);
            var tableLines = rows.Select(row => table + " " + string.Join(
                " ",
                row.EnumerateObject().Where(p => p.Name is not ("project_id" or "received_ms")).Select(p => p.Name + "=" + p.Value.GetRawText()))).ToList();
            tableLines.Sort(StringComparer.Ordinal);
            lines.AddRange(tableLines);
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await ClickHouseTestServer.DropAsync(Options);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test that otherwise passed.
        }
    }

    [GeneratedRegex(@"\bFROM\s+(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromTable();
}
