using Outlay.Core.Findings;
using Outlay.Core.Storage;

namespace Outlay.Server.Tests.Findings;

/// <summary>Records findings straight in a test's store, as a detector or ingest would.</summary>
internal static class FindingSeed
{
    /// <summary>A warning spend spike on <paramref name="label"/> in the hour <paramref name="at"/>, explaining itself.</summary>
    public static FindingObservation Spike(string projectId, DateTimeOffset at, string label = "openai-prod", FindingSeverity severity = FindingSeverity.Warning) => new(
        projectId,
        FindingKinds.SpendSpike,
        severity,
        $"{FindingKinds.SpendSpike}|key_label={label}|{at:yyyy-MM-ddTHH}",
        $"key_label={label}",
        $"Spend on key label {label} is 8x its usual level for this hour",
        "Compared with the same hour of week in the previous 4 weeks.",
        new FindingPlace(KeyLabel: label, Service: "checkout", Environment: "prod"),
        "$1.20/h (median of 4 same hours of week)",
        "$9.85/h",
        null,
        at);

    public static async Task<Finding> RecordAsync(IOutlayStore store, FindingObservation observation) =>
        (await store.RecordFindingAsync(observation, TestContext.Current.CancellationToken)).Finding;
}
