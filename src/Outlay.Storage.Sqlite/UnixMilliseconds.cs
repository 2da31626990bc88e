namespace Outlay.Storage.Sqlite;

/// <summary>Instants are stored as INTEGER Unix milliseconds (UTC); sub-millisecond precision is not kept.</summary>
internal static class UnixMilliseconds
{
    public static long From(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToInstant(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
