namespace Outlay.Server.Reconciliation;

/// <summary>The project's provider key mappings, by provider then ref.</summary>
internal sealed record ProviderKeyMappingListResponse(IReadOnlyList<ProviderKeyMappingItem> Mappings);
