using Outlay.Server;

namespace Outlay.Cli.Stores;

/// <summary>
/// Where the data lives, written <c>sqlite:PATH</c>, <c>postgres:CONNECTION-STRING</c> or <c>clickhouse:URL</c>. Given by <c>--store</c>, else
/// <c>OUTLAY_STORE</c>, else the embedded default <c>sqlite:./outlay-data/outlay.db</c>. <see cref="ToString"/> is the
/// printable form: a PostgreSQL store shows as <c>postgres://host:port/database</c>, never with its password.
/// </summary>
internal sealed class StoreLocation
{
    public const string EnvironmentVariable = "OUTLAY_STORE";
    public const string Default = "sqlite:./outlay-data/outlay.db";

    private StoreLocation(StoreSpec spec) => Spec = spec;

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Engine => Spec.Engine;

    /// <summary>The absolute SQLite path or the connection string (secret: never print it).</summary>
    public string Target => Spec.Target;

    /// <summary>The value for <see cref="OutlayServerOptions.Store"/> (carries the password: never print it).</summary>
    public string ServerStore => Spec.Engine + ":" + Spec.Target;

    internal StoreSpec Spec { get; }

    public static StoreLocation Resolve(string? option)
    {
        var text = !string.IsNullOrWhiteSpace(option)
            ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable);
        return Parse(string.IsNullOrWhiteSpace(text) ? Default : text);
    }

    /// <exception cref="StoreLocationException">Not a store; the message names the engines and never repeats the value.</exception>
    public static StoreLocation Parse(string text)
    {
        try
        {
            return new StoreLocation(StoreSpec.Parse(text));
        }
        catch (ArgumentException e)
        {
            throw new StoreLocationException("--store: " + MessageOf(e));
        }
    }

    /// <summary>The SQLite store at <paramref name="path"/> (made absolute).</summary>
    public static StoreLocation Sqlite(string path) => new(StoreSpec.Sqlite(path));

    public override string ToString() => Spec.Display;

    // ArgumentException appends " (Parameter 'text')"; a person needs only the sentence.
    private static string MessageOf(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
}
