using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>projects</c>.</summary>
internal static class ProjectTable
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Returns the project named <paramref name="name"/>, inserting it first when absent. Call under the write lock.</summary>
    public static ProjectRecord Ensure(SqliteConnection writer, string name, DateTimeOffset now)
    {
        var existing = Find(writer, "name", name);
        if (existing is not null)
        {
            return existing;
        }

        // 12 base32 characters: 60 random bits, short enough to read, far from colliding at project counts.
        var project = new ProjectRecord("p" + RandomNumberGenerator.GetString(IdAlphabet, 12), name, UnixMilliseconds.ToInstant(UnixMilliseconds.From(now)));
        using var insert = writer.CreateCommand();
        insert.CommandText = "INSERT INTO projects (id, name, created_ms) VALUES ($id, $name, $created);";
        insert.Parameters.AddWithValue("$id", project.Id);
        insert.Parameters.AddWithValue("$name", project.Name);
        insert.Parameters.AddWithValue("$created", UnixMilliseconds.From(project.CreatedAt));
        insert.ExecuteNonQuery();
        return project;
    }

    /// <summary>Every project, oldest first (then by id, so equal creation times keep one order).</summary>
    public static IReadOnlyList<ProjectRecord> List(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created_ms FROM projects ORDER BY created_ms, id;";
        using var reader = command.ExecuteReader();
        var projects = new List<ProjectRecord>();
        while (reader.Read())
        {
            projects.Add(new ProjectRecord(reader.GetString(0), reader.GetString(1), UnixMilliseconds.ToInstant(reader.GetInt64(2))));
        }

        return projects;
    }

    /// <summary>Finds a project by <c>id</c> or <c>name</c> (a constant column name chosen by this assembly).</summary>
    public static ProjectRecord? Find(SqliteConnection connection, string column, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = column switch
        {
            "id" => "SELECT id, name, created_ms FROM projects WHERE id = $value;",
            "name" => "SELECT id, name, created_ms FROM projects WHERE name = $value;",
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        command.Parameters.AddWithValue("$value", value);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ProjectRecord(reader.GetString(0), reader.GetString(1), UnixMilliseconds.ToInstant(reader.GetInt64(2)))
            : null;
    }
}
