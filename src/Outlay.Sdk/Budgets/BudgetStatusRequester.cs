using System.Net.Http.Headers;
using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Budgets;

/// <summary>
/// <c>GET {Endpoint}/api/v1/budgets/status</c> with the client's ingest key, through the client's own HTTP client.
/// Never throws: every failure becomes an outcome.
/// </summary>
internal sealed class BudgetStatusRequester : IDisposable
{
    /// <summary>
    /// The largest answer read: 4 MiB. A project has at most 200 budgets of a few hundred bytes each in practice; a
    /// larger body is not an Outlay answer and is dropped unread rather than buffered.
    /// </summary>
    public const long DefaultMaxResponseBytes = 4L * 1024 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Uri _statusUri;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _time;
    private readonly long _maxResponseBytes;

    /// <param name="options">Endpoint, key and request timeout.</param>
    /// <param name="client">The client's shared HTTP client, or null to make (and own) one from the options.</param>
    /// <param name="time">The clock for the request timeout and the received timestamp.</param>
    /// <param name="maxResponseBytes">The answer size cap; tests lower it.</param>
    public BudgetStatusRequester(OutlayClientOptions options, HttpClient? client, TimeProvider time, long maxResponseBytes = DefaultMaxResponseBytes)
    {
        _ownsClient = client is null;
        _client = client ?? SdkHttpClient.Create(options);
        _statusUri = new Uri(options.Endpoint.AbsoluteUri.TrimEnd('/') + "/api/v1/budgets/status", UriKind.Absolute);
        _authorization = string.IsNullOrEmpty(options.IngestKey) ? null : new AuthenticationHeaderValue("Bearer", options.IngestKey);
        _requestTimeout = options.RequestTimeout;
        _time = time;
        _maxResponseBytes = maxResponseBytes;
    }

    public async Task<BudgetFetchOutcome> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_requestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _statusUri);
            request.Headers.Authorization = _authorization;
            request.Headers.Accept.Add(Json);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                return new BudgetFetchOutcome(BudgetFetchKind.Refused, status, null, null, "refused");
            }

            if (status != 200)
            {
                return BudgetFetchOutcome.Failure(status, response.Headers.RetryAfter?.ToString(), "status");
            }

            var body = await CappedContentReader.ReadAsync(response.Content, _maxResponseBytes, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                return BudgetFetchOutcome.Failure(status, null, "too-large");
            }

            var snapshot = BudgetStatusParser.Parse(body, _time.GetTimestamp());
            return snapshot is null
                ? BudgetFetchOutcome.Failure(status, null, "unreadable")
                : new BudgetFetchOutcome(BudgetFetchKind.Received, status, null, snapshot, "received");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return BudgetFetchOutcome.Failure(0, null, "timeout");
        }
        catch (OperationCanceledException)
        {
            return BudgetFetchOutcome.Failure(0, null, "cancelled");
        }
#pragma warning disable CA1031 // Network errors, a disposed client, a handler's own exception: all are a failed refresh, never the caller's problem.
        catch (Exception)
#pragma warning restore CA1031
        {
            return BudgetFetchOutcome.Failure(0, null, "network");
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
