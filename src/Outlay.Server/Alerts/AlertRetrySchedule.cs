namespace Outlay.Server.Alerts;

/// <summary>
/// When a failed delivery is tried again: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then every 4 h; given up after
/// <see cref="MaxAttempts"/> attempts or once <see cref="GiveUpAfter"/> has passed since the notice was queued.
/// </summary>
internal static class AlertRetrySchedule
{
    /// <summary>Attempts before a delivery is failed for good: 8.</summary>
    public const int MaxAttempts = 8;

    /// <summary>Age after which a delivery is failed for good: 24 h.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(4),
    ];

    /// <summary>The wait after the <paramref name="failedAttempts"/>th failed attempt (1-based).</summary>
    public static TimeSpan DelayAfter(int failedAttempts) => Delays[Math.Clamp(failedAttempts, 1, Delays.Length) - 1];

    /// <summary>Whether a delivery queued at <paramref name="createdAt"/> that has failed <paramref name="attempts"/> times at <paramref name="now"/> is given up.</summary>
    public static bool GivesUp(int attempts, DateTimeOffset createdAt, DateTimeOffset now) =>
        attempts >= MaxAttempts || now - createdAt >= GiveUpAfter;
}
