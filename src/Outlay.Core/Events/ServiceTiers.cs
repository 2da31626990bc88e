namespace Outlay.Core.Events;

/// <summary>The <c>service_tier</c> values of wire contract v1; the tier changes the price.</summary>
public static class ServiceTiers
{
    public const string Default = "default";
    public const string Batch = "batch";
    public const string Flex = "flex";
    public const string Priority = "priority";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { Default, Batch, Flex, Priority };
}
