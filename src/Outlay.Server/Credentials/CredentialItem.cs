using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>
/// One key label of the inventory: state (<c>active</c>, <c>retired</c>, <c>retired_in_use</c>), retirement, where it was
/// used and its spend per UTC day over the last 30 days. <c>places</c> appears only in <c>GET /api/v1/credentials/{label}</c>.
/// </summary>
internal sealed record CredentialItem(
    [property: JsonPropertyName("key_label")] string KeyLabel,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("retirement")] CredentialRetirementItem? Retirement,
    [property: JsonPropertyName("in_use_since")] DateTimeOffset? InUseSince,
    [property: JsonPropertyName("first_seen")] DateTimeOffset? FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset? LastSeen,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("services")] IReadOnlyList<CredentialSightingItem> Services,
    [property: JsonPropertyName("environments")] IReadOnlyList<CredentialSightingItem> Environments,
    [property: JsonPropertyName("instances")] IReadOnlyList<CredentialSightingItem> Instances,
    [property: JsonPropertyName("models")] IReadOnlyList<CredentialSightingItem> Models,
    [property: JsonPropertyName("daily_spend")] IReadOnlyList<CredentialDaySpendItem> DailySpend,
    [property: JsonPropertyName("places"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CredentialPlaceItem>? Places);
