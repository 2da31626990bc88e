using System.Text.Json.Serialization;

namespace Outlay.Sdk.Budgets;

/// <summary>One item of <c>GET /api/v1/budgets/status</c>, as the server writes it. Unknown fields are ignored, so newer servers stay readable.</summary>
internal sealed class BudgetStatusItemDto
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("percentage")]
    public decimal? Percentage { get; set; }

    [JsonPropertyName("scope")]
    public List<string>? Scope { get; set; }

    [JsonPropertyName("period")]
    public string? Period { get; set; }

    [JsonPropertyName("resets_at")]
    public DateTimeOffset? ResetsAt { get; set; }
}
