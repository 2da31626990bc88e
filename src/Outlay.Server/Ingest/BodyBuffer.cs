using System.Buffers;

namespace Outlay.Server.Ingest;

/// <summary>A request body read into a pooled array; cleared when returned because it may hold a refused secret.</summary>
internal sealed class BodyBuffer : IDisposable
{
    private byte[]? _array;

    public BodyBuffer(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(BodyBuffer))).AsMemory(0, Length);

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array, clearArray: true);
        }
    }
}
