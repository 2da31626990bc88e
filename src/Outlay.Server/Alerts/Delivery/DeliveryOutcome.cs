namespace Outlay.Server.Alerts.Delivery;

/// <summary>How one delivery attempt ended.</summary>
/// <param name="Delivered">The target accepted it.</param>
/// <param name="Retryable">It failed in a way that may pass later (timeout, 5xx, 429); false for a refusal that will not.</param>
/// <param name="Detail">What happened, short and free of secrets: <c>HTTP 503</c>, <c>refused: private address 10.0.0.5</c>.</param>
internal sealed record DeliveryOutcome(bool Delivered, bool Retryable, string Detail)
{
    public static DeliveryOutcome Success(string detail) => new(true, false, detail);

    public static DeliveryOutcome Retry(string detail) => new(false, true, detail);

    public static DeliveryOutcome Permanent(string detail) => new(false, false, detail);
}
