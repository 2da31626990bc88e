using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Outlay.Storage.Postgres;

/// <summary>
/// The advisory lock key of a job name: the first 8 bytes of SHA-256("outlay-job-lock:" + name), big-endian. Stable
/// across processes, machines and .NET versions (string.GetHashCode is randomised per process and must not be used).
/// Advisory locks are scoped to one database, so two Outlay databases on one server never share a key.
/// </summary>
internal static class PostgresJobLockKey
{
    public static long For(string name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("outlay-job-lock:" + name), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
