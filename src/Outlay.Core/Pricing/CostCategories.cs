namespace Outlay.Core.Pricing;

/// <summary>Names of the disjoint token buckets a cost is made of.</summary>
public static class CostCategories
{
    public const string Input = "input";
    public const string CacheRead = "cache_read";
    public const string CacheWrite5m = "cache_write_5m";
    public const string CacheWrite1h = "cache_write_1h";
    public const string Output = "output";
    public const string Reasoning = "reasoning";
}
