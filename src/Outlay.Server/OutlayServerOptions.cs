using Microsoft.Extensions.Logging;

namespace Outlay.Server;

/// <summary>Settings of one Outlay server process. Every limit has a safe default.</summary>
public sealed class OutlayServerOptions
{
    /// <summary>
    /// Addresses to listen on, separated by <c>;</c>. Default <c>http://127.0.0.1:5318</c>: loopback only,
    /// so nothing is exposed to the network unless asked for. Port 0 picks a free port (see <see cref="OutlayServerApp.Addresses"/>).
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:5318";

    /// <summary>
    /// Path of the SQLite database file (the CLI's <c>--store sqlite:PATH</c>). Default empty. Set this or
    /// <see cref="Store"/>, not both.
    /// </summary>
    public string StorePath { get; set; } = string.Empty;

    /// <summary>
    /// The store as the CLI's <c>--store</c> writes it: <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>
    /// (Npgsql syntax, e.g. <c>postgres:Host=db;Database=outlay;Username=outlay;Password=…</c>). Default null: the
    /// SQLite file <see cref="StorePath"/>. Set this or <see cref="StorePath"/>, not both. Logs and messages show a
    /// PostgreSQL store as <c>postgres://host:port/database</c> only, never its password.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>Optional custom prices and discounts file; null uses the built-in catalog only.</summary>
    public string? PricingConfigurationPath { get; set; }

    /// <summary>Largest request body accepted as sent (compressed when gzip). Default 4 MiB; beyond it 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest ingest body after gunzip, which protects against gzip bombs. Default 16 MiB; beyond it 413.</summary>
    public long MaxDecompressedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most events one <c>POST /v1/events</c> may carry. Default 1000.</summary>
    public int MaxEventsPerBatch { get; set; } = 1000;

    /// <summary>Sustained events per second each ingest key may send (token bucket refill). Default 2,000; 0 turns the limit off.</summary>
    public int IngestEventsPerSecond { get; set; } = 2_000;

    /// <summary>Events a key may send in one burst (token bucket size). Default 20,000.</summary>
    public int IngestBurstEvents { get; set; } = 20_000;

    /// <summary>Ingest appends that may run against the store at once. Default 4.</summary>
    public int MaxConcurrentIngestWrites { get; set; } = 4;

    /// <summary>
    /// Ingest requests that may wait for a store write slot; beyond it the server answers 503 with
    /// <c>Retry-After</c> instead of queueing without bound. Default 256.
    /// </summary>
    public int MaxWaitingIngestWrites { get; set; } = 256;

    /// <summary>
    /// How long a verified key stays cached. Default 30 s. A key revoked through this server's API stops
    /// working at once; one revoked elsewhere (the CLI, another process) stops within this window.
    /// </summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed to handle one request before its cancellation token fires. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dashboard session lasts from sign-in, whatever the activity (absolute, not sliding). Default 12 h.
    /// A session also ends at once when its key is revoked or the user signs out.
    /// </summary>
    public TimeSpan DashboardSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Failed dashboard sign-ins one client address may make per minute before sign-in answers 429 until the minute
    /// ends. Default 10; 0 turns the limit off.
    /// </summary>
    public int DashboardSignInFailuresPerMinute { get; set; } = 10;

    /// <summary>How often every budget is evaluated for alerts. Default 60 s; at least 1 s.</summary>
    public TimeSpan BudgetAlertInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often every project is run through the anomaly detectors (spikes, runaway loops, new places, unusual hours,
    /// tokens-per-call drift, retired credentials in use). Default 5 minutes; <see cref="TimeSpan.Zero"/> turns detection
    /// off; otherwise at least 1 s.
    /// </summary>
    public TimeSpan DetectionInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long raw events are kept; older whole UTC months are deleted by a background pass every
    /// <see cref="RetentionInterval"/> (dropped partitions on PostgreSQL). Rollups keep every hour, so spend, budgets and
    /// the credential inventory are unchanged; re-pricing and export no longer reach deleted months. Default null: keep
    /// raw events forever. At least <see cref="MinimumRawEventRetention"/> (400 days), the oldest timestamp ingest
    /// accepts, so a late retry of a deleted event is refused rather than counted twice.
    /// </summary>
    public TimeSpan? RawEventRetention { get; set; }

    /// <summary>The shortest <see cref="RawEventRetention"/>: the oldest event timestamp ingest accepts (400 days).</summary>
    public static TimeSpan MinimumRawEventRetention { get; } = new Core.Events.EventLimits().MaxAge;

    /// <summary>How often the retention pass runs when <see cref="RawEventRetention"/> is set. Default 6 hours; at least 1 s.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The detectors' thresholds. Default <see cref="Core.Detection.DetectionOptions.Default"/> (each default is on its property).</summary>
    public Core.Detection.DetectionOptions Detection { get; set; } = Core.Detection.DetectionOptions.Default;

    /// <summary>
    /// The lowest level Outlay's own categories log. Default <see cref="LogLevel.Information"/>. The framework's
    /// categories stay at Warning and above whatever this says: below that they log request lines with query strings
    /// and paths, which can carry what a caller sent. No level logs a key, a credential or a body: the secret proofs
    /// run at <see cref="LogLevel.Trace"/>.
    /// </summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    /// <summary>Whether to write startup and warning logs to the console. Default true.</summary>
    public bool ConsoleLogging { get; set; } = true;

    /// <summary>
    /// An extra log destination beside the console (for a host that collects logs, or a test that inspects them).
    /// Default null. It receives the same filtered categories: nothing that carries headers or bodies.
    /// </summary>
    public ILoggerProvider? LoggerProvider { get; set; }

    /// <summary>
    /// OTLP ingest: span (or resource) attribute name → tag key, e.g. <c>app.feature → feature</c>, so a value the
    /// application already puts on its GenAI spans groups spend. Default empty: no attribute becomes a tag. Tag keys
    /// follow the v1 rules; attributes or keys that name content or secrets are refused at startup.
    /// </summary>
    public IDictionary<string, string> OtlpTagAttributes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The clock every time-dependent part of the server reads (budget periods, alert timing, key cache, sessions,
    /// delivery back-off). Default <see cref="TimeProvider.System"/>; tests pass a controllable clock.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// File holding the 32-byte key that encrypts alert channel secrets (webhook URLs, signing secrets) at rest.
    /// Default null: on SQLite <c>&lt;StorePath&gt;.key</c>, created with owner-only permissions on first use; on
    /// PostgreSQL there is no file beside the store (and the key never goes into the database), so alert channels need
    /// this or <c>OUTLAY_SECRET_KEY</c> and fail with a clear error without either. The environment variable
    /// <c>OUTLAY_SECRET_KEY</c> (base64 of 32 bytes), when set, is used instead of any file.
    /// </summary>
    public string? SecretKeyPath { get; set; }

    /// <summary>Where the alert secret key file is, or null when there is none (PostgreSQL without <see cref="SecretKeyPath"/>).</summary>
    internal string? ResolveSecretKeyPath() =>
        SecretKeyPath ?? (ResolveStore().SqlitePath is { } path ? path + ".key" : null);

    /// <summary>The key file for messages: its path, or a note that none is configured.</summary>
    internal string SecretKeyLocation => ResolveSecretKeyPath() ?? "(none: set OUTLAY_SECRET_KEY or --secret-key-file)";

    /// <summary>The parsed <see cref="Store"/>, else the SQLite <see cref="StorePath"/>.</summary>
    /// <exception cref="ArgumentException">Neither or both are set, or <see cref="Store"/> is not a store.</exception>
    internal StoreSpec ResolveStore()
    {
        var hasStore = !string.IsNullOrWhiteSpace(Store);
        var hasPath = !string.IsNullOrWhiteSpace(StorePath);
        if (hasStore == hasPath)
        {
            throw new ArgumentException(
                hasStore ? "Set Store or StorePath, not both." : $"A store is required: StorePath, or Store as {StoreSpec.Forms}.",
                nameof(Store));
        }

        return hasStore ? StoreSpec.Parse(Store!) : StoreSpec.Sqlite(StorePath);
    }

    /// <summary>How often pending alert deliveries are attempted. Default 5 s; at least 100 ms.</summary>
    public TimeSpan AlertDeliveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Alert webhook targets allowed despite the server-side request forgery guard, which by default refuses loopback,
    /// link-local, private, shared, multicast and cloud metadata addresses. Each entry is an IP address or CIDR range
    /// (<c>10.20.0.0/16</c>, <c>fd00::/8</c>) checked against the address actually connected to. Default empty.
    /// </summary>
    public IList<string> AlertTargetAllowList { get; } = new List<string>();

    /// <summary>
    /// The dashboard's address as people reach it (e.g. <c>https://outlay.example.com/</c>), used for the link in a
    /// finding's notice to the Security page. Default null: notices carry no link.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The SMTP server email alert channels send through. Default null: email channels report "SMTP not configured".</summary>
    public SmtpSettings? Smtp { get; set; }

    /// <summary>
    /// File holding the OpenAI admin key the provider usage pull worker reads the organization usage API with. Default
    /// null. The environment variable <c>OUTLAY_OPENAI_ADMIN_KEY</c>, when set, is used instead. The file must not be
    /// readable by the group or other users. The key is used by that worker only: never stored, never logged.
    /// </summary>
    public string? OpenAIAdminKeyPath { get; set; }

    /// <summary>
    /// File holding the Anthropic admin key (<c>sk-ant-admin…</c>) for the pull worker. Default null. The environment
    /// variable <c>OUTLAY_ANTHROPIC_ADMIN_KEY</c>, when set, is used instead. Same rules as <see cref="OpenAIAdminKeyPath"/>.
    /// </summary>
    public string? AnthropicAdminKeyPath { get; set; }

    /// <summary>Base address of the OpenAI admin API. Default <c>https://api.openai.com</c>; https is required except on loopback.</summary>
    public Uri OpenAIAdminBaseUrl { get; set; } = new("https://api.openai.com");

    /// <summary>Base address of the Anthropic admin API. Default <c>https://api.anthropic.com</c>; https is required except on loopback.</summary>
    public Uri AnthropicAdminBaseUrl { get; set; } = new("https://api.anthropic.com");

    /// <summary>
    /// The Outlay project that usage pulled from the providers' admin APIs belongs to (created when missing). Default
    /// null; required when an admin key is configured.
    /// </summary>
    public string? ReconcileProject { get; set; }

    /// <summary>The pull worker's first retry wait (each later one doubles, up to 60 s). Default 2 s; tests shorten it.</summary>
    internal TimeSpan ProviderUsagePullFirstBackOff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Wait before the first pull after startup. Default 1 minute: SDKs that buffered events while the server was down
    /// deliver them first, so the first reconciliation does not count their usage as untracked. Tests lengthen it.
    /// </summary>
    internal TimeSpan ProviderUsagePullStartDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads an environment variable (the admin keys); tests replace it instead of changing the process environment.</summary>
    internal Func<string, string?> ReadEnvironment { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>How often the pull worker reads the providers' usage. Default 1 h; at least 1 minute.</summary>
    public TimeSpan ProviderUsagePullInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many days back each pull reads (the current UTC day included). Default 7; 1 to 31.</summary>
    public int ProviderUsagePullDays { get; set; } = 7;

    internal void Validate()
    {
        _ = ResolveStore();

        if (string.IsNullOrWhiteSpace(Urls))
        {
            throw new ArgumentException("At least one listen address is required.", nameof(Urls));
        }

        RequirePositive(MaxRequestBodyBytes, nameof(MaxRequestBodyBytes));
        RequirePositive(MaxDecompressedBytes, nameof(MaxDecompressedBytes));
        RequirePositive(MaxEventsPerBatch, nameof(MaxEventsPerBatch));
        RequirePositive(IngestBurstEvents, nameof(IngestBurstEvents));
        RequirePositive(MaxConcurrentIngestWrites, nameof(MaxConcurrentIngestWrites));
        if (MaxDecompressedBytes > int.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDecompressedBytes), "must be below 2 GiB.");
        }

        if (DashboardSessionLifetime <= TimeSpan.Zero || DashboardSignInFailuresPerMinute < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DashboardSessionLifetime), "the session lifetime must be positive and the sign-in limit not negative.");
        }

        ArgumentNullException.ThrowIfNull(Clock);

        // A mistyped allow-list entry fails at startup, not at the first alert.
        _ = Alerts.Delivery.Network.TargetAddressPolicy.Parse(AlertTargetAllowList);
        if (AlertDeliveryInterval < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentOutOfRangeException(nameof(AlertDeliveryInterval), "must be at least 100 ms.");
        }

        if (BudgetAlertInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(BudgetAlertInterval), "must be at least 1 second.");
        }

        if (PublicUrl is { } publicUrl && (!publicUrl.IsAbsoluteUri || (publicUrl.Scheme != Uri.UriSchemeHttps && publicUrl.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException("must be an absolute http or https address.", nameof(PublicUrl));
        }

        if (DetectionInterval != TimeSpan.Zero && DetectionInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(DetectionInterval), "must be zero (off) or at least 1 second.");
        }

        ArgumentNullException.ThrowIfNull(Detection);
        if (RawEventRetention is { } retention && retention < MinimumRawEventRetention)
        {
            throw new ArgumentOutOfRangeException(nameof(RawEventRetention), $"must be at least {MinimumRawEventRetention.TotalDays:0} days, the oldest event timestamp ingest accepts, so a late retry of a deleted event cannot be counted twice.");
        }

        if (RetentionInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RetentionInterval), "must be at least 1 second.");
        }


        Reconciliation.ProviderUsagePullSettings.Validate(this);
        if (IngestEventsPerSecond < 0 || MaxWaitingIngestWrites < 0 || KeyCacheDuration < TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IngestEventsPerSecond), "limits must not be negative.");
        }
    }

    private static void RequirePositive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, "must be greater than zero.");
        }
    }
}
