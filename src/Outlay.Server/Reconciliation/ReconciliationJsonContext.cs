using System.Text.Json.Serialization;

namespace Outlay.Server.Reconciliation;

/// <summary>Source-generated JSON of the reconciliation API (snake_case names, no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProviderKeyMappingListResponse))]
[JsonSerializable(typeof(ProviderKeyMappingItem))]
[JsonSerializable(typeof(PutProviderKeyMappingRequest))]
[JsonSerializable(typeof(UsageImportResponse))]
[JsonSerializable(typeof(ReconciliationReportResponse))]
internal sealed partial class ReconciliationJsonContext : JsonSerializerContext;
