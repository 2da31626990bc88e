namespace Outlay.Core.Pricing;

/// <summary>
/// One full set of rates, in USD per one million tokens (exact decimals).
/// A null optional rate means the catalog has no separate price for that bucket; see <see cref="CostCalculator"/>
/// for the fallbacks (cache read/write → input, 1h write → 5m write → input, reasoning → output).
/// </summary>
/// <param name="Input">Uncached input tokens.</param>
/// <param name="Output">Output tokens (reasoning included unless <paramref name="Reasoning"/> is set).</param>
/// <param name="CacheRead">Cache hits; null = input rate.</param>
/// <param name="CacheWrite5m">5-minute (default) cache writes; null = input rate.</param>
/// <param name="CacheWrite1h">1-hour cache writes; null = the 5-minute write rate.</param>
/// <param name="Reasoning">Reasoning tokens; null = reasoning is billed inside output at the output rate.</param>
public sealed record PriceRates(
    decimal Input,
    decimal Output,
    decimal? CacheRead = null,
    decimal? CacheWrite5m = null,
    decimal? CacheWrite1h = null,
    decimal? Reasoning = null);
