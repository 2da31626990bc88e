namespace Outlay.Core.Pricing.Generation;

/// <summary>The generated catalog text and the generator's report lines (fixes, history, disagreements, counts).</summary>
internal sealed record CatalogGenerationResult(string CatalogJson, IReadOnlyList<string> Report);
