namespace Outlay.Core.Findings;

/// <summary>How urgent a finding is. Alert channels receive <see cref="Warning"/> and <see cref="Critical"/> findings.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing, shown on the dashboard, not sent to alert channels.</summary>
    Info = 0,

    /// <summary>Unexpected; sent to alert channels.</summary>
    Warning = 1,

    /// <summary>Likely abuse or a leaked credential; sent to alert channels.</summary>
    Critical = 2,
}
