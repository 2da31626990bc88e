namespace Outlay.Server.Findings;

/// <summary>A snooze request that cannot be honoured; the message names what to send instead and never echoes the input.</summary>
internal sealed class FindingSnoozeException(string message) : Exception(message);
