using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>Commands reused on the writer whose parameters exist once, in a fixed order, so each run only sets values by position.</summary>
internal static class PositionalCommand
{
    /// <param name="connection">The connection the command runs on.</param>
    /// <param name="sql">The statement.</param>
    /// <param name="parameterNames">Its parameters, in the order their values are set.</param>
    public static SqliteCommand Create(SqliteConnection connection, string sql, string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
