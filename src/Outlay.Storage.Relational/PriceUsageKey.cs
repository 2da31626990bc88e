namespace Outlay.Storage.Relational;

/// <summary>One row of <c>price_usage_hourly</c> within a project; <see cref="PriceId"/> is '' for unpriced events.</summary>
internal readonly record struct PriceUsageKey(long Hour, string Provider, string Model, string PriceId);
