using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>What one provider call has revealed so far: metadata only, never message contents.</summary>
internal sealed class CallRecord
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public CallRecord(string operation, string? requestedModel, Dictionary<string, string>? tags)
    {
        Operation = operation;
        RequestedModel = requestedModel;
        Tags = tags;
    }

    public string Operation { get; }

    /// <summary>The model asked for in the options, used when the response names none (for example after an error).</summary>
    public string? RequestedModel { get; }

    public Dictionary<string, string>? Tags { get; }

    public string? ResponseModel { get; set; }

    public UsageDetails? Usage { get; set; }

    public string? ServiceTier { get; set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt);
}
