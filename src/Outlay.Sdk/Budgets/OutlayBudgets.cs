using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Budgets;

/// <summary>
/// The project's budgets as the Outlay server last reported them, for applications that want to hold back a call when
/// its budget is exceeded. Every answer comes from a local cache refreshed in the background: no method here makes a
/// network call or waits for one, so consulting a budget never slows the application or breaks it when Outlay is down.
/// </summary>
/// <remarks>
/// <para>
/// The cache is filled lazily: the first call of any method here starts the background refresh (an application that
/// never asks makes no request), so the very first answers are <see cref="BudgetState.Unknown"/>. Call
/// <see cref="RefreshAsync"/> at startup to warm it up. It then refreshes every
/// <see cref="OutlayClientOptions.BudgetRefreshInterval"/> (default 30 s, jittered), backs off after failures, and stops
/// when the server refuses the key (401/403; reported on the <c>Outlay-Sdk</c> event source).
/// </para>
/// <para>
/// Fail-open by default: a budget whose status is unknown, or stale (older than
/// <see cref="OutlayClientOptions.BudgetStaleAfter"/>, default 5 minutes, or from a calendar period that has since
/// ended), counts as not exceeded. Budgets named in <see cref="OutlayClientOptions.FailClosedBudgets"/> count as exceeded instead.
/// </para>
/// <para>The status holds names, states, percentages and scopes only: never an amount or a spend. Thread-safe.</para>
/// </remarks>
public sealed class OutlayBudgets
{
    private static readonly IReadOnlyList<string> NoScope = [];

    private readonly BudgetRefreshLoop _loop;
    private readonly TimeProvider _time;
    private readonly TimeSpan _staleAfter;
    private readonly HashSet<string> _failClosed;
    private readonly string? _defaultService;
    private readonly string? _defaultEnvironment;

    internal OutlayBudgets(OutlayClientOptions options, BudgetRefreshLoop loop, TimeProvider time)
    {
        _loop = loop;
        _time = time;
        _staleAfter = options.BudgetStaleAfter;

        // Copies: options are read once, as for the rest of the client.
        _failClosed = new HashSet<string>(options.FailClosedBudgets.Where(n => n is not null), StringComparer.Ordinal);
        _defaultService = options.Service;
        _defaultEnvironment = options.Environment;
    }

    /// <summary>Whether the server refused the client's key for the status (401/403), which stopped the refresh; every budget then stays unknown.</summary>
    public bool RefreshStopped => _loop.Refused;

    /// <summary>Whether the background refresh has started; for tests of the lazy start.</summary>
    internal bool RefreshStarted => _loop.Started;

    /// <summary>The cached status of one budget; <see cref="BudgetState.Unknown"/> when none is known (yet). Never waits.</summary>
    /// <param name="budgetName">The budget's name, exactly (case-sensitive).</param>
    /// <exception cref="ArgumentNullException"><paramref name="budgetName"/> is null.</exception>
    public BudgetStatus GetStatus(string budgetName)
    {
        ArgumentNullException.ThrowIfNull(budgetName);
        _loop.EnsureStarted();
        var snapshot = _loop.Snapshot;
        return snapshot is not null && snapshot.ByName.TryGetValue(budgetName, out var budget)
            ? Describe(snapshot, budget)
            : Unknown(budgetName);
    }

    /// <summary>
    /// Whether the budget counts as exceeded (<see cref="BudgetStatus.CountsAsExceeded"/>): exceeded and fresh, or —
    /// when it is in <see cref="OutlayClientOptions.FailClosedBudgets"/> — unknown or stale. Never waits.
    /// </summary>
    /// <param name="budgetName">The budget's name, exactly (case-sensitive).</param>
    /// <exception cref="ArgumentNullException"><paramref name="budgetName"/> is null.</exception>
    public bool IsExceeded(string budgetName) => GetStatus(budgetName).CountsAsExceeded;

    /// <summary>
    /// The cached status of every budget that would count a call with this scope: those whose filters all match it,
    /// with the server's rules (dimension names as in spend filters, <c>v1|v2</c> alternatives, the provider lower-cased,
    /// <see cref="OutlayClientOptions.Service"/> and <see cref="OutlayClientOptions.Environment"/> standing in when the
    /// call leaves them null; a filter on <c>status</c>, unknowable before the call, matches). Before any status has
    /// been received, the fail-closed budgets are listed as unknown, since their scopes are not known yet. Never waits.
    /// </summary>
    /// <param name="call">What the prospective call would be recorded as.</param>
    /// <returns>The matching budgets, in the server's order; empty when none match.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    public IReadOnlyList<BudgetStatus> Matching(BudgetCallScope call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _loop.EnsureStarted();
        var snapshot = _loop.Snapshot;
        if (snapshot is null)
        {
            return _failClosed.Count == 0 ? [] : _failClosed.Order(StringComparer.Ordinal).Select(Unknown).ToList();
        }

        List<BudgetStatus>? matching = null;
        foreach (var budget in snapshot.Budgets)
        {
            if (Matches(budget, call))
            {
                (matching ??= []).Add(Describe(snapshot, budget));
            }
        }

        return matching ?? (IReadOnlyList<BudgetStatus>)[];
    }

    /// <summary>
    /// Whether any budget that would count this call counts as exceeded (see <see cref="Matching"/> and
    /// <see cref="BudgetStatus.CountsAsExceeded"/>). Never waits; allocates nothing when no budget is exceeded.
    /// </summary>
    /// <param name="call">What the prospective call would be recorded as.</param>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
    public bool IsExceeded(BudgetCallScope call)
    {
        ArgumentNullException.ThrowIfNull(call);
        _loop.EnsureStarted();
        var snapshot = _loop.Snapshot;
        if (snapshot is null)
        {
            return _failClosed.Count > 0;
        }

        foreach (var budget in snapshot.Budgets)
        {
            if (CountsAsExceeded(snapshot, budget) && Matches(budget, call))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Asks the server now and waits for the answer, for a warm cache at startup; also starts the background refresh.
    /// Never throws: a failure (network, timeout, refused key, cancellation) leaves the cache as it was.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the result is then <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when a status answer was received and cached.</returns>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken = default) => _loop.RefreshAsync(cancellationToken);

    private bool Matches(KnownBudget budget, BudgetCallScope call)
    {
        try
        {
            return budget.Matches(call, _defaultService, _defaultEnvironment);
        }
#pragma warning disable CA1031 // A caller's odd tag dictionary must not fail its call: the budget is treated as not matching.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            OutlaySdkEventSource.Log.Failure(exception);
            return false;
        }
    }

    private bool CountsAsExceeded(BudgetSnapshot snapshot, KnownBudget budget) =>
        budget.State == BudgetState.Unknown || IsStale(snapshot, budget)
            ? _failClosed.Contains(budget.Name)
            : budget.State == BudgetState.Exceeded;

    private bool IsStale(BudgetSnapshot snapshot, KnownBudget budget) =>
        _time.GetElapsedTime(snapshot.ReceivedTimestamp) > _staleAfter
        || (budget.ResetsAt is { } resetsAt && _time.GetUtcNow() >= resetsAt);

    private BudgetStatus Describe(BudgetSnapshot snapshot, KnownBudget budget) => new(
        budget.Name,
        budget.State,
        budget.Percentage,
        snapshot.ServerAsOf,
        budget.State == BudgetState.Unknown || IsStale(snapshot, budget),
        budget.Scope,
        budget.Period,
        budget.ResetsAt,
        _failClosed.Contains(budget.Name));

    private BudgetStatus Unknown(string name) =>
        new(name, BudgetState.Unknown, null, null, isStale: true, NoScope, null, null, _failClosed.Contains(name));
}
