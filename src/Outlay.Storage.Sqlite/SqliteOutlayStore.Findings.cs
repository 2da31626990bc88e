using Outlay.Core.Findings;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>Findings and their review (acknowledge, snooze, reopen).</summary>
public sealed partial class SqliteOutlayStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// A field is empty or too long (fingerprint and subject 512, summary 300, detail 2,000, place parts, expected and
    /// observed 512 characters), or the kind is not one of <see cref="FindingKinds"/>.
    /// </exception>
    public Task<FindingRecordResult> RecordFindingAsync(FindingObservation observation, CancellationToken cancellationToken = default)
    {
        FindingColumns.Validate(observation);
        return WriteAsync(
            () =>
            {
                // The finding and its deliveries commit together: a crash between them cannot lose a notification.
                using var transaction = _writer.BeginTransaction();
                var (id, created) = FindingTable.Upsert(_writer, transaction, observation);
                var notified = false;
                if (created && observation.Severity >= FindingSeverity.Warning && !FindingTable.IsSnoozed(_writer, transaction, observation))
                {
                    notified = AlertDeliveryTable.AddForFinding(_writer, transaction, observation.ProjectId, id, observation.At) > 0;
                    if (notified)
                    {
                        FindingTable.MarkNotified(_writer, transaction, id);
                    }
                }

                var finding = FindingTable.Find(_writer, transaction, observation.ProjectId, id)!;
                transaction.Commit();
                return new FindingRecordResult(finding, created, notified);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The query's limit is outside 1–1000.</exception>
    public async Task<IReadOnlyList<Finding>> ListFindingsAsync(string projectId, FindingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, FindingQuery.MaxLimit, nameof(query));
        return await ReadAsync(c => FindingTable.List(c, projectId, query), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Finding?> GetFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return ReadAsync(c => FindingTable.Find(c, null, projectId, id), cancellationToken);
    }

    /// <inheritdoc />
    public Task<Finding?> AcknowledgeFindingAsync(string projectId, Guid id, string? by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return ReviewAsync(projectId, id, FindingColumns.Acknowledge, cancellationToken, ("at", UnixMilliseconds.From(at)), ("by", by));
    }

    /// <inheritdoc />
    public Task<Finding?> SnoozeFindingAsync(string projectId, Guid id, DateTimeOffset? until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return until is { } end
            ? ReviewAsync(projectId, id, FindingColumns.Snooze, cancellationToken, ("until", UnixMilliseconds.From(end)))
            : ReviewAsync(projectId, id, FindingColumns.Unsnooze, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Finding?> ReopenFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return ReviewAsync(projectId, id, FindingColumns.Reopen, cancellationToken);
    }

    private Task<Finding?> ReviewAsync(string projectId, Guid id, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] values) =>
        WriteAsync(
            () =>
            {
                using var transaction = _writer.BeginTransaction();
                FindingTable.Review(_writer, transaction, sql, projectId, id, values);
                var finding = FindingTable.Find(_writer, transaction, projectId, id);
                transaction.Commit();
                return finding;
            },
            cancellationToken);
}
