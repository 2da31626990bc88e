namespace Outlay.Core.Pricing;

/// <summary>
/// A negotiated discount: costs of matching calls are multiplied by <see cref="Factor"/> (0.8 = 20% off).
/// <see cref="Provider"/> and <see cref="Model"/> are exact names (case-insensitive) or <c>*</c>; the most specific
/// rule wins (model beats provider beats <c>*</c>/<c>*</c>).
/// </summary>
/// <param name="Provider">Canonical provider name or <c>*</c>.</param>
/// <param name="Model">Catalog model (the resolved one, e.g. <c>gpt-4o</c>) or <c>*</c>.</param>
/// <param name="Factor">Multiplier applied after pricing, greater than 0.</param>
public sealed record DiscountRule(string Provider, string Model, decimal Factor)
{
    internal const string Any = "*";

    /// <summary>Specificity when the rule matches (higher wins), or -1 when it does not.</summary>
    internal int Specificity(string provider, string model)
    {
        var providerExact = !string.Equals(Provider, Any, StringComparison.Ordinal);
        var modelExact = !string.Equals(Model, Any, StringComparison.Ordinal);
        if ((providerExact && !string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase))
            || (modelExact && !string.Equals(Model, model, StringComparison.OrdinalIgnoreCase)))
        {
            return -1;
        }

        return (modelExact ? 2 : 0) + (providerExact ? 1 : 0);
    }
}
