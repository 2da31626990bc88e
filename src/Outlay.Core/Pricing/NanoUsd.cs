namespace Outlay.Core.Pricing;

/// <summary>Conversions between integer nano-dollars (how money is stored) and <see cref="decimal"/> USD.</summary>
public static class NanoUsd
{
    public const long PerUsd = 1_000_000_000L;

    /// <summary>USD to nano-dollars, rounding half away from zero at the ninth decimal.</summary>
    public static long FromUsd(decimal usd) =>
        checked((long)decimal.Round(usd * PerUsd, 0, MidpointRounding.AwayFromZero));

    /// <summary>Nano-dollars to exact USD.</summary>
    public static decimal ToUsd(long nanoUsd) => nanoUsd / (decimal)PerUsd;
}
