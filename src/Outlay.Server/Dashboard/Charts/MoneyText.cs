using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>Money and counts on the dashboard, always through <see cref="UsdText"/> so pages read like the CLI.</summary>
internal static class MoneyText
{
    public static string Nano(long nanoUsd) => UsdText.FormatNano(nanoUsd);

    public static string Usd(decimal usd) => UsdText.Format(usd);

    public static string Count(long count) => UsdText.Tokens(count);
}
