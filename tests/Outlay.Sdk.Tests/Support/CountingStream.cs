namespace Outlay.Sdk.Tests.Support;

/// <summary>A read-only stream of <see cref="Length"/> spaces that counts how many bytes were read from it.</summary>
internal sealed class CountingStream : Stream
{
    private readonly long _length;
    private long _read;

    public CountingStream(long length)
    {
        _length = length;
    }

    public long BytesRead => Interlocked.Read(ref _read);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, _length - BytesRead);
        buffer.AsSpan(offset, n).Fill((byte)' ');
        Interlocked.Add(ref _read, n);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
