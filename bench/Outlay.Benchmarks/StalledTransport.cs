using Outlay.Sdk.Internal;

namespace Outlay.Benchmarks;

/// <summary>
/// Holds the client's delivery loop in its first send until disposed, so the benchmark alone drains the
/// queue and measures the enqueue path, not serialisation racing it (or a full queue's drop path).
/// </summary>
internal sealed class StalledTransport : EventTransport
{
    private readonly TaskCompletionSource<TransportResponse> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken) =>
        _release.Task.WaitAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        _release.TrySetResult(new TransportResponse(200, null, ReadOnlyMemory<byte>.Empty));
        base.Dispose(disposing);
    }
}
