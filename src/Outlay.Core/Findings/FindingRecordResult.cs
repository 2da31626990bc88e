namespace Outlay.Core.Findings;

/// <summary>What recording an observation did.</summary>
/// <param name="Finding">The finding as now stored.</param>
/// <param name="Created">True when the observation made a new finding; false when it was another occurrence of one.</param>
/// <param name="Notified">
/// True when this call queued deliveries to the project's alert channels: only for a new finding of severity warning or
/// above whose kind and subject are not snoozed.
/// </param>
public sealed record FindingRecordResult(Finding Finding, bool Created, bool Notified);
