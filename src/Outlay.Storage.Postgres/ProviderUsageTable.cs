using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Reconciliation;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>provider_usage_daily</c> and <c>provider_key_mappings</c> (the text is shared in <see cref="ProviderUsageColumns"/>).</summary>
internal static class ProviderUsageTable
{
    // Statements per round trip: a large import is sent in batches rather than one statement at a time.
    private const int BatchSize = 500;

    /// <summary>Upserts every record in one transaction; a later record of the same key within the call wins.</summary>
    public static async Task<int> UpsertAsync(NpgsqlDataSource dataSource, string projectId, IReadOnlyList<ProviderUsageRecord> records, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var written = 0;
                foreach (var chunk in records.Chunk(BatchSize))
                {
                    var batch = new NpgsqlBatch(connection, transaction);
                    await using (batch.ConfigureAwait(false))
                    {
                        foreach (var record in chunk)
                        {
                            var command = new NpgsqlBatchCommand(ProviderUsageColumns.Upsert);
                            foreach (var (name, value) in ProviderUsageColumns.Parameters(projectId, record))
                            {
                                command.Parameters.Add(Parameter(name, value));
                            }

                            batch.BatchCommands.Add(command);
                        }

                        written += await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return written;
            }
        }
    }

    public static async Task<List<ProviderUsageRecord>> QueryAsync(NpgsqlDataSource dataSource, string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProviderUsageColumns.Select);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("to", to.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ProviderUsageRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(ProviderUsageColumns.Read(reader));
        }

        return records;
    }

    public static async Task SetMappingAsync(NpgsqlDataSource dataSource, ProviderKeyMapping mapping, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProviderKeyMappingColumns.Upsert);
        foreach (var (name, value) in ProviderKeyMappingColumns.Parameters(mapping))
        {
            command.Parameters.Add(Parameter(name, value));
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<List<ProviderKeyMapping>> ListMappingsAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProviderKeyMappingColumns.Select);
        command.Parameters.AddWithValue("project", projectId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var mappings = new List<ProviderKeyMapping>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            mappings.Add(ProviderKeyMappingColumns.Read(reader));
        }

        return mappings;
    }

    public static async Task<bool> DeleteMappingAsync(NpgsqlDataSource dataSource, string projectId, string provider, string providerRef, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ProviderKeyMappingColumns.Delete);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("ref", providerRef);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    // Typed parameters: a NULL count or cost still has a type, and a bool is a boolean.
    private static NpgsqlParameter Parameter(string name, object value) => value switch
    {
        long number => new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = number },
        bool flag => new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = flag },
        string text => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = text },
        _ => new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = DBNull.Value },
    };
}
