namespace Outlay.Core.Pricing;

/// <summary>
/// A long-context price tier: when a request's total prompt tokens (cache reads and writes included) exceed
/// <see cref="ThresholdTokens"/> (or reach it, when <see cref="Inclusive"/>), the whole request is priced at
/// <see cref="Rates"/>, not only the tokens above the threshold.
/// </summary>
/// <param name="ThresholdTokens">Prompt-token threshold, e.g. 200000.</param>
/// <param name="Inclusive">True when the tier starts at the threshold itself (xAI); false (default) when above it.</param>
/// <param name="Rates">The rates for every category at this tier.</param>
public sealed record LongContextTier(long ThresholdTokens, bool Inclusive, PriceRates Rates)
{
    /// <summary>Short label used in price ids, e.g. <c>&gt;200k</c> or <c>&gt;=256k</c>.</summary>
    public string Label =>
        (Inclusive ? ">=" : ">") + (ThresholdTokens % 1000 == 0
            ? (ThresholdTokens / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "k"
            : ThresholdTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Whether a request with this many prompt tokens falls in the tier.</summary>
    public bool Applies(long promptTokens) => Inclusive ? promptTokens >= ThresholdTokens : promptTokens > ThresholdTokens;
}
