namespace Outlay.Sdk.Internal;

/// <summary>The outcome of one send: an HTTP status (0 when no response arrived), the raw <c>Retry-After</c> header, and the body of a 200.</summary>
internal readonly record struct TransportResponse(int StatusCode, string? RetryAfter, ReadOnlyMemory<byte> Body)
{
    public static TransportResponse NoResponse => new(0, null, ReadOnlyMemory<byte>.Empty);
}
