using System.Text.Json.Serialization;

namespace Outlay.Server.Reconciliation;

/// <summary>The body of <c>PUT /api/v1/provider-key-mappings</c>; any other field is refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PutProviderKeyMappingRequest(string? Provider, string? Ref, string? KeyLabel);
