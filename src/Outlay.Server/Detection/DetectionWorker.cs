using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outlay.Core.Detection;
using Outlay.Core.Findings;
using Outlay.Core.Storage;
using Outlay.Server.Background;

namespace Outlay.Server.Detection;

/// <summary>
/// Background loop that runs every anomaly detector over every project each <see cref="OutlayServerOptions.DetectionInterval"/>
/// and records what they observe as findings. The store de-duplicates by fingerprint, so repeated passes, restarts and
/// several processes on one store make one finding per episode and notify once.
/// </summary>
internal sealed class DetectionWorker : BackgroundService
{
    private readonly IOutlayStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly DetectionOptions _detection;
    private readonly ILogger<DetectionWorker> _logger;
    private readonly JobRunner? _runner;

    // With a JobRunner (the app) the loop runs only while this process is the job runner; without one (tests) always.
    public DetectionWorker(IOutlayStore store, TimeProvider time, OutlayServerOptions options, ILogger<DetectionWorker> logger, JobRunner? runner = null)
    {
        _runner = runner;
        _store = store;
        _time = time;
        _interval = options.DetectionInterval;
        _detection = options.Detection;
        _logger = logger;
    }

    /// <summary>
    /// One pass at <paramref name="now"/> over every project; returns what each recorded observation did. An observation
    /// whose finding was already seen at or after its time (the same evidence as an earlier pass) is not recorded again,
    /// so occurrences count new evidence, not passes. A project that fails is logged and skipped; the others still run.
    /// </summary>
    internal async Task<IReadOnlyList<FindingRecordResult>> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var recorded = new List<FindingRecordResult>();
        foreach (var project in await _store.ListProjectsAsync(ct).ConfigureAwait(false))
        {
            try
            {
                recorded.AddRange(await DetectAsync(project.Id, now, ct).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ServerLog.DetectionProjectFailed(_logger, project.Id, e.GetType().Name);
            }
        }

        return recorded;
    }

    private async Task<List<FindingRecordResult>> DetectAsync(string projectId, DateTimeOffset now, CancellationToken ct)
    {
        var input = await DetectionInputLoader.LoadAsync(_store, projectId, _detection, now, ct).ConfigureAwait(false);
        var observations = AnomalyDetection.Detect(projectId, input, _detection, now);
        var recorded = new List<FindingRecordResult>();
        if (observations.Count == 0)
        {
            return recorded;
        }

        // Findings beyond the newest page are simply recorded again: the store de-duplicates them, only the count grows.
        var known = (await _store.ListFindingsAsync(projectId, new FindingQuery(Limit: FindingQuery.MaxLimit), ct).ConfigureAwait(false))
            .ToDictionary(f => f.Fingerprint, f => f.LastSeen, StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            if (known.TryGetValue(observation.Fingerprint, out var lastSeen) && lastSeen >= observation.At)
            {
                continue;
            }

            var result = await _store.RecordFindingAsync(observation, ct).ConfigureAwait(false);
            recorded.Add(result);
            if (result.Created)
            {
                ServerLog.DetectionRaised(_logger, observation.Kind, FindingSeverities.Name(observation.Severity), result.Finding.Id, projectId);
            }
        }

        return recorded;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _interval == TimeSpan.Zero
            ? Task.CompletedTask
            : PeriodicLoop.RunAsync(_interval, _time, _runner?.Gate("detection", _time, RunOnceAsync) ?? RunOnceAsync, e => ServerLog.DetectionRunFailed(_logger, e.GetType().Name), stoppingToken);
}
