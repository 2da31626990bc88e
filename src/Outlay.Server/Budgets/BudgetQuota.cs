using System.Globalization;

namespace Outlay.Server.Budgets;

/// <summary>How many budgets a project may have, checked the same way by the API and the dashboard.</summary>
internal static class BudgetQuota
{
    /// <summary>Most budgets per project: 200, so listing and evaluating them (every alert check) stays cheap.</summary>
    public const int MaxPerProject = 200;

    /// <summary>Why one more budget cannot be added to a project that has <paramref name="existing"/>, or null when it can.</summary>
    public static string? RefusalFor(int existing) => existing < MaxPerProject
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"a project may have at most {MaxPerProject} budgets; delete one first.");
}
