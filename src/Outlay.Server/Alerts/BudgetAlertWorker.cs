using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Storage;
using Outlay.Server.Background;

namespace Outlay.Server.Alerts;

/// <summary>
/// Background loop that evaluates every project's budgets each <see cref="OutlayServerOptions.BudgetAlertInterval"/>
/// and records the alerts <see cref="BudgetAlertPlanner"/> finds due. The store's unique key decides which process
/// fires an alert, so several servers on one store, or a restart, never fire one twice. Recording is the whole of
/// delivery in this version: webhook, Slack and email channels are not built yet.
/// </summary>
internal sealed class BudgetAlertWorker : BackgroundService
{
    private readonly IOutlayStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<BudgetAlertWorker> _logger;
    private readonly JobRunner? _runner;

    // With a JobRunner (the app) the loop runs only while this process is the job runner; without one (tests) always.
    public BudgetAlertWorker(IOutlayStore store, TimeProvider time, OutlayServerOptions options, ILogger<BudgetAlertWorker> logger, JobRunner? runner = null)
    {
        _runner = runner;
        _store = store;
        _time = time;
        _interval = options.BudgetAlertInterval;
        _logger = logger;
    }

    /// <summary>
    /// One pass at <paramref name="now"/>: evaluates every budget and records its due alerts. Returns the alerts this
    /// call recorded (the ones it won). A budget that fails to evaluate is logged and skipped; the others still run.
    /// </summary>
    internal async Task<IReadOnlyList<BudgetAlert>> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var fired = new List<BudgetAlert>();
        foreach (var budget in await _store.ListAllBudgetsAsync(ct).ConfigureAwait(false))
        {
            IReadOnlyList<BudgetAlert> due;
            try
            {
                var evaluation = await BudgetEvaluator.EvaluateAsync(_store, budget, now, ct).ConfigureAwait(false);
                if (evaluation.Error is { } error)
                {
                    // E.g. a zone this host does not know: nothing can be measured, so nothing may fire.
                    ServerLog.BudgetEvaluationFailed(_logger, budget.Id, error);
                    continue;
                }

                due = BudgetAlertPlanner.Due(evaluation, now);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ServerLog.BudgetEvaluationFailed(_logger, budget.Id, e.GetType().Name);
                continue;
            }

            foreach (var alert in due)
            {
                if (await _store.TryRecordBudgetAlertAsync(alert, ct).ConfigureAwait(false))
                {
                    fired.Add(alert);
                    ServerLog.BudgetAlertFired(_logger, alert.KindName, alert.Threshold, alert.BudgetName, alert.BudgetId, alert.ProjectId, alert.PercentText);
                }
            }
        }

        return fired;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(_interval, _time, _runner?.Gate("budgets", _time, RunOnceAsync) ?? RunOnceAsync, e => ServerLog.AlertRunFailed(_logger, e.GetType().Name), stoppingToken);
}
