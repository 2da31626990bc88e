using Npgsql;
using NpgsqlTypes;

namespace Outlay.Storage.Postgres;

/// <summary>Writes nullable text and bigint values to a binary COPY row (NULL for null).</summary>
internal static class CopyText
{
    public static Task WriteAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null
            ? writer.WriteNullAsync(cancellationToken)
            : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    public static Task WriteAsync(NpgsqlBinaryImporter writer, long? value, CancellationToken cancellationToken) =>
        value is { } number
            ? writer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken)
            : writer.WriteNullAsync(cancellationToken);
}
