namespace Outlay.Sdk.Extensions.AI;

/// <summary>The v1 <c>status</c> values the middleware reports.</summary>
internal static class CallStatus
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Cancelled = "cancelled";

    /// <summary>Cancelled when the caller's token caused the exception; anything else (timeouts included) is an error.</summary>
    public static string Of(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested ? Cancelled : Error;
}
