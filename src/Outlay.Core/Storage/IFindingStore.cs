using Outlay.Core.Findings;

namespace Outlay.Core.Storage;

/// <summary>The part of the storage contract that keeps findings and their review (acknowledge, snooze).</summary>
public interface IFindingStore
{
    /// <summary>
    /// Records <paramref name="observation"/>: a new finding when the project has none with its fingerprint, else
    /// another occurrence of that one (occurrences + 1, last seen, latest explanation, the higher severity). When it
    /// creates a finding of severity warning or above whose kind and subject are not snoozed at
    /// <see cref="FindingObservation.At"/>, a pending alert delivery for every channel of the project is inserted in the
    /// same transaction. Concurrent callers and processes with one fingerprint create one finding and notify once.
    /// </summary>
    Task<FindingRecordResult> RecordFindingAsync(FindingObservation observation, CancellationToken cancellationToken = default);

    /// <summary>The project's findings matching <paramref name="query"/>, latest seen first.</summary>
    Task<IReadOnlyList<Finding>> ListFindingsAsync(string projectId, FindingQuery query, CancellationToken cancellationToken = default);

    /// <summary>The finding with this id in this project, or null (another project's finding is null too).</summary>
    Task<Finding?> GetFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Marks a finding acknowledged by <paramref name="by"/>; returns it, or null when the project has no such finding.</summary>
    Task<Finding?> AcknowledgeFindingAsync(string projectId, Guid id, string? by, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Snoozes the finding's kind and subject until <paramref name="until"/> (null ends a snooze): findings of that kind
    /// and subject created before then are recorded but not sent. Returns the finding, or null when the project has none.
    /// </summary>
    Task<Finding?> SnoozeFindingAsync(string projectId, Guid id, DateTimeOffset? until, CancellationToken cancellationToken = default);

    /// <summary>Returns an acknowledged finding to open; returns it, or null when the project has no such finding.</summary>
    Task<Finding?> ReopenFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default);
}
