using Microsoft.Data.Sqlite;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. All writes go through one writer connection, serialised by a
/// semaphore (SQLite allows one writer at a time anyway); reads use pooled read-only connections and never wait
/// for a write. Call <see cref="InitializeAsync"/> once after <see cref="Open(string)"/>.
/// </summary>
public sealed partial class SqliteOutlayStore : IOutlayStore
{
    private readonly SqliteConnections _connections;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly EventAppender _appender;
    private readonly EventRepricer _repricer;
    private readonly WalFileSync _walSync;
    private readonly WalCheckpointer _checkpointer;
    private bool _initialized;
    private Action<SchemaUpgradeProgress>? _upgradeProgress;

    /// <summary>The WAL flushes that acknowledge writes (tests and the load tool read it).</summary>
    internal WalFileSync WalSync => _walSync;

    /// <summary>The background checkpoints (tests read it).</summary>
    internal WalCheckpointer Checkpointer => _checkpointer;
    private bool _disposed;

    // Folds sums held past their age while no append comes to fold them, so the file's rollups (read with plain SQL,
    // copied as a backup) trail the events by about a second at most, and a crash leaves little to read back.
    private Timer? _idleFold;

    private SqliteOutlayStore(SqliteConnections connections, SqliteConnection writer, int walRestartFrames)
    {
        _connections = connections;
        _writer = writer;
        _appender = new EventAppender(writer);
        _repricer = new EventRepricer(writer, _appender);
        _walSync = new WalFileSync(connections.FullPath);
        _checkpointer = new WalCheckpointer(connections.CheckpointerConnectionString, walRestartFrames);
    }

    /// <summary>
    /// Opens (creating when absent) the database file at <paramref name="path"/> and its directory.
    /// Settings: WAL journal, <c>synchronous=NORMAL</c> with the WAL flushed before any write returns (as durable as
    /// <c>FULL</c>; see <see cref="WalFileSync"/>), checkpoints in the background, 5 s busy timeout, foreign keys on.
    /// </summary>
    public static SqliteOutlayStore Open(string path) => Open(path, WalCheckpointer.RestartFrames);

    /// <summary>
    /// <see cref="Open(string)"/>, and tells <paramref name="upgradeProgress"/> how an upgrade of an older file's schema
    /// goes when <see cref="InitializeAsync"/> runs one (on the initialising thread; not called for a new file).
    /// </summary>
    public static SqliteOutlayStore Open(string path, Action<SchemaUpgradeProgress> upgradeProgress)
    {
        ArgumentNullException.ThrowIfNull(upgradeProgress);
        var store = Open(path);
        store._upgradeProgress = upgradeProgress;
        return store;
    }

    /// <summary>Test seam: <see cref="Open(string)"/> with another WAL length past which the writer lets a checkpoint catch up.</summary>
    internal static SqliteOutlayStore Open(string path, int walRestartFrames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        StoreFilePermissions.PrepareOwnerOnly(directory, fullPath);
        var connections = new SqliteConnections(fullPath);
        var writer = connections.OpenWriter();
        return new SqliteOutlayStore(connections, writer, walRestartFrames);
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(() => SqliteMigrations.Apply(_writer, _upgradeProgress), cancellationToken, requireInitialized: false).ConfigureAwait(false);
        _initialized = true;

        // Sums a process held when it stopped without folding are read back from the journal now, not at the first read.
        await FoldAsync(cancellationToken).ConfigureAwait(false);
        _idleFold ??= new Timer(static store => ((SqliteOutlayStore)store!).FoldIfDue(), this, IdleFoldPeriod, IdleFoldPeriod);
    }

    private static readonly TimeSpan IdleFoldPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>The idle fold: only when the writer is free right now (a busy writer folds by age in its next append).</summary>
    private void FoldIfDue()
    {
        if (_disposed || !_appender.FoldDue || !_writeLock.Wait(0))
        {
            return;
        }

        try
        {
            if (!_disposed)
            {
                FoldLocked();
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or OverflowException)
        {
            // The journal still names the events: the next append, read, write or open folds them.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Whether appends hold rollup sums for a later fold (default true); tests turn it off for a reference store.</summary>
    internal bool DeferRollups
    {
        get => _appender.DeferRollups;
        set => _appender.DeferRollups = value;
    }

    /// <summary>Writes the rollup sums the writer holds (tests call it before reading the file with plain SQL).</summary>
    internal Task FoldHeldRollupsAsync(CancellationToken cancellationToken) => FoldAsync(cancellationToken);

    /// <summary>How long the writer holds rollup sums at most (default 1 s); tests lengthen it to observe what is held.</summary>
    internal TimeSpan HoldAge
    {
        get => _appender.HoldAge;
        set => _appender.HoldAge = value;
    }

    /// <summary>Events whose rollup sums the writer holds now (tests read it).</summary>
    internal long HeldEvents => _appender.HeldEvents;

    /// <inheritdoc />
    public Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, CancellationToken cancellationToken = default) =>
        AppendEventsAsync(projectId, events, DuplicatePolicy.KeepFirst, cancellationToken);

    /// <inheritdoc />
    public Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.FromResult(new AppendResult(0, 0));
        }

        // Computed here, on the caller's thread, so the writer only merges and executes statements.
        var prepared = PreparedBatch.TryPrepare(events);
        return AppendGroupedAsync(new QueuedAppend<PreparedBatch?>(projectId, events, prepared, duplicates, cancellationToken));
    }

    /// <summary>
    /// Whether queries that group by and filter on at most one dimension read the single-dimension rollups (default true);
    /// tests set it to false to compare the answer with the full rollup path.
    /// </summary>
    internal bool UseDimensionRollups { get; set; } = true;

    /// <inheritdoc />
    /// <exception cref="OverflowException">A sum over the range exceeds the exact 64-bit range.</exception>
    /// <remarks>
    /// Queries that group by and filter on at most one dimension read the single-dimension rollups (whole UTC days daily,
    /// the hours at either end hourly); every other query reads the full rollup. Both give the same rows in the same order.
    /// </remarks>
    public async Task<SpendResult> QuerySpendAsync(string projectId, SpendQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(query);
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            if (UseDimensionRollups && DimensionSpendQuerySql.CanAnswer(query))
            {
                DimensionSpendQuerySql.Build(command, projectId, query);
            }
            else
            {
                SpendQuerySql.Build(command, projectId, query);
            }

            try
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await SpendRowReader.ReadAsync(reader, query, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (SqliteException e) when (SumOverflow.IsOverflow(e))
            {
                throw SumOverflow.ToException(e);
            }
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

        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await PriceUsageQuery.RunAsync(connection, projectId, from, to, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException e) when (SumOverflow.IsOverflow(e))
            {
                throw SumOverflow.ToException(e);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="RepriceRequest.To"/> is not after <see cref="RepriceRequest.From"/>.</exception>
    /// <remarks>
    /// Candidates are found a page at a time on a read-only connection; each page is priced and written in its own write
    /// transaction, so ingest waits at most for one page.
    /// </remarks>
    public async Task<RepriceResult> RepriceAsync(RepriceRequest request, Func<StoredUsage, Outlay.Core.Pricing.CostResult> price, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(price);
        if (request.To <= request.From)
        {
            throw new ArgumentException("The end of the range must be after its start.", nameof(request));
        }

        var counts = new RepriceCounts();
        string? afterProject = null;
        string? afterId = null;
        while (true)
        {
            List<(string ProjectId, string Id)> page;
            var reader = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                page = await RepriceCandidates.NextPageAsync(reader, request, afterProject, afterId, cancellationToken).ConfigureAwait(false);
            }

            if (page.Count == 0)
            {
                return counts.ToResult();
            }

            await WriteAsync(() => _repricer.ApplyPage(page, request, price, counts, cancellationToken), cancellationToken).ConfigureAwait(false);
            (afterProject, afterId) = page[^1];
        }
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

        return WriteAsync(() => DashboardSessionTable.Add(_writer, session), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DashboardSessionRecord?> FindDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return ReadAsync(c => DashboardSessionTable.Find(c, sessionId), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return WriteAsync(() => DashboardSessionTable.Delete(_writer, sessionId), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A session whose expiry equals <paramref name="now"/> is no longer valid and is deleted too.</remarks>
    public Task<int> DeleteExpiredDashboardSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(() => DashboardSessionTable.DeleteExpired(_writer, now), cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The name does not match <c>[a-z0-9][a-z0-9_-]{0,63}</c>.</exception>
    public Task<ProjectRecord> EnsureProjectAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!ProjectNames.IsValid(name))
        {
            throw new ArgumentException("A project name must match [a-z0-9][a-z0-9_-]{0,63}.", nameof(name));
        }

        return WriteAsync(() => ProjectTable.Ensure(_writer, name, DateTimeOffset.UtcNow), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ProjectRecord?> FindProjectAsync(string name, CancellationToken cancellationToken = default) =>
        ProjectNames.IsValid(name)
            ? ReadAsync(c => ProjectTable.Find(c, "name", name), cancellationToken)
            : Task.FromResult<ProjectRecord?>(null);

    /// <inheritdoc />
    public Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return ReadAsync(c => ProjectTable.Find(c, "id", projectId), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(ProjectTable.List, cancellationToken);

    /// <inheritdoc />
    public Task AddKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(() => KeyTable.Add(_writer, key), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return ReadAsync(c => KeyTable.Find(c, keyId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? projectId, CancellationToken cancellationToken = default) =>
        await ReadAsync(c => KeyTable.List(c, projectId), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return WriteAsync(() => KeyTable.Revoke(_writer, keyId, at), cancellationToken);
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

        return WriteAsync(() => ClientDropTable.Add(_writer, projectId, report), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ClientDropReport> GetClientDropsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return ReadAsync(c => ClientDropTable.Get(c, projectId), cancellationToken);
    }

    /// <inheritdoc />
    public Task AddBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return WriteAsync(() => BudgetTable.Add(_writer, budget), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ReadAsync(c => BudgetTable.List(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<BudgetDefinition?> GetBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync(c => BudgetTable.Find(c, projectId, id), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync(() => BudgetTable.Delete(_writer, projectId, id), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetDefinition>> ListAllBudgetsAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync(BudgetTable.ListAll, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> TryRecordBudgetAlertAsync(BudgetAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return WriteAsync(
            () =>
            {
                // The alert and its deliveries commit together: a crash between them cannot lose a delivery.
                using var transaction = _writer.BeginTransaction();
                if (!BudgetAlertTable.TryAdd(_writer, transaction, alert))
                {
                    return false;
                }

                AlertDeliveryTable.AddForAlert(_writer, transaction, alert);
                transaction.Commit();
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1–1000.</exception>
    public async Task<IReadOnlyList<BudgetAlert>> ListBudgetAlertsAsync(string projectId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return await ReadAsync(c => BudgetAlertTable.List(c, projectId, limit), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task AddAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return WriteAsync(() => AlertChannelTable.Add(_writer, channel), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AlertChannel>> ListAlertChannelsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ReadAsync(c => AlertChannelTable.List(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<AlertChannel?> GetAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync(c => AlertChannelTable.Find(c, projectId, id), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync(() => AlertChannelTable.Delete(_writer, projectId, id), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AlertChannelHealth>> ListAlertChannelHealthAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ReadAsync(c => AlertChannelTable.ListHealth(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<AlertDelivery?> QueueTestAlertDeliveryAsync(string projectId, string channelId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(channelId);
        return WriteAsync(() => AlertDeliveryTable.AddTest(_writer, projectId, channelId, at), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The lease is not positive or the limit is outside 1–1000.</exception>
    public async Task<IReadOnlyList<ClaimedAlertDelivery>> ClaimAlertDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return await WriteAsync(() => AlertDeliveryTable.Claim(_writer, now, lease, limit), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A pending completion has no retry time.</exception>
    public Task<bool> CompleteAlertDeliveryAsync(long deliveryId, string leaseToken, AlertDeliveryCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leaseToken);
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.State == AlertDeliveryState.Pending && completion.RetryAt is null)
        {
            throw new ArgumentException("A delivery left pending needs a retry time.", nameof(completion));
        }

        return WriteAsync(
            () =>
            {
                using var transaction = _writer.BeginTransaction();
                var channelId = AlertDeliveryTable.Complete(_writer, transaction, deliveryId, leaseToken, completion);
                if (channelId is null)
                {
                    return false;
                }

                var detail = AlertDeliveryTable.Truncate(completion.Detail);
                AlertChannelTable.RecordAttempt(_writer, transaction, channelId, completion.State == AlertDeliveryState.Delivered, completion.AttemptedAt, detail);
                transaction.Commit();
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1–1000.</exception>
    public async Task<IReadOnlyList<AlertDelivery>> ListAlertDeliveriesAsync(string projectId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return await ReadAsync(c => AlertDeliveryTable.List(c, projectId, limit), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a write in progress, then closes the writer and releases pooled readers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (_idleFold is not null)
        {
            await _idleFold.DisposeAsync().ConfigureAwait(false);
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _appender.FoldHeld();
            }
            catch (SqliteException)
            {
                // The journal keeps naming those events: the next process to open the file folds them.
            }

            await _checkpointer.DisposeAsync().ConfigureAwait(false);
            _walSync.Dispose();
            _appender.Dispose();

            // Idle readers first, so the writer is the file's last connection: SQLite then checkpoints and deletes the
            // WAL as it closes (a read-only connection closing last cannot, and would leave the WAL at its largest).
            _connections.ReleasePooledReaders();
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private Task WriteAsync(Action write, CancellationToken cancellationToken) =>
        WriteAsync(
            () =>
            {
                write();
                return true;
            },
            cancellationToken);

    /// <summary>Runs <paramref name="write"/> under the write lock, then returns once what it committed is durable.</summary>
    private async Task<T> WriteAsync<T>(Func<T> write, CancellationToken cancellationToken, bool requireInitialized = true)
    {
        T result;
        long commit;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (requireInitialized)
            {
                ThrowIfNotInitialized();
            }

            await LetWalRestartAsync().ConfigureAwait(false);
            if (requireInitialized)
            {
                // Every other write sees (and may change) events and rollups as readers do: held sums are written first.
                _appender.FoldHeld();
            }

            result = write();
            if (requireInitialized)
            {
                _appender.RollupsChanged();
            }

            commit = Committed();
        }
        finally
        {
            _writeLock.Release();
        }

        await _walSync.WaitDurableAsync(commit).ConfigureAwait(false);
        return result;
    }

    /// <summary>Counts what the writer just committed and asks for a checkpoint; call under the write lock.</summary>
    private long Committed()
    {
        _checkpointer.Poke();
        return _walSync.Committed();
    }

    /// <summary>Under the write lock, before a write: lets a checkpoint finish first when the WAL has grown long (see <see cref="WalCheckpointer"/>).</summary>
    private Task LetWalRestartAsync() => _checkpointer.ShouldCatchUp ? _checkpointer.CatchUpAsync() : Task.CompletedTask;

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return read(connection);
        }
    }

    /// <summary>
    /// A pooled read connection, after any held rollup sums are written, so a read sees every acknowledged append in the
    /// rollups. Sums another process holds (its journal rows) are folded too, by this process's writer.
    /// </summary>
    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfNotInitialized();
        // The connection holds no read transaction between statements, so what the fold commits is what it reads next.
        var connection = await _connections.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_appender.HasHeldRollups || JournalHasRows(connection))
            {
                await FoldAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private static bool JournalHasRows(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM rollup_journal);";
        return (long)command.ExecuteScalar()! != 0;
    }

    /// <summary>Writes the held rollup sums under the write lock; not waited on for durability (the journal covers them until it is).</summary>
    private async Task FoldAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await LetWalRestartAsync().ConfigureAwait(false);
            FoldLocked();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Folds under the write lock. Only a checkpoint nudge after: a fold needs no flush of its own (the journal covers it until the next one).</summary>
    private void FoldLocked()
    {
        if (_appender.FoldHeld())
        {
            _checkpointer.Poke();
        }
    }

    private void ThrowIfNotInitialized()
    {
        if (!_initialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }
}
