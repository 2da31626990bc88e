using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outlay.Core.Reconciliation;
using Outlay.Core.Storage;
using Outlay.Server.Background;

namespace Outlay.Server.Reconciliation;

/// <summary>
/// Reads the OpenAI and Anthropic admin usage APIs every <see cref="OutlayServerOptions.ProviderUsagePullInterval"/>
/// (the last <see cref="OutlayServerOptions.ProviderUsagePullDays"/> UTC days), stores what they report in
/// <see cref="OutlayServerOptions.ReconcileProject"/> and reconciles those days, raising untracked usage findings. Off
/// unless an admin key is configured; the first pull waits <see cref="OutlayServerOptions.ProviderUsagePullStartDelay"/>. The key is read from its environment variable or file at each pull, put in one
/// request header, and kept nowhere else: not in the store, not in a log, not in an error message.
/// </summary>
internal sealed class ProviderUsagePullWorker : BackgroundService
{
    private readonly IOutlayStore _store;
    private readonly TimeProvider _time;
    private readonly OutlayServerOptions _options;
    private readonly ILogger<ProviderUsagePullWorker> _logger;
    private readonly IReadOnlyList<ProviderPullTarget> _targets;
    private readonly HttpClient _http;
    private readonly AdminUsageFetcher _fetcher;
    private readonly JobRunner? _runner;

    // With a JobRunner (the app) the loop runs only while this process is the job runner; without one (tests) always.
    public ProviderUsagePullWorker(IOutlayStore store, TimeProvider time, OutlayServerOptions options, ILogger<ProviderUsagePullWorker> logger, JobRunner? runner = null)
    {
        _runner = runner;
        _store = store;
        _time = time;
        _options = options;
        _logger = logger;
        _targets = ProviderUsagePullSettings.Targets(options);
        _http = AdminUsageFetcher.CreateClient();
        _fetcher = new AdminUsageFetcher(_http, time, options.ProviderUsagePullFirstBackOff);
    }

    /// <summary>True when at least one admin key is configured.</summary>
    public bool IsEnabled => _targets.Count > 0;

    /// <summary>
    /// One pull at <paramref name="now"/> from every configured provider. A provider that fails is logged (provider and
    /// reason only) and the others still run. Returns how many new untracked usage findings were raised.
    /// </summary>
    internal async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        if (_targets.Count == 0)
        {
            return 0;
        }

        var project = await _store.EnsureProjectAsync(_options.ReconcileProject!, ct).ConfigureAwait(false);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var start = today.AddDays(1 - _options.ProviderUsagePullDays);
        var raised = 0;
        foreach (var target in _targets)
        {
            try
            {
                raised += await PullAsync(target, project.Id, start, now, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AdminUsageFetchException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // These messages are built from fixed text, the provider, a file path and an HTTP status: never the key.
                ServerLog.PullFailed(_logger, target.Provider, e is AdminUsageFetchException or InvalidOperationException ? e.Message : e.GetType().Name);
            }
        }

        return raised;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_targets.Count == 0)
        {
            return;
        }

        ServerLog.PullEnabled(_logger, string.Join(", ", _targets.Select(t => t.Provider)), _options.ReconcileProject!, _options.ProviderUsagePullInterval);

        // Events buffered by SDKs while the server was down arrive first; reconciling before them would call their usage untracked.
        await Task.Delay(_options.ProviderUsagePullStartDelay, _time, stoppingToken).ConfigureAwait(false);
        await PeriodicLoop.RunAsync(_options.ProviderUsagePullInterval, _time, _runner?.Gate("reconciliation", _time, RunOnceAsync) ?? RunOnceAsync, e => ServerLog.ReconciliationRunFailed(_logger, e.GetType().Name), stoppingToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    private async Task<int> PullAsync(ProviderPullTarget target, string projectId, DateTimeOffset start, DateTimeOffset now, CancellationToken ct)
    {
        var key = target.KeySource.Load(_options.ReadEnvironment);
        Func<ReadOnlyMemory<byte>, ProviderUsageImport> read = target.Provider == "openai"
            ? body => OpenAiUsageReader.Read(body, now, OpenAiUsageReader.ApiSource)
            : body => AnthropicUsageReader.Read(body, now, AnthropicUsageReader.ApiSource);
        var pull = await _fetcher.FetchAsync(target, key, start, read, ct).ConfigureAwait(false);
        if (pull.Truncated)
        {
            ServerLog.PullTruncated(_logger, target.Provider, pull.Pages);
        }

        var outcome = await UsageReconciliation.StoreAndReconcileAsync(_store, projectId, pull.Records, now, _logger, ct).ConfigureAwait(false);
        ServerLog.Pulled(_logger, target.Provider, pull.Pages, pull.Records.Count, outcome.Days.Count, outcome.NewFindings);
        return outcome.NewFindings;
    }
}
