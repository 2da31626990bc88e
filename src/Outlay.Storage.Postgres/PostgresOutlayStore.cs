using Npgsql;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// The PostgreSQL store (Npgsql): events in monthly partitions, rollups maintained in the append's transaction, schema
/// migrated by Outlay itself under an advisory lock. Several server processes may share one database: appends are
/// idempotent across them, budget alerts fire once. Call <see cref="InitializeAsync"/> once after <see cref="Open"/>.
/// </summary>
public sealed partial class PostgresOutlayStore : IOutlayStore
{
    private const string StagingSql = PostgresEventAppender.CreateStagingSql + RollupStaging.CreateSql;

    private readonly NpgsqlDataSource _dataSource;
    private readonly EventPartitions _partitions = new();
    private readonly PostgresEventAppender _appender;
    private readonly PostgresEventRepricer _repricer;
    private bool _initialized;
    private bool _disposed;

    private PostgresOutlayStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _appender = new PostgresEventAppender(dataSource, _partitions);
        _repricer = new PostgresEventRepricer(dataSource);
    }

    /// <summary>
    /// A store on the database <paramref name="connectionString"/> names (Npgsql syntax, e.g.
    /// <c>Host=db;Database=outlay;Username=outlay;Password=…</c>). Nothing is contacted until <see cref="InitializeAsync"/>.
    /// Npgsql's defaults apply (pool of up to 100 connections, 15 s connect timeout, 30 s command timeout).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty or not valid Npgsql syntax.</exception>
    public static PostgresOutlayStore Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "outlay";

        // The append's staging tables are session temp tables (ON COMMIT DELETE ROWS): created once when Npgsql opens a
        // physical connection, instead of one more round trip in every append. No Reset On Close keeps them across
        // pool checkouts (a reset would DISCARD ALL); the store leaves no other session state behind.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        builder.UsePhysicalConnectionInitializer(
            connection =>
            {
                using var command = new NpgsqlCommand(StagingSql, connection);
                command.ExecuteNonQuery();
            },
            async connection =>
            {
                await using var command = new NpgsqlCommand(StagingSql, connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            });
        return new PostgresOutlayStore(builder.Build());
    }

    /// <summary>
    /// Whether unfiltered queries with at most one group-by dimension read the single-dimension rollups (default true);
    /// tests set it to false to compare the answer with the full rollup path.
    /// </summary>
    internal bool UseDimensionRollups { get; set; } = true;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await PostgresMigrations.ApplyAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, CancellationToken cancellationToken = default) =>
        AppendEventsAsync(projectId, events, DuplicatePolicy.KeepFirst, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="OverflowException">A rollup sum would exceed 2^63-1; nothing was stored.</exception>
    public Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(events);
        ThrowIfNotUsable();
        if (events.Count == 0)
        {
            return Task.FromResult(new AppendResult(0, 0));
        }

        return _appender.AppendAsync(projectId, events, duplicates, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="OverflowException">A sum over the range exceeds the exact 64-bit range.</exception>
    public async Task<SpendResult> QuerySpendAsync(string projectId, SpendQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfNotUsable();
        await using var command = _dataSource.CreateCommand();
        if (UseDimensionRollups && PostgresDimensionSpendQuerySql.CanAnswer(query))
        {
            PostgresDimensionSpendQuerySql.Build(command, projectId, query);
        }
        else
        {
            PostgresSpendQuerySql.Build(command, projectId, query);
        }

        try
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await SpendRowReader.ReadAsync(reader, query, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PostgresException e) when (PostgresErrors.IsOverflow(e))
        {
            throw PostgresErrors.QueryOverflow(e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async Task<IReadOnlyList<PriceUsageRow>> QueryPriceUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        if (to < from)
        {
            throw new ArgumentException("The end of the range is before its start.", nameof(to));
        }

        ThrowIfNotUsable();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await PostgresPriceUsageQuery.RunAsync(connection, projectId, from, to, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (PostgresErrors.IsOverflow(e))
            {
                throw PostgresErrors.QueryOverflow(e);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="RepriceRequest.To"/> is not after <see cref="RepriceRequest.From"/>.</exception>
    /// <remarks>
    /// Candidates are found a page at a time without locks; each page is priced and written in its own transaction that
    /// locks only that page's events, so ingest of other events never waits for it.
    /// </remarks>
    public Task<RepriceResult> RepriceAsync(RepriceRequest request, Func<StoredUsage, Outlay.Core.Pricing.CostResult> price, CancellationToken cancellationToken = default)
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
    /// <exception cref="ArgumentException">The name does not match <c>[a-z0-9][a-z0-9_-]{0,63}</c>.</exception>
    public Task<ProjectRecord> EnsureProjectAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!ProjectNames.IsValid(name))
        {
            throw new ArgumentException("A project name must match [a-z0-9][a-z0-9_-]{0,63}.", nameof(name));
        }

        ThrowIfNotUsable();
        return ProjectTable.EnsureAsync(_dataSource, name, DateTimeOffset.UtcNow, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ProjectRecord?> FindProjectAsync(string name, CancellationToken cancellationToken = default)
    {
        ThrowIfNotUsable();
        return ProjectNames.IsValid(name)
            ? ProjectTable.FindAsync(_dataSource, "name", name, cancellationToken)
            : Task.FromResult<ProjectRecord?>(null);
    }

    /// <inheritdoc />
    public Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ThrowIfNotUsable();
        return ProjectTable.FindAsync(_dataSource, "id", projectId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotUsable();
        return ProjectTable.ListAsync(_dataSource, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfNotUsable();
        return KeyTable.AddAsync(_dataSource, key, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ThrowIfNotUsable();
        return KeyTable.FindAsync(_dataSource, keyId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? projectId, CancellationToken cancellationToken = default)
    {
        ThrowIfNotUsable();
        return await KeyTable.ListAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ThrowIfNotUsable();
        return KeyTable.RevokeAsync(_dataSource, keyId, at, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The secret hash is not 32 bytes, the key kind is not read or admin, or an id is empty.</exception>
    public Task AddDashboardSessionAsync(DashboardSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.SessionId, nameof(session));
        ArgumentException.ThrowIfNullOrEmpty(session.ProjectId, nameof(session));
        ArgumentException.ThrowIfNullOrEmpty(session.KeyId, nameof(session));
        if (session.SecretHash is not { Length: 32 })
        {
            throw new ArgumentException("A session's secret hash must be a 32-byte SHA-256.", nameof(session));
        }

        if (session.Kind is not (ApiKeyKind.Read or ApiKeyKind.Admin))
        {
            throw new ArgumentException("Only read and admin keys open dashboard sessions.", nameof(session));
        }

        ThrowIfNotUsable();
        return DashboardSessionTable.AddAsync(_dataSource, session, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DashboardSessionRecord?> FindDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ThrowIfNotUsable();
        return DashboardSessionTable.FindAsync(_dataSource, sessionId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ThrowIfNotUsable();
        return DashboardSessionTable.DeleteAsync(_dataSource, sessionId, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A session whose expiry equals <paramref name="now"/> is no longer valid and is deleted too.</remarks>
    public Task<int> DeleteExpiredDashboardSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ThrowIfNotUsable();
        return DashboardSessionTable.DeleteExpiredAsync(_dataSource, now, cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordClientDropsAsync(string projectId, ClientDropReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(report);
        if (report.QueueFull < 0 || report.RejectedByServer < 0 || report.SendFailed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(report), "Drop counts cannot be negative.");
        }

        ThrowIfNotUsable();
        return ClientDropTable.AddAsync(_dataSource, projectId, report, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ClientDropReport> GetClientDropsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ThrowIfNotUsable();
        return ClientDropTable.GetAsync(_dataSource, projectId, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ThrowIfNotUsable();
        return BudgetTable.AddAsync(_dataSource, budget, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ThrowIfNotUsable();
        return await BudgetTable.ListAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<BudgetDefinition?> GetBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        ThrowIfNotUsable();
        return BudgetTable.FindAsync(_dataSource, projectId, id, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        ThrowIfNotUsable();
        return BudgetTable.DeleteAsync(_dataSource, projectId, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetDefinition>> ListAllBudgetsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotUsable();
        return await BudgetTable.ListAllAsync(_dataSource, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The unique key with ON CONFLICT DO NOTHING lets exactly one insert win across processes.</remarks>
    public async Task<bool> TryRecordBudgetAlertAsync(BudgetAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ThrowIfNotUsable();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The alert and its deliveries commit together: a crash between them cannot lose a delivery.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (!await BudgetAlertTable.TryAddAsync(connection, alert, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                await AlertDeliveryTable.AddForAlertAsync(connection, alert, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1–1000.</exception>
    public async Task<IReadOnlyList<BudgetAlert>> ListBudgetAlertsAsync(string projectId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        ThrowIfNotUsable();
        return await BudgetAlertTable.ListAsync(_dataSource, projectId, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task AddAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ThrowIfNotUsable();
        return AlertChannelTable.AddAsync(_dataSource, channel, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AlertChannel>> ListAlertChannelsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ThrowIfNotUsable();
        return await AlertChannelTable.ListAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<AlertChannel?> GetAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        ThrowIfNotUsable();
        return AlertChannelTable.FindAsync(_dataSource, projectId, id, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        ThrowIfNotUsable();
        return AlertChannelTable.DeleteAsync(_dataSource, projectId, id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AlertChannelHealth>> ListAlertChannelHealthAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ThrowIfNotUsable();
        return await AlertChannelTable.ListHealthAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<AlertDelivery?> QueueTestAlertDeliveryAsync(string projectId, string channelId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(channelId);
        ThrowIfNotUsable();
        return AlertDeliveryTable.AddTestAsync(_dataSource, projectId, channelId, at, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The lease is not positive or the limit is outside 1–1000.</exception>
    public async Task<IReadOnlyList<ClaimedAlertDelivery>> ClaimAlertDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        ThrowIfNotUsable();
        return await AlertDeliveryTable.ClaimAsync(_dataSource, now, lease, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A pending completion has no retry time.</exception>
    public async Task<bool> CompleteAlertDeliveryAsync(long deliveryId, string leaseToken, AlertDeliveryCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leaseToken);
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.State == AlertDeliveryState.Pending && completion.RetryAt is null)
        {
            throw new ArgumentException("A delivery left pending needs a retry time.", nameof(completion));
        }

        ThrowIfNotUsable();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var channelId = await AlertDeliveryTable.CompleteAsync(connection, deliveryId, leaseToken, completion, cancellationToken).ConfigureAwait(false);
                if (channelId is null)
                {
                    return false;
                }

                var detail = AlertDeliveryTable.Truncate(completion.Detail);
                await AlertChannelTable.RecordAttemptAsync(
                    connection, channelId, completion.State == AlertDeliveryState.Delivered, completion.AttemptedAt, detail, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1–1000.</exception>
    public async Task<IReadOnlyList<AlertDelivery>> ListAlertDeliveriesAsync(string projectId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        ThrowIfNotUsable();
        return await AlertDeliveryTable.ListAsync(_dataSource, projectId, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the pooled connections; operations still running finish or fail on their own connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _dataSource.DisposeAsync().ConfigureAwait(false);
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
