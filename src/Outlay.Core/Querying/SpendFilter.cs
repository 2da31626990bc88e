namespace Outlay.Core.Querying;

/// <summary>Keep only rows whose <paramref name="Dimension"/> equals one of <paramref name="Values"/>.</summary>
public sealed record SpendFilter(SpendDimension Dimension, IReadOnlyList<string> Values);
