namespace Outlay.Server.Dashboard.Charts;

/// <summary>A y axis of "nice" money ticks (1, 2 or 5 × a power of ten nano-dollars) from zero to at least the largest value.</summary>
internal sealed record MoneyAxis(long Step, int TickCount)
{
    /// <summary>The axis top: the last tick, always ≥ the largest value (and &gt; 0).</summary>
    public long Max => Step * TickCount;

    /// <summary>About <paramref name="targetTicks"/> ticks (default 4, at most one more) above zero covering <paramref name="maxValue"/>.</summary>
    public static MoneyAxis For(long maxValue, int targetTicks = 4)
    {
        if (maxValue <= 0)
        {
            // An empty chart still gets a sensible scale: one cent.
            return new MoneyAxis(10_000_000 / targetTicks, targetTicks);
        }

        var rough = Math.Max(1, maxValue / targetTicks);
        long power = 1;
        while (power <= rough / 10 && power * 10 <= rough)
        {
            power *= 10;
        }

        long step = power;
        foreach (var multiple in new long[] { 1, 2, 5, 10 })
        {
            step = power * multiple;
            if (step * (targetTicks + 1) >= maxValue)
            {
                break;
            }
        }

        var ticks = (int)((maxValue + step - 1) / step);
        return new MoneyAxis(step, Math.Max(1, ticks));
    }
}
