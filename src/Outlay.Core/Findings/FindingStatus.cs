namespace Outlay.Core.Findings;

/// <summary>Where a finding is in its review. A snooze is separate (<see cref="Finding.SnoozedUntil"/>).</summary>
public enum FindingStatus
{
    /// <summary>Not yet looked at.</summary>
    Open = 0,

    /// <summary>Someone has looked at it; new occurrences still count but do not notify again.</summary>
    Acknowledged = 1,
}
