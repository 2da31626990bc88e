namespace Outlay.Server.Ingest;

/// <summary>How reading an ingest body ended.</summary>
internal enum BodyReadStatus
{
    Read,
    TooLarge,
    DecompressedTooLarge,
    UnsupportedEncoding,
    InvalidGzip,
}
