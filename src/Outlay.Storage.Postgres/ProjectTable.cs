using System.Security.Cryptography;
using Npgsql;
using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>projects</c>.</summary>
internal static class ProjectTable
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Returns the project named <paramref name="name"/>, inserting it first when absent (safe when processes race).</summary>
    public static async Task<ProjectRecord> EnsureAsync(NpgsqlDataSource dataSource, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(dataSource, "name", name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        // 12 base32 characters: 60 random bits, the same id shape as the SQLite store.
        var id = "p" + RandomNumberGenerator.GetString(IdAlphabet, 12);
        await using (var insert = dataSource.CreateCommand("INSERT INTO projects (id, name, created_ms) VALUES (@id, @name, @created) ON CONFLICT (name) DO NOTHING;"))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("created", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Whoever won the race, the row is there now.
        return await FindAsync(dataSource, "name", name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The project could not be stored.");
    }

    /// <summary>Every project, oldest first (then by id, so equal creation times keep one order).</summary>
    public static async Task<IReadOnlyList<ProjectRecord>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, created_ms FROM projects ORDER BY created_ms, id;");
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var projects = new List<ProjectRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                projects.Add(new ProjectRecord(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return projects;
        }
    }

    /// <summary>Finds a project by <c>id</c> or <c>name</c> (a constant column name chosen by this assembly).</summary>
    public static async Task<ProjectRecord?> FindAsync(NpgsqlDataSource dataSource, string column, string value, CancellationToken cancellationToken)
    {
        var sql = column switch
        {
            "id" => "SELECT id, name, created_ms FROM projects WHERE id = @value;",
            "name" => "SELECT id, name, created_ms FROM projects WHERE name = @value;",
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("value", value);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new ProjectRecord(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
                : null;
        }
    }
}
