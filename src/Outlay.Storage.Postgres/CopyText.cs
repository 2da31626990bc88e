using Npgsql;
using NpgsqlTypes;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Writes nullable text and bigint values to a binary COPY row (NULL for null). Synchronous on purpose: a value is
/// copied into Npgsql's write buffer and only a full buffer goes to the socket, so per-value awaits cost more than they save.
/// </summary>
internal static class CopyText
{
    public static void Write(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void Write(NpgsqlBinaryImporter writer, long? value)
    {
        if (value is { } number)
        {
            writer.Write(number, NpgsqlDbType.Bigint);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
