using System.Collections.Concurrent;
using Outlay.Core.Credentials;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// The distributed tier: events and everything derived from them (rollups, price usage, credential activity,
/// re-pricing) in ClickHouse, over its HTTP interface; the small transactional control data (projects, keys, sessions,
/// budgets, alerts, findings, provider usage, drops) in a <em>control store</em> (SQLite or PostgreSQL) passed in.
/// <see cref="InitializeAsync"/> migrates both; <see cref="DisposeAsync"/> disposes both. Appends are exact before any
/// background merge: duplicates are refused at insert time under a per-database lock in this process (see README).
/// </summary>
public sealed partial class ClickHouseOutlayStore : IOutlayStore
{
    private readonly ClickHouseStoreOptions _options;
    private readonly IOutlayStore _control;
    private readonly ClickHouseHttp _http;
    private readonly ClickHouseEventAppender _appender;
    private readonly ClickHouseEventRepricer _repricer;
    private readonly ConcurrentDictionary<string, bool> _knownProjects = new(StringComparer.Ordinal);
    private bool _initialized;
    private bool _disposed;

    /// <summary>
    /// A store on the ClickHouse database <paramref name="options"/> names, with <paramref name="control"/> (not yet
    /// initialized; this store initializes and disposes it) for the control data. Nothing is contacted until
    /// <see cref="InitializeAsync"/>.
    /// </summary>
    public ClickHouseOutlayStore(ClickHouseStoreOptions options, IOutlayStore control)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(control);
        ClickHouseStoreOptions.ValidateIdentifier(options.Database, "database");
        if (options.Cluster is not null)
        {
            ClickHouseStoreOptions.ValidateIdentifier(options.Cluster, "cluster");
            if (options.Nodes.Count == 0)
            {
                throw new ArgumentException("A cluster needs its nodes (every shard's HTTP address) for the schema.", nameof(options));
            }
        }

        _options = options;
        _control = control;
        _http = new ClickHouseHttp(options);
        _appender = new ClickHouseEventAppender(_http, options, control);
        _repricer = new ClickHouseEventRepricer(_http, options, control);
    }

    /// <summary>What Outlay prints for this store (no credentials).</summary>
    public string Display => _options.Display;

    /// <summary>
    /// Whether unfiltered queries with at most one group-by dimension read the single-dimension rollup (default true);
    /// tests set it to false to compare with the full rollup path.
    /// </summary>
    internal bool UseDimensionRollups { get; set; } = true;

    /// <summary>The HTTP client, for tests that inspect tables directly.</summary>
    internal ClickHouseHttp Http => _http;

    /// <summary>The appender, for tests that read its group commit counters.</summary>
    internal ClickHouseEventAppender Appender => _appender;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _control.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await ClickHouseMigrations.ApplyAsync(_http, _options, cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, CancellationToken cancellationToken = default) =>
        AppendEventsAsync(projectId, events, DuplicatePolicy.KeepFirst, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ClickHouseException">The project does not exist in the control store, or ClickHouse refused the insert.</exception>
    /// <exception cref="OverflowException">An hourly sum would exceed 2^63-1; nothing was stored.</exception>
    public async Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(events);
        ThrowIfNotUsable();
        cancellationToken.ThrowIfCancellationRequested();
        if (events.Count == 0)
        {
            return new AppendResult(0, 0);
        }

        await EnsureProjectExistsAsync(projectId, cancellationToken).ConfigureAwait(false);
        return await _appender.AppendAsync(projectId, events, duplicates, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="OverflowException">A sum over the range exceeds the exact 64-bit range.</exception>
    public Task<SpendResult> QuerySpendAsync(string projectId, SpendQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfNotUsable();
        return ClickHouseSpendQuery.RunAsync(_http, projectId, query, UseDimensionRollups, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public Task<IReadOnlyList<PriceUsageRow>> QueryPriceUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        if (to < from)
        {
            throw new ArgumentException("The end of the range is before its start.", nameof(to));
        }

        ThrowIfNotUsable();
        return ClickHouseEventQueries.PriceUsageAsync(_http, projectId, from, to, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="RepriceRequest.To"/> is not after <see cref="RepriceRequest.From"/>.</exception>
    public Task<RepriceResult> RepriceAsync(RepriceRequest request, Func<StoredUsage, CostResult> price, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(price);
        if (request.To <= request.From)
        {
            throw new ArgumentException("The end of the range must be after its start.", nameof(request));
        }

        ThrowIfNotUsable();
        return _repricer.RunAsync(request, price, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="keyLabel"/> is given and not 1–128 characters.</exception>
    public Task<IReadOnlyList<CredentialPlace>> ListCredentialPlacesAsync(string projectId, string? keyLabel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        if (keyLabel is not null)
        {
            CredentialColumns.ValidateLabel(keyLabel, nameof(keyLabel));
        }

        ThrowIfNotUsable();
        return ClickHouseEventQueries.PlacesAsync(_http, projectId, keyLabel, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>, or <paramref name="keyLabel"/> is given and not 1–128 characters.</exception>
    public Task<IReadOnlyList<CredentialUsageRow>> QueryCredentialUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        CredentialColumns.ValidateRange(from, to);
        if (keyLabel is not null)
        {
            CredentialColumns.ValidateLabel(keyLabel, nameof(keyLabel));
        }

        ThrowIfNotUsable();
        return ClickHouseEventQueries.CredentialUsageAsync(_http, projectId, from, to, keyLabel, cancellationToken);
    }

    /// <summary>Disposes the HTTP client and the control store.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _http.Dispose();
        await _control.DisposeAsync().ConfigureAwait(false);
    }

    private IOutlayStore Control()
    {
        ThrowIfNotUsable();
        return _control;
    }

    /// <summary>Events belong to a project of the control store, as the relational engines' foreign key demands.</summary>
    private async Task EnsureProjectExistsAsync(string projectId, CancellationToken cancellationToken)
    {
        if (_knownProjects.ContainsKey(projectId))
        {
            return;
        }

        if (await _control.GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ClickHouseException(0, "No such project: events can only be stored for a project of the control store.");
        }

        _knownProjects.TryAdd(projectId, true);
    }

    private void ThrowIfNotUsable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }
}
