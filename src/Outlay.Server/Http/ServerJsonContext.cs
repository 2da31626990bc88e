using System.Text.Json.Serialization;
using Outlay.Server.Alerts;
using Outlay.Server.Budgets;
using Outlay.Server.Credentials;
using Outlay.Server.Findings;
using Outlay.Server.Health;
using Outlay.Server.Ingest;
using Outlay.Server.Keys;

namespace Outlay.Server.Http;

/// <summary>Source-generated JSON metadata for every DTO the API reads or writes (no reflection at run time).</summary>
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(KeyListResponse))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(FindingListResponse))]
[JsonSerializable(typeof(SnoozeFindingRequest))]
[JsonSerializable(typeof(FindingItem))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ClientDropsResponse))]
[JsonSerializable(typeof(CreateBudgetRequest))]
[JsonSerializable(typeof(BudgetItem))]
[JsonSerializable(typeof(BudgetListResponse))]
[JsonSerializable(typeof(BudgetStatusResponse))]
[JsonSerializable(typeof(BudgetAlertListResponse))]
[JsonSerializable(typeof(CreateAlertChannelRequest))]
[JsonSerializable(typeof(CreatedAlertChannelResponse))]
[JsonSerializable(typeof(AlertChannelItem))]
[JsonSerializable(typeof(AlertChannelListResponse))]
[JsonSerializable(typeof(QueuedTestNoticeResponse))]
[JsonSerializable(typeof(CredentialListResponse))]
[JsonSerializable(typeof(CredentialItem))]
[JsonSerializable(typeof(RetireCredentialRequest))]
[JsonSerializable(typeof(CredentialRotationResponse))]
[JsonSerializable(typeof(Outlay.Server.Prices.RepriceApiRequest))]
[JsonSerializable(typeof(Outlay.Server.Prices.RepriceResponse))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
