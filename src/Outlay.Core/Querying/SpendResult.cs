namespace Outlay.Core.Querying;

/// <summary>The answer to a <see cref="SpendQuery"/>; the total equals the sum of the rows to the nano-dollar.</summary>
public sealed record SpendResult(IReadOnlyList<SpendRow> Rows, long TotalCostNanoUsd, long UnpricedEvents);
