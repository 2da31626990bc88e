using System.Data.Common;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// A ClickHouse server refused a request. Carries the server's error code and name only: ClickHouse's own message can
/// echo the SQL, and with it user values, so it is never surfaced.
/// </summary>
public sealed class ClickHouseException : DbException
{
    /// <summary>A refusal with the server's numeric error code (0 when none was given) and what the store was doing.</summary>
    public ClickHouseException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>A failure without a server code (transport, size limit, timeout), wrapping its cause.</summary>
    public ClickHouseException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>ClickHouse's error code (e.g. 60 unknown table, 81 unknown database), or 0.</summary>
    public int Code { get; }

    /// <inheritdoc />
    public override int ErrorCode => Code;
}
