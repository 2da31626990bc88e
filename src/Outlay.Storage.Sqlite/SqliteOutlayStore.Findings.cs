using Outlay.Core.Findings;

namespace Outlay.Storage.Sqlite;

// PENDING (issue 6, findings storage): replaced by the real implementation this session.
public sealed partial class SqliteOutlayStore
{
    /// <inheritdoc />
    public Task<FindingRecordResult> RecordFindingAsync(FindingObservation observation, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<Finding>> ListFindingsAsync(string projectId, FindingQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<Finding?> GetFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<Finding?> AcknowledgeFindingAsync(string projectId, Guid id, string? by, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<Finding?> SnoozeFindingAsync(string projectId, Guid id, DateTimeOffset? until, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<Finding?> ReopenFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
