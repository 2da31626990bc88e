using System.Net;
using Outlay.Core.Reconciliation;
using Outlay.Server.Ingest;

namespace Outlay.Server.Reconciliation;

/// <summary>
/// Reads every page of a provider's daily usage since a start instant, within limits: at most <see cref="MaxPages"/>
/// pages of at most <see cref="MaxPageBytes"/> each, a timeout per request, and retries with exponential back-off
/// (honouring <c>Retry-After</c>, capped at 60 s) on 408, 429, 5xx, timeouts and network errors. Redirects are not
/// followed: a redirect could carry the admin key's header to another host.
/// </summary>
internal sealed class AdminUsageFetcher
{
    /// <summary>Most pages read in one pull: 100 (31 days a page is far more than the 7-day window needs).</summary>
    public const int MaxPages = 100;

    /// <summary>Largest page accepted: 16 MiB.</summary>
    public const int MaxPageBytes = 16 * 1024 * 1024;

    /// <summary>Attempts per page before the pull gives up: 4.</summary>
    public const int MaxAttempts = 4;

    private const int MaxCursorLength = 2048;

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _firstBackOff;

    /// <param name="http">A client that does not follow redirects and has a request timeout.</param>
    /// <param name="time">The clock back-off waits on.</param>
    /// <param name="firstBackOff">The first retry's wait; each later one doubles. The worker uses 2 s.</param>
    public AdminUsageFetcher(HttpClient http, TimeProvider time, TimeSpan firstBackOff)
    {
        _http = http;
        _time = time;
        _firstBackOff = firstBackOff;
    }

    /// <summary>Creates the client the fetcher needs: no redirects, no cookies, 30 s per request.</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>
    /// Every page from <paramref name="start"/>, each read by <paramref name="read"/> (which also gives the next cursor).
    /// Returns the records of every page and whether the page cap cut the pull short.
    /// </summary>
    /// <exception cref="AdminUsageFetchException">A page could not be fetched or read (refused, too large, not the format, retries spent).</exception>
    public async Task<AdminUsagePull> FetchAsync(
        ProviderPullTarget target, AdminApiKey key, DateTimeOffset start, Func<ReadOnlyMemory<byte>, ProviderUsageImport> read, CancellationToken ct)
    {
        var records = new List<ProviderUsageRecord>();
        var pages = 0;
        string? cursor = null;
        do
        {
            if (pages == MaxPages)
            {
                return new AdminUsagePull(records, pages, Truncated: true);
            }

            var body = await FetchPageAsync(target, key, AdminUsageRequests.PageUri(target.Provider, target.BaseUrl, start, cursor), ct).ConfigureAwait(false);
            ProviderUsageImport page;
            try
            {
                page = read(body);
            }
            catch (UsageImportException e)
            {
                // The reader's message names a JSON path, never a value.
                throw new AdminUsageFetchException($"A {target.KeySource.Provider} usage page could not be read: {e.Message}", e);
            }

            pages++;
            records.AddRange(page.Records);
            var next = page.HasMore ? page.NextPage : null;
            if (page.HasMore && string.IsNullOrEmpty(next))
            {
                throw new AdminUsageFetchException($"A {target.KeySource.Provider} usage page says has_more but has no next_page.");
            }

            if (next is not null && (next == cursor || next.Length > MaxCursorLength))
            {
                throw new AdminUsageFetchException($"The {target.KeySource.Provider} admin API returned an unusable next_page cursor.");
            }

            cursor = next;
        }
        while (cursor is not null);

        return new AdminUsagePull(records, pages, Truncated: false);
    }

    private async Task<byte[]> FetchPageAsync(ProviderPullTarget target, AdminApiKey key, Uri uri, CancellationToken ct)
    {
        var provider = target.KeySource.Provider;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                AdminUsageRequests.Authorize(request, target.Provider, key);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await ReadCappedAsync(response, provider, ct).ConfigureAwait(false);
                }

                var status = (int)response.StatusCode;
                failure = $"The {provider} admin API answered {status} {response.ReasonPhrase}";
                if (!IsRetryable(response.StatusCode))
                {
                    throw new AdminUsageFetchException(failure + (status is 401 or 403 ? "; check the admin key." : "."));
                }

                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException e)
            {
                failure = $"The {provider} admin API could not be reached ({e.HttpRequestError})";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = $"The {provider} admin API did not answer in time";
            }

            if (attempt >= MaxAttempts)
            {
                throw new AdminUsageFetchException($"{failure}; gave up after {attempt} attempts.");
            }

            var backOff = TimeSpan.FromTicks(_firstBackOff.Ticks << (attempt - 1));
            var wait = retryAfter is { } asked && asked > backOff ? asked : backOff;
            await Task.Delay(wait < MaxBackOff ? wait : MaxBackOff, _time, ct).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, string provider, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > MaxPageBytes)
        {
            throw new AdminUsageFetchException($"A {provider} usage page is larger than {MaxPageBytes} bytes.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var limited = new LengthLimitedStream(stream, MaxPageBytes);
        using var buffer = new MemoryStream();
        try
        {
            await limited.CopyToAsync(buffer, ct).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            throw new AdminUsageFetchException($"A {provider} usage page is larger than {MaxPageBytes} bytes.");
        }

        return buffer.ToArray();
    }
}
