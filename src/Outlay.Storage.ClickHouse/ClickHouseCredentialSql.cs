namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Credential places computed from the event log: each event's current version (grouped by id, time and place, kept
/// when its signs sum above zero) counted per place with exact first and last seen. MIN and MAX cannot be taken back
/// by a cancel row, so places are read from the events rather than kept in a rollup; a place list is one project's
/// events with a key label, which the primary key (project first) narrows.
/// </summary>
internal static class ClickHouseCredentialSql
{
    /// <summary>SELECT project_id, key_label, service, environment, instance, model, first_seen_ms, last_seen_ms, events with <paramref name="where"/> on the log.</summary>
    public static string PlacesSelect(string where) => $"""
        SELECT project_id, key_label_k AS key_label, service_k AS service, environment_k AS environment, instance_k AS instance,
            model_k AS model, min(occurred_ms) AS first_seen_ms, max(occurred_ms) AS last_seen_ms, toInt64(count()) AS events
        FROM (
            SELECT project_id, id, occurred_ms, ifNull(key_label, '') AS key_label_k, ifNull(service, '') AS service_k,
                ifNull(environment, '') AS environment_k, ifNull(instance, '') AS instance_k, model AS model_k
            FROM events_log
            WHERE ({where}) AND ifNull(key_label, '') != ''
            GROUP BY project_id, id, occurred_ms, key_label_k, service_k, environment_k, instance_k, model_k
            HAVING sum(sign) > 0)
        GROUP BY project_id, key_label_k, service_k, environment_k, instance_k, model_k
        """;
}
