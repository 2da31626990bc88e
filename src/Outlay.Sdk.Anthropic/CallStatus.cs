namespace Outlay.Sdk.Anthropic;

/// <summary>The v1 <c>status</c> values this package reports.</summary>
internal static class CallStatus
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}
