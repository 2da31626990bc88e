using System.IO.Compression;
using System.Text;

namespace Outlay.Server.Tests.HostileInput;

/// <summary>gzip helpers for hostile cases: plain members, bombs, and several members back to back.</summary>
internal static class GzipBodies
{
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// A valid-looking envelope opening, then <paramref name="inflatedBytes"/> of spaces: small on the wire, past any
    /// sane decompressed limit once inflated. Written in chunks so the test never holds the inflated form.
    /// </summary>
    public static byte[] Bomb(string opening, long inflatedBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(opening));
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (long written = 0; written < inflatedBytes; written += spaces.Length)
            {
                gzip.Write(spaces);
            }
        }

        return output.ToArray();
    }

    /// <summary>The body split at <paramref name="at"/> into two gzip members sent back to back (RFC 1952 allows it).</summary>
    public static byte[] TwoMembers(ReadOnlySpan<byte> data, int at) => [.. Compress(data[..at]), .. Compress(data[at..])];
}
