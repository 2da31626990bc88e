namespace Outlay.Core.Pricing;

/// <summary>The converted entries of a LiteLLM file and the key collisions resolved on the way.</summary>
internal sealed record LiteLlmImport(IReadOnlyList<PriceEntry> Entries, IReadOnlyList<string> Conflicts);
