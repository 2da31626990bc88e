using Outlay.Core.Storage;

namespace Outlay.Core.Events;

/// <summary>
/// A parsed <c>POST /v1/events</c> body: the valid events and the refused ones, each with its index in the
/// request, and the SDK's drop report when it sent one.
/// </summary>
public sealed record EventBatch(IReadOnlyList<ParsedEvent> Events, IReadOnlyList<EventRejection> Rejections, ClientDropReport? Dropped);
