using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Outlay.Server.Ingest;

/// <summary>
/// Reads an ingest body within limits: Content-Length is checked before any byte is read, the raw stream is
/// counted (compressed limit), and gzip is decompressed as a stream with a hard cap on its output, so a gzip
/// bomb is refused after at most the cap plus one byte.
/// </summary>
internal static class IngestBodyReader
{
    private const int InitialBufferBytes = 16 * 1024;

    public static async Task<(BodyReadStatus Status, BodyBuffer? Body)> ReadAsync(
        HttpRequest request, long maxBodyBytes, long maxDecompressedBytes, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding;
        bool gzip;
        if (encoding.Count == 0 || IsEncoding(encoding.ToString(), "identity") || string.IsNullOrWhiteSpace(encoding.ToString()))
        {
            gzip = false;
        }
        else if (IsEncoding(encoding.ToString(), "gzip"))
        {
            gzip = true;
        }
        else
        {
            return (BodyReadStatus.UnsupportedEncoding, null);
        }

        if (request.ContentLength > maxBodyBytes)
        {
            return (BodyReadStatus.TooLarge, null);
        }

        var limited = new LengthLimitedStream(request.Body, maxBodyBytes);
        try
        {
            if (!gzip)
            {
                var body = await ReadCappedAsync(limited, maxBodyBytes, request.ContentLength, cancellationToken).ConfigureAwait(false);
                return body is null ? (BodyReadStatus.TooLarge, null) : (BodyReadStatus.Read, body);
            }

            await using var decompressed = new GZipStream(limited, CompressionMode.Decompress, leaveOpen: true);
            var inflated = await ReadCappedAsync(decompressed, maxDecompressedBytes, null, cancellationToken).ConfigureAwait(false);
            return inflated is null ? (BodyReadStatus.DecompressedTooLarge, null) : (BodyReadStatus.Read, inflated);
        }
        catch (BodyTooLargeException)
        {
            return (BodyReadStatus.TooLarge, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (BodyReadStatus.TooLarge, null);
        }
        catch (InvalidDataException)
        {
            return (BodyReadStatus.InvalidGzip, null);
        }
    }

    private static bool IsEncoding(string header, string name) =>
        string.Equals(header.Trim(), name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the whole stream into a pooled buffer; null when it holds more than <paramref name="cap"/> bytes.</summary>
    private static async Task<BodyBuffer?> ReadCappedAsync(Stream source, long cap, long? expectedLength, CancellationToken cancellationToken)
    {
        var initial = (int)Math.Min(cap + 1, Math.Max(InitialBufferBytes, (expectedLength ?? 0) + 1));
        var buffer = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap + 1));
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = grown;
                }

                var read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var body = new BodyBuffer(buffer, length);
                    buffer = null;
                    return body;
                }

                length += read;
                if (length > cap)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }
}
