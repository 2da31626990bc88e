using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outlay.Core.Storage;
using Outlay.Server.Background;

namespace Outlay.Server.Retention;

/// <summary>
/// Deletes raw events older than <see cref="OutlayServerOptions.RawEventRetention"/> every
/// <see cref="OutlayServerOptions.RetentionInterval"/>, by whole UTC months: the month holding the horizon and every
/// later one stay, so no event younger than the retention is ever deleted. Off unless the retention is set; runs only
/// on the job runner when several processes share a store.
/// </summary>
internal sealed class RetentionWorker : BackgroundService
{
    private readonly IOutlayStore _store;
    private readonly TimeProvider _time;
    private readonly OutlayServerOptions _options;
    private readonly ILogger<RetentionWorker> _logger;
    private readonly JobRunner? _runner;

    // With a JobRunner (the app) the loop runs only while this process is the job runner; without one (tests) always.
    public RetentionWorker(IOutlayStore store, TimeProvider time, OutlayServerOptions options, ILogger<RetentionWorker> logger, JobRunner? runner = null)
    {
        _store = store;
        _time = time;
        _options = options;
        _logger = logger;
        _runner = runner;
    }

    /// <summary>The first instant of the UTC month that holds <paramref name="now"/> minus <paramref name="retention"/>: everything before it goes.</summary>
    internal static DateTimeOffset CutoffFor(DateTimeOffset now, TimeSpan retention)
    {
        var horizon = (now - retention).UtcDateTime;
        return new DateTimeOffset(horizon.Year, horizon.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>One pass at <paramref name="now"/>; returns the events deleted (0 when retention is off or the store cannot).</summary>
    internal async Task<long> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        if (_options.RawEventRetention is not { } retention || _store is not IEventRetention events)
        {
            return 0;
        }

        var cutoff = CutoffFor(now, retention);
        var deleted = await events.DeleteEventsBeforeAsync(cutoff, ct).ConfigureAwait(false);
        if (deleted > 0)
        {
            ServerLog.RetentionDeleted(_logger, deleted, cutoff);
        }

        return deleted;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RawEventRetention is null)
        {
            return Task.CompletedTask;
        }

        if (_store is not IEventRetention)
        {
            ServerLog.RetentionUnsupported(_logger);
            return Task.CompletedTask;
        }

        return PeriodicLoop.RunAsync(
            _options.RetentionInterval,
            _time,
            _runner?.Gate("retention", _time, RunAsync) ?? RunAsync,
            e => ServerLog.RetentionRunFailed(_logger, e.GetType().Name),
            stoppingToken);
    }

    private Task RunAsync(DateTimeOffset now, CancellationToken ct) => RunOnceAsync(now, ct);
}
