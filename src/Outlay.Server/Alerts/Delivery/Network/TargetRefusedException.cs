namespace Outlay.Server.Alerts.Delivery.Network;

/// <summary>
/// The guard refused to connect. The message names the refused address class and the address, never the URL's path
/// or query (they may carry a secret token).
/// </summary>
internal sealed class TargetRefusedException(string message) : Exception(message);
