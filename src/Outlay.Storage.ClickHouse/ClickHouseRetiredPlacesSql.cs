using System.Globalization;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Credential places over the live log and the months retention dropped: <see cref="ClickHouseCredentialSql.PlacesSelect"/>
/// on the log, plus <c>credential_places_retired</c> (each (node, day, place) counted once), merged with the first
/// seen as the minimum, the last seen as the maximum and the events summed.
/// </summary>
internal static class ClickHouseRetiredPlacesSql
{
    /// <summary>
    /// SELECT project_id, key_label, service, environment, instance, model, first_seen_ms, last_seen_ms, events with
    /// <paramref name="where"/> on both sources (it may use <c>project_id</c> and <c>key_label</c> only).
    /// </summary>
    public static string PlacesSelect(string where) => $"""
        SELECT project_id, key_label, service, environment, instance, model, min(f_ms) AS first_seen_ms, max(l_ms) AS last_seen_ms,
            toInt64(sum(n)) AS events
        FROM (
            SELECT project_id, key_label, service, environment, instance, model, first_seen_ms AS f_ms, last_seen_ms AS l_ms, events AS n
            FROM ({ClickHouseCredentialSql.PlacesSelect(where)})
            UNION ALL
            SELECT project_id, key_label, service, environment, instance, model, min(first_ms) AS f_ms, max(last_ms) AS l_ms, max(n_events) AS n
            FROM credential_places_retired
            WHERE {where}
            GROUP BY project_id, node, day, key_label, service, environment, instance, model)
        GROUP BY project_id, key_label, service, environment, instance, model
        """;

    /// <summary>
    /// INSERT … SELECT of the places of one UTC <paramref name="day"/> from <paramref name="logTable"/> (a node's local log,
    /// a constant name) into <paramref name="retiredTable"/>, tagged with <paramref name="node"/>. A day at a time, so
    /// the per-event grouping (needed for exact first and last seen before merges) holds one day of events in memory.
    /// </summary>
    public static string SnapshotDay(string retiredTable, string logTable, string node, DateOnly day) => $"""
        INSERT INTO {retiredTable} (project_id, node, day, key_label, service, environment, instance, model, first_ms, last_ms, n_events)
        SELECT project_id, {ClickHouseSql.Quote(node)}, toUInt32({ClickHouseSql.Number((day.Year * 10_000) + (day.Month * 100) + day.Day)}), key_label_k, service_k,
            environment_k, instance_k, model_k, min(occurred_ms), max(occurred_ms), toInt64(count())
        FROM (
            SELECT project_id, id, occurred_ms, ifNull(key_label, '') AS key_label_k, ifNull(service, '') AS service_k,
                ifNull(environment, '') AS environment_k, ifNull(instance, '') AS instance_k, model AS model_k
            FROM {logTable}
            WHERE occurred_date = toDate({ClickHouseSql.Quote(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}) AND ifNull(key_label, '') != ''
            GROUP BY project_id, id, occurred_ms, key_label_k, service_k, environment_k, instance_k, model_k
            HAVING sum(sign) > 0)
        GROUP BY project_id, key_label_k, service_k, environment_k, instance_k, model_k
        """;
}
