using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>The spend of a group as the dashboard shows it (money through <see cref="UsdText"/>, like the CLI).</summary>
internal static class MoneyText
{
    /// <summary>Spend of a group, but "unpriced" when all of its events are unpriced: never a silent $0.00.</summary>
    public static string Spend(long nanoUsd, long unpricedEvents) =>
        nanoUsd == 0 && unpricedEvents > 0 ? "unpriced" : UsdText.FormatNano(nanoUsd);
}
