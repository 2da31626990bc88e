using Npgsql;
using Outlay.Core.Storage;
using Outlay.Storage.ClickHouse;
using Outlay.Storage.Postgres;
using Outlay.Storage.Sqlite;

namespace Outlay.Server;

/// <summary>
/// Which engine holds the data and where: <c>sqlite:PATH</c> (a file; the path is made absolute) or
/// <c>postgres:CONNECTION-STRING</c> (Npgsql syntax, e.g. <c>Host=db;Database=outlay;Username=outlay;Password=…</c>).
/// A connection string may carry a password, so <see cref="Display"/> (the only form ever printed or logged) shows
/// <c>postgres://host:port/database</c> and no message built here repeats the target.
/// </summary>
internal sealed class StoreSpec
{
    public const string SqliteEngine = "sqlite";
    public const string PostgresEngine = "postgres";
    public const string ClickHouseEngine = "clickhouse";

    /// <summary>The control store of a ClickHouse store when its URL names none (<c>control=</c>): a SQLite file.</summary>
    public const string DefaultClickHouseControl = "sqlite:./outlay-data/control.db";

    /// <summary>How a store is written, for error messages.</summary>
    public const string Forms = "sqlite:PATH, postgres:CONNECTION-STRING or clickhouse:URL";

    private StoreSpec(string engine, string target, string display)
    {
        Engine = engine;
        Target = target;
        Display = display;
    }

    /// <summary><see cref="SqliteEngine"/> or <see cref="PostgresEngine"/>.</summary>
    public string Engine { get; }

    /// <summary>The absolute SQLite path, or the PostgreSQL connection string (secret: never print it).</summary>
    public string Target { get; }

    /// <summary>The printable form: <c>sqlite:/abs/path</c> or <c>postgres://host:port/database</c>.</summary>
    public string Display { get; }

    /// <summary>The SQLite file, or null for PostgreSQL (which has no file beside it for a key).</summary>
    public string? SqlitePath => Engine == SqliteEngine ? Target : null;

    /// <summary>The SQLite store at <paramref name="path"/>.</summary>
    public static StoreSpec Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        return new StoreSpec(SqliteEngine, full, SqliteEngine + ":" + full);
    }

    /// <summary>Parses <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>.</summary>
    /// <exception cref="ArgumentException">Another form; the message names both engines and never repeats the value.</exception>
    public static StoreSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new ArgumentException($"A store must look like {Forms}.", nameof(text));
        }

        var engine = text[..colon].Trim().ToLowerInvariant();
        var target = text[(colon + 1)..];
        if (engine is not (SqliteEngine or PostgresEngine or ClickHouseEngine))
        {
            // The prefix is repeated only when it is a plain word: a value missing its prefix may be a connection string.
            var shown = engine.Length <= 20 && engine.All(char.IsAsciiLetterOrDigit) ? $" '{engine}'" : string.Empty;
            throw new ArgumentException($"Unknown store engine{shown}: use {Forms}.", nameof(text));
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            throw new ArgumentException($"The store is missing after '{engine}:': use {Forms}.", nameof(text));
        }

        if (engine == ClickHouseEngine)
        {
            var (options, control) = SplitClickHouse(target);
            return new StoreSpec(ClickHouseEngine, target, options.Display + " (control " + control.Display + ")");
        }

        return engine == SqliteEngine ? Sqlite(target) : new StoreSpec(PostgresEngine, target, DescribePostgres(target));
    }

    /// <summary>
    /// Splits <c>clickhouse:URL</c> into the ClickHouse options (see <see cref="ClickHouseStoreOptions.Parse"/>) and the
    /// control store, named by the URL's percent-encoded <c>control=</c> parameter (<c>sqlite:PATH</c> or
    /// <c>postgres:CONNECTION-STRING</c>; default <see cref="DefaultClickHouseControl"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Either part is malformed (the message never repeats the value).</exception>
    private static (ClickHouseStoreOptions Options, StoreSpec Control) SplitClickHouse(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var control = DefaultClickHouseControl;
        var rest = new List<string>();
        if (question >= 0)
        {
            foreach (var pair in url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.StartsWith("control=", StringComparison.Ordinal))
                {
                    control = Uri.UnescapeDataString(pair["control=".Length..]);
                }
                else
                {
                    rest.Add(pair);
                }
            }
        }

        var bare = (question >= 0 ? url[..question] : url) + (rest.Count > 0 ? "?" + string.Join('&', rest) : string.Empty);
        var controlSpec = Parse(control);
        if (controlSpec.Engine == ClickHouseEngine)
        {
            throw new ArgumentException("The control store of a clickhouse: store must be sqlite:PATH or postgres:CONNECTION-STRING.", nameof(url));
        }

        return (ClickHouseStoreOptions.Parse(bare), controlSpec);
    }

    /// <summary>
    /// <c>postgres://host:port/database</c> for a connection string: no user, no password, no other setting.
    /// </summary>
    /// <exception cref="ArgumentException">Not valid Npgsql syntax (the message does not repeat it).</exception>
    public static string DescribePostgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's own message may quote a value; say only what is expected.
            throw new ArgumentException(
                "The postgres: store is not a valid Npgsql connection string (e.g. postgres:Host=db;Database=outlay;Username=outlay;Password=…).",
                nameof(connectionString));
        }

        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? string.Empty : builder.Database;
        return $"postgres://{host}:{builder.Port}/{database}";
    }

    /// <summary>Opens the store and applies its migrations.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <param name="upgradeProgress">Told how an upgrade of an older SQLite file's schema goes (this store's or, for ClickHouse, its control store's); none by default.</param>
    /// <exception cref="InvalidOperationException">The PostgreSQL server cannot be reached or refuses the login (the message shows <see cref="Display"/>, never the password).</exception>
    public async Task<IOutlayStore> OpenAsync(CancellationToken cancellationToken, Action<SchemaUpgradeProgress>? upgradeProgress = null)
    {
        IOutlayStore store = Engine switch
        {
            SqliteEngine => OpenSqlite(Target, upgradeProgress),
            ClickHouseEngine => OpenClickHouse(Target, upgradeProgress),
            _ => PostgresOutlayStore.Open(Target),
        };
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (NpgsqlException e)
        {
            await store.DisposeAsync().ConfigureAwait(false);

            // Npgsql's messages name the host and the failure (a refused connection, a failed login), not the password.
            throw new InvalidOperationException($"The store {Display} cannot be opened: {e.Message}", e);
        }
        catch (ClickHouseException e)
        {
            await store.DisposeAsync().ConfigureAwait(false);

            // The store's messages carry ClickHouse's error code and name only, never SQL, values or credentials.
            throw new InvalidOperationException($"The store {Display} cannot be opened: {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static SqliteOutlayStore OpenSqlite(string path, Action<SchemaUpgradeProgress>? upgradeProgress) =>
        upgradeProgress is null ? SqliteOutlayStore.Open(path) : SqliteOutlayStore.Open(path, upgradeProgress);

    private static ClickHouseOutlayStore OpenClickHouse(string url, Action<SchemaUpgradeProgress>? upgradeProgress)
    {
        var (options, control) = SplitClickHouse(url);
        return new ClickHouseOutlayStore(options, control.Engine == SqliteEngine ? OpenSqlite(control.Target, upgradeProgress) : PostgresOutlayStore.Open(control.Target));
    }

    /// <inheritdoc />
    public override string ToString() => Display;
}
