namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>A clock that reads a set instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
