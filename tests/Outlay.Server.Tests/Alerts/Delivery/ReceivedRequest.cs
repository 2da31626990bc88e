namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>One request a <see cref="WebhookReceiver"/> saw.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
