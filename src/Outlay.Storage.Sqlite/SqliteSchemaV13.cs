namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 13: <c>rollup_journal</c>, the events whose rollup sums are still held by the writer (see
/// <see cref="DeferredRollups"/>). Each row is one append's new event ids of one project; a row is deleted in the same
/// transaction that writes those events' sums into the rollups.
/// </summary>
internal static class SqliteSchemaV13
{
    // AUTOINCREMENT: a seq is never reused once the table empties, so a writer's remembered seqs cannot name another
    // writer's later rows (see DeferredRollups.IsJournal). Rows are few (one per append since the last fold).
    public const string Script = """
        CREATE TABLE rollup_journal (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id  TEXT NOT NULL,
            event_ids   BLOB NOT NULL
        );
        """;
}
