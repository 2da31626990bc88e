namespace Outlay.Server.Reconciliation;

/// <summary>One mapping as the API shows it: the provider's key (or project) id and the Outlay key label it stands for.</summary>
internal sealed record ProviderKeyMappingItem(string Provider, string Ref, string KeyLabel, DateTimeOffset CreatedAt);
