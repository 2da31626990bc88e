using Outlay.Core.Keys;

namespace Outlay.Server.Auth;

/// <summary>Endpoint metadata naming the key kinds an endpoint accepts; the OpenAPI document reads it.</summary>
internal sealed record KeyRequirement(IReadOnlyList<ApiKeyKind> Kinds);
