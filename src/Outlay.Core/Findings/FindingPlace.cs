namespace Outlay.Core.Findings;

/// <summary>
/// Where a finding was seen, as far as it is known: every part is optional, and none is ever a secret (a key label
/// names a credential, it is not one).
/// </summary>
/// <param name="KeyLabel">The provider credential's label.</param>
/// <param name="Service">The service.</param>
/// <param name="Environment">The environment.</param>
/// <param name="Instance">The instance (host, pod).</param>
/// <param name="Model">The model.</param>
/// <param name="Feature">The <c>feature</c> tag.</param>
/// <param name="Customer">The <c>customer</c> tag.</param>
/// <param name="Provider">The provider (for reconciliation findings).</param>
public sealed record FindingPlace(
    string? KeyLabel = null,
    string? Service = null,
    string? Environment = null,
    string? Instance = null,
    string? Model = null,
    string? Feature = null,
    string? Customer = null,
    string? Provider = null)
{
    /// <summary>A place with nothing known.</summary>
    public static FindingPlace Unknown { get; } = new();

    /// <summary>
    /// Every part by its wire name (<c>key_label</c>, <c>service</c>, <c>environment</c>, <c>instance</c>, <c>model</c>,
    /// <c>feature</c>, <c>customer</c>, <c>provider</c>), in that order, unknown parts as null: one list for every writer.
    /// </summary>
    public IReadOnlyList<(string Name, string? Value)> Parts =>
    [
        ("key_label", KeyLabel), ("service", Service), ("environment", Environment), ("instance", Instance),
        ("model", Model), ("feature", Feature), ("customer", Customer), ("provider", Provider),
    ];
}
