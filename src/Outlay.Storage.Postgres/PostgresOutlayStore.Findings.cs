using Npgsql;
using Outlay.Core.Findings;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>Findings and their review (acknowledge, snooze, reopen).</summary>
public sealed partial class PostgresOutlayStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// A field is empty or too long (fingerprint and subject 512, summary 300, detail 2,000, place parts, expected and
    /// observed 512 characters), or the kind is not one of <see cref="FindingKinds"/>.
    /// </exception>
    public async Task<FindingRecordResult> RecordFindingAsync(FindingObservation observation, CancellationToken cancellationToken = default)
    {
        FindingColumns.Validate(observation);
        ThrowIfNotUsable();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The finding and its deliveries commit together: a crash between them cannot lose a notification.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var (id, created) = await FindingTable.UpsertAsync(connection, observation, cancellationToken).ConfigureAwait(false);
                var notified = false;
                if (created
                    && observation.Severity >= FindingSeverity.Warning
                    && !await FindingTable.IsSnoozedAsync(connection, observation, cancellationToken).ConfigureAwait(false))
                {
                    notified = await AlertDeliveryTable.AddForFindingAsync(connection, observation.ProjectId, id, observation.At, cancellationToken).ConfigureAwait(false) > 0;
                    if (notified)
                    {
                        await FindingTable.MarkNotifiedAsync(connection, id, cancellationToken).ConfigureAwait(false);
                    }
                }

                var finding = (await FindingTable.FindAsync(connection, observation.ProjectId, id, cancellationToken).ConfigureAwait(false))!;
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new FindingRecordResult(finding, created, notified);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The query's limit is outside 1–1000.</exception>
    public async Task<IReadOnlyList<Finding>> ListFindingsAsync(string projectId, FindingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, FindingQuery.MaxLimit, nameof(query));
        ThrowIfNotUsable();
        return await FindingTable.ListAsync(_dataSource, projectId, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Finding?> GetFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ThrowIfNotUsable();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await FindingTable.FindAsync(connection, projectId, id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task<Finding?> AcknowledgeFindingAsync(string projectId, Guid id, string? by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return ReviewAsync(projectId, id, FindingColumns.Acknowledge, [("at", at.ToUnixTimeMilliseconds()), ("by", by)], cancellationToken);
    }

    /// <inheritdoc />
    public Task<Finding?> SnoozeFindingAsync(string projectId, Guid id, DateTimeOffset? until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return until is { } end
            ? ReviewAsync(projectId, id, FindingColumns.Snooze, [("until", end.ToUnixTimeMilliseconds())], cancellationToken)
            : ReviewAsync(projectId, id, FindingColumns.Unsnooze, [], cancellationToken);
    }

    /// <inheritdoc />
    public Task<Finding?> ReopenFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return ReviewAsync(projectId, id, FindingColumns.Reopen, [], cancellationToken);
    }

    private async Task<Finding?> ReviewAsync(string projectId, Guid id, string sql, (string Name, object? Value)[] values, CancellationToken cancellationToken)
    {
        ThrowIfNotUsable();
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await FindingTable.ReviewAsync(connection, sql, projectId, id, values, cancellationToken).ConfigureAwait(false);
                var finding = await FindingTable.FindAsync(connection, projectId, id, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return finding;
            }
        }
    }
}
