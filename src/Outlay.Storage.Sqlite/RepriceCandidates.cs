using Microsoft.Data.Sqlite;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Finds the events a re-pricing selects, a page at a time in primary-key order, on a read-only connection: the scan
/// never holds the write lock, so ingest keeps running while a large range is searched.
/// </summary>
internal static class RepriceCandidates
{
    /// <summary>
    /// Up to <see cref="RepriceRequest.BatchSize"/> (project, id) pairs after (<paramref name="afterProject"/>,
    /// <paramref name="afterId"/>) that match <paramref name="request"/>; null starts at the beginning.
    /// </summary>
    public static async Task<List<(string ProjectId, string Id)>> NextPageAsync(
        SqliteConnection reader, RepriceRequest request, string? afterProject, string? afterId, CancellationToken cancellationToken)
    {
        using var command = reader.CreateCommand();
        var where = new List<string> { "ts_ms >= $from", "ts_ms < $to" };
        if (request.ProjectId is not null)
        {
            where.Add("project_id = $project");
            command.Parameters.AddWithValue("$project", request.ProjectId);
            if (afterId is not null)
            {
                where.Add("id > $after_id");
            }
        }
        else if (afterProject is not null)
        {
            where.Add("(project_id, id) > ($after_project, $after_id)");
            command.Parameters.AddWithValue("$after_project", afterProject);
        }

        if (afterId is not null)
        {
            command.Parameters.AddWithValue("$after_id", afterId);
        }

        if (request.Provider is not null)
        {
            where.Add("provider = $provider");
            command.Parameters.AddWithValue("$provider", request.Provider);
        }

        if (request.Model is not null)
        {
            where.Add("model = $model");
            command.Parameters.AddWithValue("$model", request.Model);
        }

        command.Parameters.AddWithValue("$from", UnixMilliseconds.From(request.From));
        command.Parameters.AddWithValue("$to", UnixMilliseconds.From(request.To));
        command.Parameters.AddWithValue("$limit", RepriceRequest.BatchSize);
        command.CommandText = "SELECT project_id, id FROM events WHERE " + string.Join(" AND ", where) + " ORDER BY project_id, id LIMIT $limit;";
        var page = new List<(string, string)>();
        var sqliteReader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (sqliteReader.ConfigureAwait(false))
        {
            while (await sqliteReader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add((sqliteReader.GetString(0), sqliteReader.GetString(1)));
            }
        }

        return page;
    }
}
