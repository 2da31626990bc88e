using System.Buffers.Binary;

namespace Outlay.Sdk;

/// <summary>
/// Time-ordered UUID version 7 (RFC 9562): a 48-bit Unix millisecond timestamp, a 12-bit counter that keeps
/// ids made in the same millisecond in increasing order, and 62 random bits.
/// </summary>
public static class UuidV7
{
    // Last issued (milliseconds << 12 | counter), shared by all threads; advanced by compare-and-swap.
    private static long s_lastTicks;

    /// <summary>Returns a new UUIDv7 for the current time; ids from this process increase monotonically. Does not allocate.</summary>
    public static Guid NewGuid() => Create(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Makes a UUIDv7 for the given Unix time in milliseconds, monotonic with every id made before.</summary>
    internal static Guid Create(long unixMilliseconds)
    {
        var ticks = NextTicks(unixMilliseconds);
        Span<byte> bytes = stackalloc byte[16];
        // 48-bit timestamp then 4-bit version and the 12-bit counter (RFC 9562 §6.2 method 1).
        BinaryPrimitives.WriteInt64BigEndian(bytes, ((ticks >> 12) << 16) | 0x7000L | (ticks & 0xFFF));
        var random = Random.Shared.NextInt64();
        // Variant bits 10 in the two top bits of byte 8, then 62 random bits.
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], (random & 0x3FFF_FFFF_FFFF_FFFFL) | unchecked((long)0x8000_0000_0000_0000UL));
        return new Guid(bytes, bigEndian: true);
    }

    private static long NextTicks(long unixMilliseconds)
    {
        var candidate = (unixMilliseconds & 0xFFFF_FFFF_FFFFL) << 12;
        while (true)
        {
            var last = Volatile.Read(ref s_lastTicks);
            // Same (or an earlier, after a clock step back) millisecond: count up; an overflowing
            // counter carries into the timestamp, which stays within a few ms of the clock.
            var next = candidate > last ? candidate : last + 1;
            if (Interlocked.CompareExchange(ref s_lastTicks, next, last) == last)
            {
                return next;
            }
        }
    }
}
