using System.Text.Json.Serialization;

namespace Outlay.Sdk.Budgets;

/// <summary>Source-generated reader for the budget status answer: no reflection, so trimming and AOT stay clean.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(BudgetStatusResponseDto))]
internal sealed partial class BudgetJsonContext : JsonSerializerContext
{
}
