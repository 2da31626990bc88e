using System.Text.Json.Serialization;

namespace Outlay.Sdk.Budgets;

/// <summary>The body of <c>GET /api/v1/budgets/status</c>.</summary>
internal sealed class BudgetStatusResponseDto
{
    [JsonPropertyName("as_of")]
    public DateTimeOffset? AsOf { get; set; }

    [JsonPropertyName("budgets")]
    public List<BudgetStatusItemDto>? Budgets { get; set; }
}
