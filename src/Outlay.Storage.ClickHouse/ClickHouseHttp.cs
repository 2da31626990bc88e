using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// ClickHouse's HTTP interface: SQL in the POST body, results as JSONEachRow (one JSON object per line; 64-bit
/// integers quoted, decimals as bare numbers), inserts as <c>INSERT … FORMAT JSONEachRow</c> with the rows as the body.
/// Credentials travel in the <c>X-ClickHouse-User</c>/<c>X-ClickHouse-Key</c> headers, never in a URL. Errors surface
/// the server's code only, since its message can echo SQL with user values.
/// </summary>
internal sealed partial class ClickHouseHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly ClickHouseStoreOptions _options;

    public ClickHouseHttp(ClickHouseStoreOptions options)
    {
        _options = options;
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 32 })
        {
            Timeout = options.RequestTimeout,
        };
    }

    /// <summary>Runs a statement without a result (DDL, ALTER) on <paramref name="node"/> (the entry node when null), optionally outside the database.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, Uri? node = null, bool useDatabase = true)
    {
        using var response = await SendAsync(node ?? _options.Server, sql, query: null, useDatabase, settings: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a SELECT and returns its rows (FORMAT JSONEachRow is appended).</summary>
    public async Task<List<JsonElement>> QueryAsync(string sql, CancellationToken cancellationToken, Uri? node = null)
    {
        using var response = await SendAsync(node ?? _options.Server, sql + " FORMAT JSONEachRow", query: null, useDatabase: true, settings: null, cancellationToken).ConfigureAwait(false);
        var body = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
        var rows = new List<JsonElement>();
        var start = 0;
        while (start < body.Length)
        {
            var end = Array.IndexOf(body, (byte)'\n', start);
            if (end < 0)
            {
                end = body.Length;
            }

            if (end > start)
            {
                using var document = JsonDocument.Parse(body.AsMemory(start, end - start));
                rows.Add(document.RootElement.Clone());
            }

            start = end + 1;
        }

        return rows;
    }

    /// <summary>Runs a query returning one value in TabSeparated (for tests' scalar SQL); returns its text.</summary>
    public async Task<string> ScalarTextAsync(string sql, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(_options.Server, sql, query: null, useDatabase: true, settings: null, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false)).Trim();
    }

    /// <summary>
    /// Inserts JSONEachRow <paramref name="rows"/> into <paramref name="table"/> (a constant name). Returns once the server
    /// has written the parts; into a Distributed table with <c>insert_distributed_sync=1</c>, once every shard has.
    /// </summary>
    public async Task InsertAsync(string table, byte[] rows, CancellationToken cancellationToken)
    {
        var settings = _options.Cluster is null ? null : "insert_distributed_sync=1";
        using var response = await SendAsync(_options.Server, null, "INSERT INTO " + table + " FORMAT JSONEachRow", useDatabase: true, settings, cancellationToken, rows).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(
        Uri node, string? sql, string? query, bool useDatabase, string? settings, CancellationToken cancellationToken, byte[]? body = null)
    {
        var url = new StringBuilder(node.ToString()).Append("?max_query_size=16777216&optimize_move_to_prewhere=0&max_execution_time=")
            .Append(((long)Math.Ceiling(_options.RequestTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        if (useDatabase)
        {
            url.Append("&database=").Append(Uri.EscapeDataString(_options.Database));
        }

        if (settings is not null)
        {
            url.Append('&').Append(settings);
        }

        if (query is not null)
        {
            url.Append("&query=").Append(Uri.EscapeDataString(query));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url.ToString())
        {
            Content = body is not null ? new ByteArrayContent(body) : new StringContent(sql ?? string.Empty, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        if (_options.User is not null)
        {
            request.Headers.TryAddWithoutValidation("X-ClickHouse-User", _options.User);
        }

        if (_options.Password is not null)
        {
            request.Headers.TryAddWithoutValidation("X-ClickHouse-Key", _options.Password);
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClickHouseException($"ClickHouse at {node.Host}:{node.Port.ToString(CultureInfo.InvariantCulture)} is not reachable ({e.HttpRequestError}).", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException($"ClickHouse did not answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var match = ErrorCodePattern().Match(text);
            var code = match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;

            // Only the code: the server's text can quote the statement and the values in it.
            throw new ClickHouseException(code, $"ClickHouse refused the request: error {code.ToString(CultureInfo.InvariantCulture)} ({ClickHouseErrors.NameOf(code)}), HTTP {(int)response.StatusCode}.");
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxResponseBytes)
                {
                    throw new ClickHouseException($"A ClickHouse response exceeded the limit of {_options.MaxResponseBytes.ToString(CultureInfo.InvariantCulture)} bytes.", null);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    [GeneratedRegex(@"^Code: (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCodePattern();
}
