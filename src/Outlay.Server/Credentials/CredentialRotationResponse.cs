using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>The answer of <c>GET /api/v1/credentials/{label}/rotation</c>: per place, whether it moved to the new label.</summary>
internal sealed record CredentialRotationResponse(
    [property: JsonPropertyName("old_label")] string OldLabel,
    [property: JsonPropertyName("new_label")] string NewLabel,
    [property: JsonPropertyName("moved")] int Moved,
    [property: JsonPropertyName("both")] int Both,
    [property: JsonPropertyName("not_moved")] int NotMoved,
    [property: JsonPropertyName("places")] IReadOnlyList<CredentialRotationPlaceItem> Places);
