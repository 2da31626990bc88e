namespace Outlay.Core.Events;

/// <summary>The <c>status</c> values of wire contract v1. A cancelled stream still costs what it used.</summary>
public static class EventStatuses
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { Ok, Error, Cancelled };
}
