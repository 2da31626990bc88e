using System.Text.Json.Serialization;
using Outlay.Core.Findings;

namespace Outlay.Server.Findings;

/// <summary>Where a finding was seen, as the API shows it; an unknown part is null.</summary>
internal sealed record FindingWhere(
    [property: JsonPropertyName("key_label")] string? KeyLabel,
    [property: JsonPropertyName("service")] string? Service,
    [property: JsonPropertyName("environment")] string? Environment,
    [property: JsonPropertyName("instance")] string? Instance,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("feature")] string? Feature,
    [property: JsonPropertyName("customer")] string? Customer,
    [property: JsonPropertyName("provider")] string? Provider)
{
    public static FindingWhere From(FindingPlace place) =>
        new(place.KeyLabel, place.Service, place.Environment, place.Instance, place.Model, place.Feature, place.Customer, place.Provider);
}
