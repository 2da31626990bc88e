namespace Outlay.Sdk;

/// <summary>Settings of an <see cref="OutlayClient"/>. Setters validate and throw <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentNullException"/>.</summary>
public sealed class OutlayClientOptions
{
    private const string IngestKeyPrefix = "olk_ingest_";

    private string? _ingestKey;
    private Uri _endpoint = new("http://127.0.0.1:5318", UriKind.Absolute);
    private int _maxQueueSize = 10_000;
    private int _maxBatchSize = 500;
    private TimeSpan _flushInterval = TimeSpan.FromSeconds(2);
    private TimeSpan _requestTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _minRetryDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxRetryDelay = TimeSpan.FromSeconds(60);
    private TimeSpan _maxRetryDuration = TimeSpan.FromMinutes(15);
    private TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(5);
    private TimeSpan _budgetRefreshInterval = TimeSpan.FromSeconds(30);
    private TimeSpan _budgetStaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>The Outlay server's base URL; events are posted to <c>{Endpoint}/v1/events</c>. Absolute http or https. Default <c>http://127.0.0.1:5318</c>.</summary>
    public Uri Endpoint
    {
        get => _endpoint;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Endpoint must be an absolute http or https URL.");
            }

            _endpoint = value;
        }
    }

    /// <summary>
    /// An Outlay ingest key (<c>olk_ingest_…</c>), sent as <c>Authorization: Bearer</c>. Anything else (a provider
    /// key pasted by mistake, an admin key) is refused, so it is never sent. Default <see langword="null"/> (no header).
    /// </summary>
    public string? IngestKey
    {
        get => _ingestKey;
        set
        {
            if (!string.IsNullOrEmpty(value) && !value.StartsWith(IngestKeyPrefix, StringComparison.Ordinal))
            {
                // The message never quotes the value: it may be a credential.
                throw new ArgumentOutOfRangeException(nameof(value), "IngestKey must be an Outlay ingest key starting with olk_ingest_.");
            }

            _ingestKey = value;
        }
    }

    /// <summary>How many events may wait in memory; further events are dropped and counted. At least 1. Default 10,000.</summary>
    public int MaxQueueSize
    {
        get => _maxQueueSize;
        set => _maxQueueSize = InRange(value, 1, 1 << 24, "MaxQueueSize must be between 1 and 16,777,216.");
    }

    /// <summary>The most events sent in one request. Between 1 and 100,000. Default 500.</summary>
    public int MaxBatchSize
    {
        get => _maxBatchSize;
        set => _maxBatchSize = InRange(value, 1, 100_000, "MaxBatchSize must be between 1 and 100,000.");
    }

    /// <summary>How long events may wait for a batch to fill before they are sent anyway. Positive, at most one day. Default 2 seconds.</summary>
    public TimeSpan FlushInterval
    {
        get => _flushInterval;
        set => _flushInterval = Positive(value, "FlushInterval must be positive and at most one day.");
    }

    /// <summary>How long one request may take before it is abandoned and retried. Positive, at most one day. Default 10 seconds.</summary>
    public TimeSpan RequestTimeout
    {
        get => _requestTimeout;
        set => _requestTimeout = Positive(value, "RequestTimeout must be positive and at most one day.");
    }

    /// <summary>The shortest wait before a retry. Zero or more, at most one day; when above <see cref="MaxRetryDelay"/>, that wins. Default 1 second.</summary>
    public TimeSpan MinRetryDelay
    {
        get => _minRetryDelay;
        set
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "MinRetryDelay must be between zero and one day.");
            }

            _minRetryDelay = value;
        }
    }

    /// <summary>The longest wait before a retry; also caps a server's <c>Retry-After</c>. Positive, at most one day. Default 60 seconds.</summary>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        set => _maxRetryDelay = Positive(value, "MaxRetryDelay must be positive and at most one day.");
    }

    /// <summary>How long one batch is retried before it is given up and counted as send-failed. Positive, at most one day. Default 15 minutes.</summary>
    public TimeSpan MaxRetryDuration
    {
        get => _maxRetryDuration;
        set => _maxRetryDuration = Positive(value, "MaxRetryDuration must be positive and at most one day.");
    }

    /// <summary>How long <see cref="OutlayClient.Dispose"/> and <see cref="OutlayClient.DisposeAsync"/> wait for queued events to be sent. Zero or more. Default 5 seconds.</summary>
    public TimeSpan ShutdownTimeout
    {
        get => _shutdownTimeout;
        set
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "ShutdownTimeout must be between zero and one hour.");
            }

            _shutdownTimeout = value;
        }
    }

    /// <summary>Whether request bodies are gzip-compressed (<c>Content-Encoding: gzip</c>). Default <see langword="true"/>.</summary>
    public bool CompressRequests { get; set; } = true;

    /// <summary>Sent as <c>service</c> for events whose <see cref="UsageEvent.Service"/> is null. Default <see langword="null"/>.</summary>
    public string? Service { get; set; }

    /// <summary>Sent as <c>environment</c> for events whose <see cref="UsageEvent.Environment"/> is null. Default <see langword="null"/>.</summary>
    public string? Environment { get; set; }

    /// <summary>Sent as <c>instance</c> for events whose <see cref="UsageEvent.Instance"/> is null. Default <see cref="System.Environment.MachineName"/>.</summary>
    public string? Instance { get; set; } = System.Environment.MachineName;

    /// <summary>The HTTP handler to send through (a proxy, a test handler); the client does not dispose it. Default <see langword="null"/>: a pooled <see cref="System.Net.Http.SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// How often <see cref="OutlayClient.Budgets"/> refreshes its cached budget status in the background, once an
    /// application has used it (each wait is jittered by ±10% so a fleet does not ask in step). At least one second,
    /// at most one day. Default 30 seconds.
    /// </summary>
    public TimeSpan BudgetRefreshInterval
    {
        get => _budgetRefreshInterval;
        set
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "BudgetRefreshInterval must be between one second and one day.");
            }

            _budgetRefreshInterval = value;
        }
    }

    /// <summary>
    /// How old the last budget status received may be before <see cref="OutlayClient.Budgets"/> calls it stale. A stale
    /// status counts as not exceeded, unless its budget is in <see cref="FailClosedBudgets"/>. Positive, at most one day.
    /// Default 5 minutes.
    /// </summary>
    public TimeSpan BudgetStaleAfter
    {
        get => _budgetStaleAfter;
        set => _budgetStaleAfter = Positive(value, "BudgetStaleAfter must be positive and at most one day.");
    }

    /// <summary>
    /// Names of budgets (exact, case-sensitive) that count as exceeded when their status is unknown or stale, for
    /// budgets where overspending is worse than refusing a call. Every other budget fails open: unknown or stale counts
    /// as not exceeded, so an unreachable Outlay server never stops the application. Default empty (all fail open).
    /// </summary>
    public ISet<string> FailClosedBudgets { get; } = new HashSet<string>(StringComparer.Ordinal);

    private static int InRange(int value, int min, int max, string message) =>
        value < min || value > max ? throw new ArgumentOutOfRangeException(nameof(value), message) : value;

    private static TimeSpan Positive(TimeSpan value, string message) =>
        value <= TimeSpan.Zero || value > TimeSpan.FromDays(1) ? throw new ArgumentOutOfRangeException(nameof(value), message) : value;
}
