namespace Outlay.Sdk;

/// <summary>A snapshot of an <see cref="OutlayClient"/>'s counters since it was created.</summary>
/// <param name="Enqueued">Events accepted into the queue by <see cref="OutlayClient.Track"/>.</param>
/// <param name="Delivered">Events the server acknowledged (stored or recognised as duplicates).</param>
/// <param name="DroppedQueueFull">Events refused by <see cref="OutlayClient.Track"/> because the queue was full.</param>
/// <param name="DroppedRejected">Events the server refused (400, 413, 401/403, or per-event rejections in a 200 response); not retried.</param>
/// <param name="DroppedSendFailed">Events given up on after <see cref="OutlayClientOptions.MaxRetryDuration"/>, or still queued when the client stopped.</param>
/// <param name="Pending">Events queued or in flight, not yet delivered or dropped.</param>
/// <param name="DroppedInvalid">Events refused by <see cref="OutlayClient.Track"/> because they were null, lacked a provider or model, or failed unexpectedly.</param>
public readonly record struct OutlayClientStatistics(
    long Enqueued,
    long Delivered,
    long DroppedQueueFull,
    long DroppedRejected,
    long DroppedSendFailed,
    long Pending,
    long DroppedInvalid);
