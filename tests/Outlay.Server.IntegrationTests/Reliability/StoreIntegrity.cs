using Microsoft.Data.Sqlite;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>SQLite's own consistency check of a store file (<c>PRAGMA integrity_check</c>), read-only.</summary>
internal static class StoreIntegrity
{
    /// <summary>The check's answer: <c>ok</c> for a sound file, else the problems it found.</summary>
    public static string Check(string storePath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = storePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }
}
