using Microsoft.Data.Sqlite;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>Reads <c>price_usage_hourly</c>: one row per (provider, model, price entry) over whole UTC hours.</summary>
internal static class PriceUsageQuery
{
    // Ties on cost are broken by model, provider and price id so the order is stable.
    private const string Sql = """
        SELECT provider, model, price_id, SUM(events), SUM(unpriced_events), SUM(cost_nano) AS cost,
            SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens),
            SUM(cache_write_tokens) + SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM price_usage_hourly
        WHERE project_id = $project AND hour >= $from AND hour < $to
        GROUP BY provider, model, price_id
        ORDER BY cost DESC, model, provider, price_id;
        """;

    public static async Task<IReadOnlyList<PriceUsageRow>> RunAsync(
        SqliteConnection connection, string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$from", HourAlignment.Floor(from).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$to", HourAlignment.Ceiling(to).ToUnixTimeSeconds());
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await PriceUsageRowReader.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        }
    }
}
