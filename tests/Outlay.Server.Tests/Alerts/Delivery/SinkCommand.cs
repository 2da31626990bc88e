namespace Outlay.Server.Tests.Alerts.Delivery;

/// <summary>One command line the SMTP sink received, and whether TLS protected it.</summary>
internal sealed record SinkCommand(string Line, bool OverTls);
