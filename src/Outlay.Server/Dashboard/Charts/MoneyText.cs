using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>Money and counts on the dashboard, always through <see cref="UsdText"/> so pages read like the CLI.</summary>
internal static class MoneyText
{
    public static string Nano(long nanoUsd) => UsdText.FormatNano(nanoUsd);

    public static string Usd(decimal usd) => UsdText.Format(usd);

    public static string Count(long count) => UsdText.Tokens(count);

    /// <summary>Spend of a group, but "unpriced" when all of its events are unpriced: never a silent $0.00.</summary>
    public static string Spend(long nanoUsd, long unpricedEvents) =>
        nanoUsd == 0 && unpricedEvents > 0 ? "unpriced" : UsdText.FormatNano(nanoUsd);
}
