using System.Text.Json.Serialization;

namespace Outlay.Server.Health;

/// <summary>The answer of <c>GET /healthz</c>.</summary>
internal sealed record HealthResponse([property: JsonPropertyName("status")] string Status);
