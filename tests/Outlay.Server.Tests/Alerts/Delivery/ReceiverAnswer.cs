namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>What a <see cref="WebhookReceiver"/> answers.</summary>
internal sealed record ReceiverAnswer(int Status, string Body = "", string? Location = null);
