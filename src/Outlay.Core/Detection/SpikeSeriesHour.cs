namespace Outlay.Core.Detection;

/// <summary>One hour of one series a spike is looked for in, e.g. the key label <c>openai-prod</c> from 09:00 UTC.</summary>
/// <param name="Dimension">What the series is of: <c>key_label</c>, <c>service</c>, <c>tag.feature</c> or <c>tag.customer</c>.</param>
/// <param name="Value">The dimension's value (never empty: unset values form no series).</param>
/// <param name="Hour">Start of the UTC hour.</param>
/// <param name="CostNanoUsd">Spend in the hour, in nano-dollars.</param>
/// <param name="Tokens">Input plus output tokens in the hour.</param>
public sealed record SpikeSeriesHour(string Dimension, string Value, DateTimeOffset Hour, long CostNanoUsd, long Tokens);
