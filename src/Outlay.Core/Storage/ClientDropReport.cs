namespace Outlay.Core.Storage;

/// <summary>
/// Events an SDK had to drop before they reached the server, reported on its next successful send
/// (the optional <c>dropped</c> object of a <c>POST /v1/events</c> body).
/// </summary>
public sealed record ClientDropReport(long QueueFull, long RejectedByServer, long SendFailed);
