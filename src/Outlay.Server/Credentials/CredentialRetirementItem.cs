using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>A key label's retirement as the API shows it.</summary>
internal sealed record CredentialRetirementItem(
    [property: JsonPropertyName("retired_at")] DateTimeOffset RetiredAt,
    [property: JsonPropertyName("replaced_by")] string? ReplacedBy,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("created_by")] string? CreatedBy);
