using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>
/// Sends hostile cases to one real server (Kestrel on loopback, its own SQLite file) and checks the property every
/// answer must have: a 2xx, or a 4xx whose problem body names the problem; never a 5xx, never a dropped connection;
/// a refused request stores nothing, and an events answer's <c>accepted</c> is exactly what was stored.
/// </summary>
internal sealed class HostileCaseRunner : IAsyncDisposable
{
    private readonly RunningServer _server;
    private readonly string _ingestKey;
    private readonly string _adminKey;
    private readonly Random _validSource = new(1);

    private HostileCaseRunner(RunningServer server, string ingestKey, string adminKey)
    {
        _server = server;
        _ingestKey = ingestKey;
        _adminKey = adminKey;
    }

    /// <summary>Answers by status code, for the figures printed at the end.</summary>
    public SortedDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    public static async Task<HostileCaseRunner> StartAsync()
    {
        // The rate limit is off: a 429 is a valid answer but would hide what the parsers do with the later cases.
        var server = await RunningServer.StartAsync(o => o.IngestEventsPerSecond = 0);
        var project = await server.CreateProjectAsync("hostile");
        return new HostileCaseRunner(server, await server.CreateKeyAsync(project, ApiKeyKind.Ingest), await server.CreateKeyAsync(project, ApiKeyKind.Admin));
    }

    /// <summary>Runs one case; returns null when the property held, else what went wrong.</summary>
    public async Task<string?> RunAsync(HostileCase hostile)
    {
        var before = await CountsAsync();
        HttpResponseMessage response;
        string text;
        try
        {
            response = await SendAsync(hostile);
            text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException e)
        {
            Count(hostile, "dropped");
            return $"the connection failed ({e.HttpRequestError}): {e.Message}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            Count(hostile, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var after = await CountsAsync();
            if (status >= 500)
            {
                return $"answered {status}: {Shorten(text)}; the server logged: {LastException()}";
            }

            if (hostile.ExpectedStatus is { } expected && status != expected)
            {
                return $"expected {expected}, answered {status}: {Shorten(text)}";
            }

            if (status is >= 200 and < 300)
            {
                return CheckAccepted(hostile, text, before, after);
            }

            if (status is < 400 or >= 500)
            {
                return $"answered {status}, neither 2xx nor 4xx";
            }

            if (ProblemError(response, text, status) is { } problemError)
            {
                return problemError;
            }

            return before == after ? null : $"refused with {status} but the store changed from {before} to {after}";
        }
    }

    /// <summary>A valid request of every path still gets its 200 after whatever came before.</summary>
    public async Task<string?> CheckStillServingAsync()
    {
        foreach (var target in new[] { HostileTarget.EventsJson, HostileTarget.TracesProtobuf, HostileTarget.LogsJson, HostileTarget.ImportCsv })
        {
            var valid = HostileCase.Plain(target, "valid", ValidBodies.Build(target.Body, _validSource, 1));
            using var response = await SendAsync(valid);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"a valid {target.Name} request afterwards was answered {(int)response.StatusCode}";
            }
        }

        return null;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(HostileCase hostile)
    {
        var content = new ByteArrayContent(hostile.Body);
        if (hostile.ContentType is not null)
        {
            // Without validation: a wrong content type is part of the case.
            content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        }

        if (hostile.ContentEncoding is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Encoding", hostile.ContentEncoding);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, hostile.Target.Path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hostile.Target.IsImport ? _adminKey : _ingestKey);

        // The server answers 413 from Content-Length before reading and Kestrel will not drain a body past its limit, so
        // a client still writing megabytes sees its connection reset, not the answer (HTTP/1.1 has no better way). A
        // client sending that much should ask first; with 100-continue the 413 arrives before the body is sent.
        request.Headers.ExpectContinue = !hostile.Target.IsImport && hostile.Body.Length > _server.Options.MaxRequestBodyBytes;
        return await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string? CheckAccepted(HostileCase hostile, string text, StoreCounts before, StoreCounts after)
    {
        if (!hostile.Target.IsEvents)
        {
            // OTLP answers with partialSuccess and the import with its own counts (it may replace a day's rows).
            return after.Events >= before.Events ? null : "the store lost events";
        }

        long accepted;
        try
        {
            using var answer = JsonDocument.Parse(text);
            accepted = answer.RootElement.GetProperty("accepted").GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"a 2xx whose body is not an ingest answer: {Shorten(text)}";
        }

        return after.Events - before.Events == accepted
            ? null
            : $"accepted {accepted} but {after.Events - before.Events} events were stored";
    }

    private static string? ProblemError(HttpResponseMessage response, string text, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"a {status} without a problem body (Content-Type {response.Content.Headers.ContentType}): {Shorten(text)}";
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            var detail = problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (string.IsNullOrWhiteSpace(detail))
            {
                return $"a {status} problem that does not name the problem: {Shorten(text)}";
            }

            return problem.RootElement.TryGetProperty("status", out var s) && s.TryGetInt32(out var stated) && stated == status
                ? null
                : $"a {status} problem whose status field disagrees: {Shorten(text)}";
        }
        catch (JsonException)
        {
            return $"a {status} whose problem body is not JSON: {Shorten(text)}";
        }
    }

    private async Task<StoreCounts> CountsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_server.Options.StorePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return new StoreCounts(await ScalarAsync(connection, "SELECT count(*) FROM events"), await ScalarAsync(connection, "SELECT count(*) FROM provider_usage_daily"));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private void Count(HostileCase hostile, string outcome)
    {
        var key = hostile.Target.Name + " " + outcome;
        Outcomes[key] = Outcomes.GetValueOrDefault(key) + 1;
    }

    /// <summary>The start of the last exception the server logged (type and stack), to say where a 5xx came from.</summary>
    private string LastException()
    {
        var line = _server.Logs.Lines.LastOrDefault(l => l.Contains("Exception", StringComparison.Ordinal));
        return line is null ? "(no exception)" : string.Join(" | ", line.Split('\n').Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains(" at Outlay.", StringComparison.Ordinal)).Take(6));
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private readonly record struct StoreCounts(long Events, long ProviderUsageRows);
}
