using Npgsql;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>Reads <c>price_usage_hourly</c>: one row per (provider, model, price entry) over whole UTC hours.</summary>
internal static class PostgresPriceUsageQuery
{
    // Ties on cost are broken by model, provider and price id (byte order, COLLATE "C" columns) so the order is stable.
    private const string Sql = """
        SELECT provider, model, price_id, SUM(events)::bigint, SUM(unpriced_events)::bigint, SUM(cost_nano)::bigint AS cost,
            SUM(input_tokens)::bigint, SUM(output_tokens)::bigint, SUM(cache_read_tokens)::bigint,
            (SUM(cache_write_tokens) + SUM(cache_write_1h_tokens))::bigint, SUM(reasoning_tokens)::bigint
        FROM price_usage_hourly
        WHERE project_id = @project AND hour >= @from AND hour < @to
        GROUP BY provider, model, price_id
        ORDER BY cost DESC, model, provider, price_id;
        """;

    public static async Task<IReadOnlyList<PriceUsageRow>> RunAsync(
        NpgsqlConnection connection, string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("from", HourAlignment.Floor(from).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("to", HourAlignment.Ceiling(to).ToUnixTimeSeconds());
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await PriceUsageRowReader.ReadAsync(reader, cancellationToken).ConfigureAwait(false);
        }
    }
}
