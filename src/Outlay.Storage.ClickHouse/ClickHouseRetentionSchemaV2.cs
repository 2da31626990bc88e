namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Schema version 2, for raw-event retention: <c>credential_places_retired</c> keeps the credential places of each
/// day of the months whose log partitions retention dropped (places are read from the log, and a dropped month would otherwise take
/// its first-seen times and counts with it), and the <c>credential_places</c> view is rebuilt to include them.
/// </summary>
internal static class ClickHouseRetentionSchemaV2
{
    /// <summary>The statements of version 2, run in order on every node; each is idempotent.</summary>
    public static IReadOnlyList<string> Statements(string database, string? cluster)
    {
        var local = cluster is null ? string.Empty : "_local";

        // One row per (node, day, place): a day kept again after an interrupted run is an identical row, which readers
        // collapse with max() per (node, day, place). Column names differ from the view's so an alias never
        // shadows a column (ClickHouse rejects that in aggregates).
        var statements = new List<string>
        {
            $"""
            CREATE TABLE IF NOT EXISTS credential_places_retired{local} (project_id String, node String, day UInt32, key_label String,
                service String, environment String, instance String, model String, first_ms Int64, last_ms Int64, n_events Int64)
            ENGINE = ReplacingMergeTree ORDER BY (project_id, key_label, service, environment, instance, model, node, day)
            """,
        };
        if (cluster is not null)
        {
            // Rows are written on each node's local table directly, so the Distributed table needs no sharding key.
            statements.Add($"CREATE TABLE IF NOT EXISTS credential_places_retired AS credential_places_retired_local ENGINE = Distributed({cluster}, {database}, credential_places_retired_local)");
        }

        statements.Add("DROP TABLE IF EXISTS credential_places");
        statements.Add($"CREATE VIEW IF NOT EXISTS credential_places AS {ClickHouseRetiredPlacesSql.PlacesSelect("1")}");
        return statements;
    }
}
