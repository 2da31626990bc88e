using System.Globalization;
using System.Text.RegularExpressions;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Where the ClickHouse event tier lives and how the store talks to it (HTTP interface only). Parse a store URL with
/// <see cref="Parse"/>: <c>http://user:pass@host:8123/db</c>, optionally
/// <c>?cluster=NAME&amp;nodes=http://h1:8123,http://h2:8123</c> for a sharded cluster.
/// </summary>
public sealed partial class ClickHouseStoreOptions
{
    /// <summary>Default <see cref="RequestTimeout"/>: 60 seconds.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Default <see cref="MaxResponseBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxResponseBytes = 256L * 1024 * 1024;

    /// <summary>The entry node every query and insert goes to (scheme, host and port only; no credentials).</summary>
    public required Uri Server { get; init; }

    /// <summary>The database holding Outlay's tables; created by <c>InitializeAsync</c> when absent. Default <c>outlay</c>.</summary>
    public string Database { get; init; } = "outlay";

    /// <summary>The ClickHouse user, sent in <c>X-ClickHouse-User</c>; null = the server's default user.</summary>
    public string? User { get; init; }

    /// <summary>The password, sent in <c>X-ClickHouse-Key</c>; never logged or shown. Null = none.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The cluster name (as in the servers' <c>remote_servers</c>) when the tables are sharded; null (the default) for a
    /// single node. With a cluster, <see cref="Nodes"/> lists every shard's HTTP address for DDL.
    /// </summary>
    public string? Cluster { get; init; }

    /// <summary>Every node's HTTP address (one per shard) for schema changes; empty for a single node.</summary>
    public IReadOnlyList<Uri> Nodes { get; init; } = [];

    /// <summary>How long one HTTP request may take, also sent as <c>max_execution_time</c>. Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>The largest response body read; larger ones fail the call. Default 256 MiB.</summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>What Outlay prints for this store: <c>clickhouse://host:port/db</c> (and the cluster), never credentials.</summary>
    public string Display =>
        $"clickhouse://{Server.Host}:{Server.Port.ToString(CultureInfo.InvariantCulture)}/{Database}" + (Cluster is null ? string.Empty : $" (cluster {Cluster}, {Nodes.Count} nodes)");

    /// <summary>Every node that receives DDL: the <see cref="Nodes"/> of a cluster, else the server alone.</summary>
    internal IReadOnlyList<Uri> DdlNodes => Cluster is null ? [Server] : Nodes;

    /// <summary>
    /// Parses <c>http[s]://[user[:password]@]host[:port][/database][?cluster=NAME&amp;nodes=URL,URL]</c>. The database
    /// defaults to <c>outlay</c>; user and password are percent-decoded.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is malformed, the database or cluster name is not an identifier, or a cluster has no nodes.</exception>
    public static ClickHouseStoreOptions Parse(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // The message never repeats the URL: it may hold a password.
            throw new ArgumentException("A ClickHouse store URL must be http[s]://[user[:password]@]host[:port][/database][?cluster=NAME&nodes=URL,URL].", nameof(url));
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length == 0)
        {
            database = "outlay";
        }

        ValidateIdentifier(database, "database");
        string? cluster = null;
        var nodes = new List<Uri>();
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (name)
            {
                case "cluster":
                    ValidateIdentifier(value, "cluster");
                    cluster = value;
                    break;
                case "nodes":
                    foreach (var node in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!Uri.TryCreate(node, UriKind.Absolute, out var nodeUri) || (nodeUri.Scheme != Uri.UriSchemeHttp && nodeUri.Scheme != Uri.UriSchemeHttps))
                        {
                            throw new ArgumentException("Each of nodes= must be an http[s]://host:port address.", nameof(url));
                        }

                        nodes.Add(Root(nodeUri));
                    }

                    break;
                default:
                    throw new ArgumentException("A ClickHouse store URL takes only the query parameters cluster and nodes.", nameof(url));
            }
        }

        if (cluster is not null && nodes.Count == 0)
        {
            throw new ArgumentException("A cluster needs nodes=URL,URL (every shard's HTTP address, for the schema).", nameof(url));
        }

        return new ClickHouseStoreOptions
        {
            Server = Root(uri),
            Database = database,
            User = user,
            Password = password,
            Cluster = cluster,
            Nodes = cluster is null ? [] : nodes,
        };
    }

    /// <summary>Throws unless <paramref name="name"/> is a plain identifier (it is written into SQL between backquotes).</summary>
    internal static void ValidateIdentifier(string name, string what)
    {
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"A ClickHouse {what} name must match [A-Za-z_][A-Za-z0-9_]{{0,63}}.", what);
        }
    }

    private static Uri Root(Uri uri) => new($"{uri.Scheme}://{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}/");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
