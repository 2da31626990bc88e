namespace Outlay.Core.Pricing;

/// <summary>An entry with its layer in a merged catalog; a higher layer (user prices) wins.</summary>
internal sealed record CatalogRow(PriceEntry Entry, int Layer);
