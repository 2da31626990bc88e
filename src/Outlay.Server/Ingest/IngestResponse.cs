using System.Text.Json.Serialization;

namespace Outlay.Server.Ingest;

/// <summary>The <c>200</c> answer of <c>POST /v1/events</c> (wire contract v1).</summary>
internal sealed record IngestResponse(
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("rejected")] IReadOnlyList<IngestRejection> Rejected);
