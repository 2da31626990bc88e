using System.Globalization;

namespace Outlay.Server.Alerts;

/// <summary>How many channels a project may have, checked the same way by the API and the dashboard.</summary>
internal static class AlertChannelQuota
{
    /// <summary>Most channels per project: 20, so one alert fans out to a bounded number of deliveries.</summary>
    public const int MaxPerProject = 20;

    /// <summary>Why one more channel cannot be added to a project that has <paramref name="existing"/>, or null when it can.</summary>
    public static string? RefusalFor(int existing) => existing < MaxPerProject
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"A project may have at most {MaxPerProject} alert channels; delete one first.");
}
