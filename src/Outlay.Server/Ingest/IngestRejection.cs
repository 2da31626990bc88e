using System.Text.Json.Serialization;

namespace Outlay.Server.Ingest;

/// <summary>One refused event: its position in the batch, its id when readable, and a reason naming the field.</summary>
internal sealed record IngestRejection(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("error")] string Error);
