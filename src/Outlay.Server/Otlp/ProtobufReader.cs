using System.Buffers.Binary;

namespace Outlay.Server.Otlp;

/// <summary>
/// A bounded reader of the protobuf wire format over one message's bytes: varints (at most 10 bytes), fixed32/64 and
/// length-delimited fields whose length must fit in what is left. Groups (deprecated) are refused. Every failure is an
/// <see cref="OtlpFormatException"/>; nothing reads past the span it was given.
/// </summary>
internal ref struct ProtobufReader
{
    public const int WireVarint = 0;
    public const int WireFixed64 = 1;
    public const int WireLengthDelimited = 2;
    public const int WireFixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtobufReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next field's tag.</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field is 0 or > 536_870_911)
        {
            throw new OtlpFormatException("protobuf: invalid field number.");
        }

        return ((int)field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new OtlpFormatException("protobuf: truncated varint.");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new OtlpFormatException("protobuf: varint longer than 10 bytes.");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new OtlpFormatException("protobuf: a length-delimited field runs past its message.");
        }

        return Take((int)length);
    }

    /// <summary>Reads the value of a field with <paramref name="wireType"/>, checking it has the expected wire type.</summary>
    public ReadOnlySpan<byte> ReadBytes(int wireType) =>
        wireType == WireLengthDelimited ? ReadLengthDelimited() : throw WrongType();

    public ulong ReadVarint(int wireType) => wireType == WireVarint ? ReadVarint() : throw WrongType();

    public ulong ReadFixed64(int wireType) => wireType == WireFixed64 ? ReadFixed64() : throw WrongType();

    /// <summary>Skips a field the decoder does not need (unknown fields included).</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint:
                ReadVarint();
                break;
            case WireFixed64:
                Take(8);
                break;
            case WireLengthDelimited:
                ReadLengthDelimited();
                break;
            case WireFixed32:
                Take(4);
                break;
            default:
                throw new OtlpFormatException("protobuf: unsupported wire type.");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new OtlpFormatException("protobuf: truncated field.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static OtlpFormatException WrongType() => new("protobuf: a known field has the wrong wire type.");
}
